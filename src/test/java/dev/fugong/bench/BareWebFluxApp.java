package dev.fugong.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The yardstick of {@code bench/overhead.sh}: a WebFlux app of the same Spring Boot
 * version on the same JVM and machine, with nothing but the web stack (Reactor Netty,
 * WebFlux, the codecs) and one route answering a small JSON document. What the service
 * adds on top of this (security, filters, observation, its own work) is what the ratios
 * measure.
 * <p>
 * Run: {@code java -cp target/test-classes:target/classes:$(cat target/bench.classpath)
 * dev.fugong.bench.BareWebFluxApp --server.port=18092}
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
		WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class })
public class BareWebFluxApp {

	private static final String UP = "{\"status\":\"UP\"}";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BareWebFluxApp.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.run(args);
	}

	@Bean
	RouterFunction<ServerResponse> hello() {
		return RouterFunctions.route()
			.GET("/hello", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(UP))
			.build();
	}

}
