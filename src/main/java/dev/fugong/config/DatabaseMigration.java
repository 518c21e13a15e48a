package dev.fugong.config;

import java.util.Arrays;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The migrate-only mode: Flyway migrates the database with the service's own migrations,
 * placeholders and {@code afterMigrate} (the scan-in partitions), and the process ends,
 * with a non-zero status if a migration failed. Nothing else starts: no web server, no
 * Redis, no scheduled jobs.
 * <p>
 * A release runs it once, as the Kubernetes Job {@code fugong-migrate}
 * ({@code k8s/base/migrate-job.yaml}), before the Deployment's new pods; the pods run
 * with {@code spring.flyway.enabled=false}, so several starting at once never race one
 * another for the schema history's lock, and a pod's start does not wait on a long
 * migration. Asked for by the environment variable {@code FUGONG_MIGRATE_ONLY=true} (the
 * image's entry point stays the same) or the argument {@code --migrate-only}.
 */
public final class DatabaseMigration {

	static final String VARIABLE = "FUGONG_MIGRATE_ONLY";

	static final String ARGUMENT = "--migrate-only";

	private static final Logger log = LoggerFactory.getLogger(DatabaseMigration.class);

	private DatabaseMigration() {
	}

	/** Whether this process is to migrate and end. */
	public static boolean requested(String[] args) {
		return Arrays.asList(args).contains(ARGUMENT) || "true".equalsIgnoreCase(System.getenv(VARIABLE));
	}

	/**
	 * Migrates the database {@code spring.flyway.url} names, as the service's profiles
	 * configure it, and returns the number of migrations applied. Throws if one failed.
	 */
	public static int migrate(String... args) {
		// Command-line arguments outrank the environment: the ConfigMap's
		// SPRING_FLYWAY_ENABLED=false, meant for the pods, does not switch this off.
		String[] all = Stream
			.concat(Arrays.stream(args).filter(arg -> !arg.equals(ARGUMENT)), Stream.of("--spring.flyway.enabled=true"))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Migration.class)
			.web(WebApplicationType.NONE)
			.run(all)) {
			// FlywayMigrationInitializer migrated during the refresh; info() reads the
			// history.
			Flyway flyway = context.getBean(Flyway.class);
			int applied = flyway.info().applied().length;
			log.info("Database migrated: {} migrations applied, schema version {}", applied,
					flyway.info().current() == null ? "none" : flyway.info().current().getVersion());
			return applied;
		}
	}

	/** Flyway's auto-configuration and nothing else. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(FlywayAutoConfiguration.class)
	static class Migration {

	}

}
