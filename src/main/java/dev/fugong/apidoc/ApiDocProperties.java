package dev.fugong.apidoc;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the API document says about where and under which terms the API is served.
 *
 * @param servers the base URLs a client may call
 * @param licenseName the licence of the API document
 * @param licenseUrl where that licence is written
 */
@ConfigurationProperties("fugong.api-doc")
@Validated
record ApiDocProperties(@NotEmpty List<@Valid ServerEntry> servers, @NotBlank String licenseName,
		@NotBlank String licenseUrl) {

	/**
	 * @param url a base URL
	 * @param description which deployment it is
	 */
	record ServerEntry(@NotBlank String url, @NotBlank String description) {
	}

}
