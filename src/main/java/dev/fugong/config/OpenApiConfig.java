package dev.fugong.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The header of the served OpenAPI document; api-spec/openapi.yaml must equal what is
 * served.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI fugongOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Fugong (复工) API")
				.version("v1")
				.description("Work-resumption platform: enterprises, places, scan-ins, returnees. Errors are "
						+ "application/problem+json (RFC 9457) with a stable `code`; lists are paged with "
						+ "`page` (from 0) and `size` and answer `{items, page, size, total}`."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
