package dev.fugong.returnee.web;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.shared.web.BodyLimit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class ReturneeWebConfig {

	/** Staff sheets may be up to {@code fugong.returnees.imports.max-file-size}. */
	@Bean
	BodyLimit staffImportBodyLimit(ReturneeProperties properties) {
		// The multipart envelope around the file adds a few hundred bytes.
		return new BodyLimit("/api/v1/enterprises/{id}/staff-imports",
				DataSize.ofBytes(properties.imports().maxFileSize().toBytes() + 64 * 1024));
	}

}
