package dev.fugong.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.support.QrSignInFlow;
import dev.fugong.support.ServiceInstance;

import org.springframework.context.ConfigurableApplicationContext;

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
		first = ServiceInstance.start("first");
		second = ServiceInstance.start("second");
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	@Test
	void theStreamOnOneInstanceHearsAConfirmOnTheOther() {
		QrSignInFlow.streamHearsScanAndConfirm(ServiceInstance.client(first), ServiceInstance.client(second));
	}

}
