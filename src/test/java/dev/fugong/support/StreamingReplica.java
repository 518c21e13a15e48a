package dev.fugong.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL primary and a streaming replica of it on loopback, both the project's
 * embedded PostgreSQL 17 (which has no pg_basebackup): the replica's data directory is a
 * copy taken between {@code pg_backup_start} and {@code pg_backup_stop}, with a
 * replication slot so that no WAL it needs is recycled, {@code standby.signal} and
 * {@code primary_conninfo}. For tests of reads routed to a replica.
 */
public final class StreamingReplica implements AutoCloseable {

	/** Not copied: the primary's running state and its WAL, which the replica streams. */
	private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

	private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp");

	private final EmbeddedPostgres primary;

	private final EmbeddedPostgres replica;

	private final Path replicaData;

	private StreamingReplica(EmbeddedPostgres primary, EmbeddedPostgres replica, Path replicaData) {
		this.primary = primary;
		this.replica = replica;
		this.replicaData = replicaData;
	}

	public static StreamingReplica start() {
		EmbeddedPostgres primary = null;
		try {
			primary = EmbeddedPostgres.builder()
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "100")
				.start();
			Path copy = Files.createTempDirectory("fugong-replica-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			try (Connection connection = connect(primary.getPort());
					Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_create_physical_replication_slot('fugong_replica', true)");
				Path data = Path.of(single(statement, "SHOW data_directory"));
				statement.execute("SELECT pg_backup_start('fugong-replica', true)");
				copy(data, copy);
				Files.writeString(copy.resolve("backup_label"),
						single(statement, "SELECT labelfile FROM pg_backup_stop(false)"));
			}
			Files.writeString(copy.resolve("standby.signal"), "");
			Files.writeString(
					copy.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port="
							+ primary.getPort() + " user=postgres'\n" + "primary_slot_name = 'fugong_replica'\n",
					StandardOpenOption.APPEND);
			EmbeddedPostgres replica = EmbeddedPostgres.builder()
				.setDataDirectory(copy)
				// With cleaning, zonky runs initdb on the directory; it is removed in
				// close().
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("listen_addresses", "127.0.0.1")
				.start();
			return new StreamingReplica(primary, replica, copy);
		}
		catch (IOException | SQLException ex) {
			close(primary);
			throw new IllegalStateException("Could not start a primary and its replica", ex);
		}
	}

	public int primaryPort() {
		return primary.getPort();
	}

	public int replicaPort() {
		return replica.getPort();
	}

	/** Runs a statement as the superuser on the primary or the replica. */
	public static void execute(int port, String sql) {
		try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A number read as the superuser on the primary or the replica. */
	public static long count(int port, String sql) {
		try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
			return Long.parseLong(single(statement, sql));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Connection connect(int port) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path relative = from.relativize(path);
				if (relative.toString().isEmpty() || SKIPPED.contains(relative.toString())) {
					continue;
				}
				Path target = to.resolve(relative.toString());
				if (Files.isDirectory(path)) {
					// The primary's slots are its own; WAL's subdirectories are needed.
					if (!(relative.getNameCount() > 1 && relative.getName(0).toString().equals("pg_replslot"))) {
						Files.createDirectories(target);
					}
				}
				else if (!EMPTIED.contains(relative.getName(0).toString())) {
					try {
						Files.copy(path, target);
					}
					catch (NoSuchFileException gone) {
						// A temporary file the running primary removed meanwhile.
					}
				}
			}
		}
	}

	@Override
	public void close() {
		close(replica);
		close(primary);
		try (Stream<Path> paths = Files.walk(replicaData)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind.
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
