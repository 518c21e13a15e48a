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
		String port;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FugongApplication.class)
			.profiles("local", "test")
			.run("--server.port=0", "--spring.application.name=" + NAME)) {
			assertThat(context.isRunning()).isTrue();
			port = context.getEnvironment().getProperty("local.server.port");
			// The start only: this context shares its database with the other test
			// contexts, and may be delivering their alerts when it is closed.
			start = output.getAll();
		}
		// Its own lines only: other contexts of this test JVM may be logging meanwhile.
		// The application name in a line is the logging system's, which is the JVM's:
		// while this context runs, another context's lines carry it too. The shared
		// Reactor Netty loops log a test client's connection to the other context's
		// server (a different port) as ours; this application's own client calls go to
		// its own port (the WeChat fake).
		assertThat(start.lines()
			.filter(line -> line.contains("[" + NAME + "]"))
			.filter(line -> !(line.contains("r.netty.http.client") && !line.contains(":" + port + "]")))
			.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.as("warnings and errors logged at start-up")
			.isEmpty();
	}

}
