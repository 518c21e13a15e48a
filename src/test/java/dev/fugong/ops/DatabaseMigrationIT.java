package dev.fugong.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.config.DatabaseMigration;
import dev.fugong.config.EmbeddedServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrate-only mode the release's Job runs (k8s/base/migrate-job.yaml): on an empty
 * database it applies every migration and the afterMigrate callback, then ends; run again
 * for the same release it applies nothing. The pods, with Flyway off, never migrate.
 */
class DatabaseMigrationIT {

	@Test
	void migratesAnEmptyDatabaseOnceAndAgainChangesNothing() throws SQLException {
		// The embedded PostgreSQL of this JVM, started by a first run on its own
		// database.
		DatabaseMigration.migrate("--spring.profiles.active=local,test");
		int port = EmbeddedServers.postgres().getPort();
		String database = "migrate_" + UUID.randomUUID().toString().replace("-", "");
		execute("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "CREATE DATABASE " + database);
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
		String[] args = { "--migrate-only", "--spring.profiles.active=test", "--fugong.embedded.enabled=false",
				"--spring.flyway.url=" + url, "--spring.flyway.user=postgres", "--spring.flyway.password=postgres" };

		int applied = DatabaseMigration.migrate(args);

		assertThat(applied).isGreaterThan(20);
		assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
		assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied);
		// afterMigrate ran: the scan-in partitions of yesterday, today and the week
		// ahead.
		assertThat(count(url, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'scan_in'::regclass"))
			.isGreaterThanOrEqualTo(9);
		// No demo district: the Job migrates, it does not seed.
		assertThat(count(url, "SELECT count(*) FROM enterprise")).isZero();

		assertThat(DatabaseMigration.migrate(args)).isEqualTo(applied);
		assertThat(count(url, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(applied);
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long count(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
