package dev.fugong.config;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frameworks' logging (commons-logging) drops a message of a disabled level without
 * turning it into a string first (commons-logging.properties): Spring Security logs debug
 * messages on every request, unguarded.
 */
class LoggingLevelsTests {

	@Test
	void aDebugMessageIsNotFormattedWhenDebugIsOff() {
		Log log = LogFactory.getLog("dev.fugong.config.LoggingLevelsTests.quiet");
		AtomicInteger formatted = new AtomicInteger();
		Object message = new Object() {
			@Override
			public String toString() {
				formatted.incrementAndGet();
				return "expensive";
			}
		};

		log.debug(message);
		log.trace(message);
		log.info(message);

		assertThat(log.isDebugEnabled()).isFalse();
		assertThat(formatted).as("only the info message is formatted").hasValue(1);
	}

}
