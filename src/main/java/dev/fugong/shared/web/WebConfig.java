package dev.fugong.shared.web;

import dev.fugong.config.FugongProperties;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebFluxConfigurer {

	private final FugongProperties properties;

	private final java.util.List<LargerBody> limits;

	WebConfig(FugongProperties properties, org.springframework.beans.factory.ObjectProvider<LargerBody> limits) {
		this.properties = properties;
		this.limits = limits.orderedStream().toList();
	}

	/**
	 * Only the pages under {@code /console/} and {@code /m/}, and the WebJars they
	 * import, are static. Boot's default maps {@code /**} to four classpath folders, so
	 * every unknown API path was looked up in each of them (and in the jar's nested
	 * entries) before its 404: a 404 cost twice a real answer (issue 10). With
	 * {@code spring.web.resources.add-mappings} off, an unknown path finds no handler at
	 * once. Files are served from memory after their first read
	 * ({@link InMemoryResourceResolver}).
	 */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		register(registry, "/console/**", "classpath:/static/console/", CacheControl.noCache());
		register(registry, "/m/**", "classpath:/static/m/", CacheControl.noCache());
		// Versioned paths: a file there never changes.
		register(registry, "/webjars/**", "classpath:/META-INF/resources/webjars/",
				CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
	}

	/**
	 * {@code /console/} and {@code /m/} answer their index pages (a resource handler
	 * serves files, not folders). Read once here, at start-up, not on an event loop.
	 */
	@Bean
	RouterFunction<ServerResponse> pageIndexes() throws IOException {
		byte[] console = new ClassPathResource("static/console/index.html").getContentAsByteArray();
		byte[] mobile = new ClassPathResource("static/m/index.html").getContentAsByteArray();
		return RouterFunctions.route()
			.GET("/console", request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
			.GET("/console/", request -> page(console))
			.GET("/m", request -> ServerResponse.permanentRedirect(URI.create("/m/")).build())
			.GET("/m/", request -> page(mobile))
			.build();
	}

	private static Mono<ServerResponse> page(byte[] html) {
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.bodyValue(html);
	}

	private static void register(ResourceHandlerRegistry registry, String pattern, String location,
			CacheControl cache) {
		registry.addResourceHandler(pattern)
			.addResourceLocations(location)
			.setCacheControl(cache)
			.resourceChain(true)
			.addResolver(new InMemoryResourceResolver());
	}

	@Override
	public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
		// The same limit as RequestSizeLimitFilter, for bodies sent without a
		// Content-Length.
		configurer.defaultCodecs().maxInMemorySize((int) properties.http().maxBodySize().toBytes());
		// A file part read as a FilePart (the staff-sheet import) goes to a temporary
		// file past that, up to the largest LargerBody of any endpoint (each is held to
		// its own by RequestSizeLimitFilter when it declares a length); without one, no
		// file part reaches the disk at all. Uploads read as PartEvents (shared/upload)
		// are bounded as they stream.
		long disk = limits.stream().mapToLong(LargerBody::maxBytes).max().orElse(0);
		configurer.defaultCodecs().configureDefaultCodec(codec -> {
			if (codec instanceof org.springframework.http.codec.multipart.DefaultPartHttpMessageReader parts) {
				parts.setMaxDiskUsagePerPart(disk);
				parts.setMaxParts(4);
			}
		});
	}

}
