package dev.fugong;

import dev.fugong.config.DatabaseMigration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FugongApplication {

	/** Reactor Netty's setting for the number of HTTP (and PostgreSQL) event loops. */
	static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

	public static void main(String[] args) {
		if (DatabaseMigration.requested(args)) {
			DatabaseMigration.migrate(args);
			// The Job's pod ends here; a thread a library left running must not keep it.
			System.exit(0);
		}
		// One event loop per core the pod may use. Reactor Netty's default is at least
		// four: on a two-core pod that doubled the threads handing each scan to one
		// another, and the load run lost a third of its throughput to the switching.
		// -Dreactor.netty.ioWorkerCount=N still decides.
		if (System.getProperty(IO_WORKER_COUNT) == null) {
			System.setProperty(IO_WORKER_COUNT, String.valueOf(Runtime.getRuntime().availableProcessors()));
		}
		SpringApplication.run(FugongApplication.class, args);
	}

}
