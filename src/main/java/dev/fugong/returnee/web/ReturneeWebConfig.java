package dev.fugong.returnee.web;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.shared.web.LargerBody;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class ReturneeWebConfig {

	/**
	 * Staff sheets may be up to {@code fugong.returnees.imports.max-file-size}; a body
	 * sent without a length is bounded by the multipart reader's disk limit (WebConfig)
	 * and the controller's size check.
	 */
	@Bean
	LargerBody staffImportBody(ReturneeProperties properties) {
		// The multipart envelope around the file adds a few hundred bytes.
		return LargerBody.of(HttpMethod.POST, "/api/v1/enterprises/{id}/staff-imports",
				DataSize.ofBytes(properties.imports().maxFileSize().toBytes() + 64 * 1024));
	}

}
