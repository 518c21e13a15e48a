package dev.fugong.filing.web;

import dev.fugong.filing.domain.FilingProperties;
import dev.fugong.shared.web.LargerBody;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/** Filing uploads may be larger than the service's default body limit. */
@Configuration(proxyBeanMethods = false)
class FilingUploads {

	/** The file plus the multipart framing and the {@code kind} field. */
	static final DataSize FRAMING = DataSize.ofKilobytes(16);

	@Bean
	LargerBody filingFileUpload(FilingProperties properties) {
		return LargerBody.of(HttpMethod.POST, "/api/v1/filings/{id}/files",
				DataSize.ofBytes(properties.maxFileSize().toBytes() + FRAMING.toBytes()));
	}

}
