package dev.fugong.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.fugong.FugongApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean start says nothing alarming: an operator who sees a warning at every start
 * learns to ignore warnings. (springdoc used to warn once per operation.)
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLogIT {

	static final String NAME = "fugong-start-check";

	@Test
	void aStartOfTheLocalProfileLogsNoWarningOrError(CapturedOutput output) {
		String start;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FugongApplication.class)
			.profiles("local", "test")
			.run("--server.port=0", "--spring.application.name=" + NAME)) {
			assertThat(context.isRunning()).isTrue();
			// The start only: this context shares its database with the other test
			// contexts,
			// and may be delivering their alerts when it is closed.
			start = output.getAll();
		}
		// Its own lines only: other contexts of this test JVM may be logging meanwhile.
		assertThat(start.lines()
			.filter(line -> line.contains("[" + NAME + "]"))
			.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.as("warnings and errors logged at start-up")
			.isEmpty();
	}

}
