package dev.fugong.auth;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.FugongApplication;
import dev.fugong.support.QrSignInFlow;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two service instances on one PostgreSQL and one Redis, as two pods would be: the
 * console's stream is held by one, the guide scans and confirms through the other, and
 * the tokens still reach the console. Nothing of the flow lives in one instance's memory.
 */
class QrLoginTwoInstancesIT {

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() {
		first = start("first");
		second = start("second");
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	@Test
	void theStreamOnOneInstanceHearsAConfirmOnTheOther() {
		QrSignInFlow.streamHearsScanAndConfirm(client(first), client(second));
	}

	private static ConfigurableApplicationContext start(String name) {
		// Arguments, not default properties: those would lose to application.yaml's port
		// 8080.
		return new SpringApplicationBuilder(FugongApplication.class).profiles("local", "test")
			.run("--server.port=0", "--spring.application.name=fugong-" + name);
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
