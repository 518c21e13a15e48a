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

	/**
	 * Every key the prod profile requires, with the local profile's development values,
	 * so that the only thing missing is the database.
	 */
	private static final String[] KEYS = { "fugong.wechat.app-id=wx-test", "fugong.wechat.app-secret=test-secret",
			"fugong.security.signing-keys[0].id=t-1",
			"fugong.security.signing-keys[0].secret=iqKkGThb6X1wI+VaB44pbOcEFWxxbhDz1vgkFfpInXQ=",
			"fugong.codes.base-url=https://fugong.test", "fugong.codes.keys[0].id=1",
			"fugong.codes.keys[0].secret=2JnoNTuhpNxBPJOqOtCDXHvilK5UBHpXVDEL7ZTuxlA=",
			"fugong.crypto.aead-keyset={\"primaryKeyId\":1872028055,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiCS/SB8a6as2x8pxSMo+nwwHkLFyVWBrs4qkZ+Um/cRGQ==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":1872028055,\"outputPrefixType\":\"TINK\"}]}",
			"fugong.crypto.lookup-keyset={\"primaryKeyId\":4140782293,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.HmacPrfKey\",\"value\":\"EgIIAxoglSLdpiftcuL62+O1e8Z68/BmB2GbfswLY8WIUVGfJqg=\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":4140782293,\"outputPrefixType\":\"RAW\"}]}" };

	@Test
	void withoutADatabaseUrlThereIsNoEmbeddedFallback() {
		assertThatThrownBy(() -> start(KEYS)).hasStackTraceContaining("R2DBC Connection URL");
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
