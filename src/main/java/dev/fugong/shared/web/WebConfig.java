package dev.fugong.shared.web;

import dev.fugong.config.FugongProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebFluxConfigurer {

	private final FugongProperties properties;

	WebConfig(FugongProperties properties) {
		this.properties = properties;
	}

	@Override
	public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
		// The same limit as RequestSizeLimitFilter, for bodies sent without a
		// Content-Length.
		configurer.defaultCodecs().maxInMemorySize((int) properties.http().maxBodySize().toBytes());
	}

}
