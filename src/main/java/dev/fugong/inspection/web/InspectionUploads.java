package dev.fugong.inspection.web;

import dev.fugong.inspection.domain.InspectionProperties;
import dev.fugong.shared.web.LargerBody;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/** Item photos may be larger than the service's default body limit. */
@Configuration(proxyBeanMethods = false)
class InspectionUploads {

	@Bean
	LargerBody inspectionPhotoUpload(InspectionProperties properties) {
		return LargerBody.of(HttpMethod.POST, "/api/v1/inspections/{id}/items/{item}/photo",
				DataSize.ofBytes(properties.maxPhotoSize().toBytes() + DataSize.ofKilobytes(16).toBytes()));
	}

}
