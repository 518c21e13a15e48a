package dev.fugong.ops;

import org.junit.jupiter.api.Test;

import dev.fugong.FugongApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prod profile has no fallback: without its keys and servers the service does not
 * start.
 */
class ProdProfileTests {

	@Test
	void withoutADatabaseUrlThereIsNoEmbeddedFallback() {
		assertThatThrownBy(() -> start()).hasStackTraceContaining("R2DBC Connection URL");
	}

	@Test
	void withADatabaseButNoKeysItRefusesToStart() {
		assertThatThrownBy(() -> start("spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:9/fugong",
				"spring.r2dbc.username=fugong", "spring.flyway.enabled=false"))
			.hasStackTraceContaining("on field 'security.signingKeys'")
			.hasStackTraceContaining("on field 'crypto'")
			.hasStackTraceContaining("on field 'codes.keys'")
			.hasStackTraceContaining("on field 'codes.baseUrl'");
	}

	private static void start(String... properties) {
		new SpringApplicationBuilder(FugongApplication.class).profiles("prod")
			.properties("server.port=0", "logging.level.root=OFF")
			.properties(properties)
			.run()
			.close();
	}

}
