package dev.fugong.config;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings end up in logs (a failed start prints what it bound, a debug line prints a
 * bean): their text must never carry a secret.
 */
class FugongPropertiesTests {

	@Test
	void noSecretAppearsInTheSettingsText() {
		String signing = "signing-secret-" + "A".repeat(40);
		String aead = "{\"aead-keyset\":\"AEAD-KEYSET-MATERIAL\"}";
		String lookup = "{\"lookup-keyset\":\"LOOKUP-KEYSET-MATERIAL\"}";
		String code = "code-secret-" + "B".repeat(40);
		String wechat = "wechat-app-secret";
		FugongProperties properties = new FugongProperties(
				new FugongProperties.Security("https://fugong.test",
						List.of(new FugongProperties.SigningKey("k1", signing)), Duration.ofMinutes(10),
						Duration.ofDays(14), 4096, 32, new FugongProperties.Logins(1200, 60, 20)),
				new FugongProperties.Crypto(aead, lookup),
				new FugongProperties.Http(DataSize.ofKilobytes(256), true, List.of()),
				new FugongProperties.Wechat("https://api.weixin.qq.com", "wx-app", wechat, Duration.ofSeconds(3)),
				new FugongProperties.Codes("https://fugong.test", List.of(new FugongProperties.CodeKey(1, code)),
						List.of(), Duration.ofSeconds(30), Duration.ofSeconds(60)),
				null, null, null);

		assertThat(properties.toString())
			.doesNotContain(signing, "AEAD-KEYSET-MATERIAL", "LOOKUP-KEYSET-MATERIAL", code, wechat)
			.contains("k1", "wx-app");
	}

}
