package dev.fugong.shared.web;

import dev.fugong.config.FugongProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebFluxConfigurer {

	private final FugongProperties properties;

	private final java.util.List<BodyLimit> limits;

	WebConfig(FugongProperties properties, org.springframework.beans.factory.ObjectProvider<BodyLimit> limits) {
		this.properties = properties;
		this.limits = limits.orderedStream().toList();
	}

	/**
	 * Only the pages under {@code /console/} are static. Boot's default maps {@code /**}
	 * to four classpath folders, so every unknown API path was looked up in each of them
	 * (and in the jar's nested entries) before its 404: a 404 cost twice a real answer
	 * (issue 10). With {@code spring.web.resources.add-mappings} off, an unknown path
	 * finds no handler at once.
	 */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/console/**").addResourceLocations("classpath:/static/console/");
	}

	@Override
	public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
		// The same limit as RequestSizeLimitFilter, for bodies sent without a
		// Content-Length.
		configurer.defaultCodecs().maxInMemorySize((int) properties.http().maxBodySize().toBytes());
		// A file part larger than that goes to a temporary file, up to the largest
		// BodyLimit of any path (the paths themselves are held to theirs by
		// RequestSizeLimitFilter); without one, no file part reaches the disk at all.
		long disk = limits.stream().mapToLong(limit -> limit.maxSize().toBytes()).max().orElse(0);
		configurer.defaultCodecs().configureDefaultCodec(codec -> {
			if (codec instanceof org.springframework.http.codec.multipart.DefaultPartHttpMessageReader parts) {
				parts.setMaxDiskUsagePerPart(disk);
				parts.setMaxParts(4);
			}
		});
	}

}
