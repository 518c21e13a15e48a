package dev.fugong.enterprise.place.domain;

import java.util.Base64;

import dev.fugong.config.FugongProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CodeConfig {

	@Bean
	CodeFormat codeFormat(FugongProperties properties) {
		FugongProperties.Codes codes = properties.codes();
		return new CodeFormat(codes.baseUrl(),
				codes.keys()
					.stream()
					.map(key -> new CodeFormat.Key(key.id(), Base64.getDecoder().decode(key.secret())))
					.toList(),
				codes.withdrawnKeyIds());
	}

}
