package dev.fugong.support;

import java.time.Duration;

import dev.fugong.FugongApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One instance of the whole service started by a test itself (profiles local and test),
 * as a pod would be, for tests that point it at servers of their own (a Redis Cluster, a
 * replica), and a client of its port.
 */
public final class ServiceInstance {

	private ServiceInstance() {
	}

	/**
	 * @param args command-line arguments: they outrank application.yaml (default
	 * properties would lose to its port 8080)
	 */
	public static ConfigurableApplicationContext start(String name, String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--spring.application.name=fugong-" + name;
		System.arraycopy(args, 0, all, 2, args.length);
		return new SpringApplicationBuilder(FugongApplication.class).profiles("local", "test").run(all);
	}

	/** A client of the instance's API port; answers may take 30 s on a busy machine. */
	public static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Closes what was started, the service first; skips what was not. */
	public static void close(AutoCloseable... started) {
		for (AutoCloseable closeable : started) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

}
