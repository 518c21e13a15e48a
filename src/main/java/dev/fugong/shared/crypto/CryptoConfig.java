package dev.fugong.shared.crypto;

import dev.fugong.config.FugongProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfig {

	@Bean
	PersonalDataCipher personalDataCipher(FugongProperties properties) {
		return new PersonalDataCipher(properties.crypto().aeadKeyset());
	}

	@Bean
	LookupHasher lookupHasher(FugongProperties properties) {
		return new LookupHasher(properties.crypto().lookupKeyset());
	}

}
