package dev.fugong.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.yaml.snakeyaml.Yaml;

import dev.fugong.shared.crypto.LookupHasher;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;

/**
 * The generator of bench/trajectory.sh: straight into the service's PostgreSQL with COPY
 * (text format, streamed: nothing held in memory), with the local profile's keys, so the
 * service finds every person by its phone's keyed hash and decrypts what it reads.
 * <ul>
 * <li>{@code enterprises} enterprises in the park's grid, {@code places / enterprises}
 * gates each;</li>
 * <li>{@code persons} persons, phones 150xxxxxxxx from 15000000000, each employed by one
 * enterprise;</li>
 * <li>{@code scans} scan-ins over the last 21 days: each person at its own enterprise's
 * gates at shift times (7:00-9:00, 17:00-19:00 in the district's time), one in eight at
 * another enterprise's gate, one in twenty with a temperature;</li>
 * <li>800 returnees of the first enterprise.</li>
 * </ul>
 * Prints how long each step took. Arguments: JDBC URL, persons, scans, places,
 * enterprises.
 */
public final class TrajectorySeeder {

	static final UUID PARK_GRID = UUID.fromString("00000000-0000-7000-8000-000000000004");

	static final long FIRST_PHONE = 15_000_000_000L;

	private TrajectorySeeder() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int persons = Integer.parseInt(args[1]);
		long scans = Long.parseLong(args[2]);
		int places = Integer.parseInt(args[3]);
		int enterprises = Integer.parseInt(args[4]);
		Map<String, String> keys = localKeys();
		PersonalDataCipher cipher = new PersonalDataCipher(keys.get("aead-keyset"));
		LookupHasher hasher = new LookupHasher(keys.get("lookup-keyset"));
		try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
			db.setAutoCommit(true);
			long started = System.nanoTime();
			UUID[] enterpriseIds = new UUID[enterprises];
			UUID[] placeIds = new UUID[places];
			try (Statement statement = db.createStatement()) {
				statement
					.execute("SELECT ensure_scan_in_partitions((now() AT TIME ZONE 'Asia/Shanghai')::date - 22, 23, "
							+ "'Asia/Shanghai')");
			}
			copy(db, "COPY enterprise (id, name, uscc, industry, batch, zone_id, address, headcount, status) FROM STDIN",
					out -> {
						for (int e = 0; e < enterprises; e++) {
							enterpriseIds[e] = UUID.randomUUID();
							out.write(enterpriseIds[e] + "\t压测企业" + e + "\t" + String.format("BENCH%013d", e)
									+ "\tMANUFACTURING\t1\t" + PARK_GRID + "\t压测路 " + e + " 号\t500\tOPERATING\n");
						}
					});
			copy(db, "COPY place (id, enterprise_id, name, kind) FROM STDIN", out -> {
				for (int p = 0; p < places; p++) {
					placeIds[p] = UUID.randomUUID();
					out.write(placeIds[p] + "\t" + enterpriseIds[p % enterprises] + "\t门岗 " + p + "\tGATE\n");
				}
			});
			System.out.printf("enterprises and places: %.1f s%n", seconds(started));

			long personsStarted = System.nanoTime();
			UUID[] personIds = new UUID[persons];
			HexFormat hex = HexFormat.of();
			copy(db, "COPY person (id, phone_cipher, phone_hash, name_cipher, enterprise_id) FROM STDIN", out -> {
				for (int i = 0; i < persons; i++) {
					personIds[i] = UUID.randomUUID();
					String phone = String.valueOf(FIRST_PHONE + i);
					out.write(personIds[i] + "\t\\\\x" + hex.formatHex(cipher.encrypt(phone, Column.PERSON_PHONE))
							+ "\t\\\\x" + hex.formatHex(hasher.hash(phone, Column.PERSON_PHONE)) + "\t\\\\x"
							+ hex.formatHex(cipher.encrypt("压测" + i, Column.PERSON_NAME)) + "\t"
							+ enterpriseIds[i % enterprises] + "\n");
				}
			});
			System.out.printf("persons: %,d in %.1f s%n", persons, seconds(personsStarted));

			long scansStarted = System.nanoTime();
			Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
			int placesPerEnterprise = Math.max(1, places / enterprises);
			String[] temperatures = new String[] { "36.4", "36.6", "36.8", "37.5" };
			byte[][] temperatureCiphers = new byte[temperatures.length][];
			for (int t = 0; t < temperatures.length; t++) {
				temperatureCiphers[t] = cipher.encrypt(temperatures[t], Column.SCAN_TEMPERATURE);
			}
			String[] temperatureHex = new String[temperatures.length];
			for (int t = 0; t < temperatures.length; t++) {
				temperatureHex[t] = "\\\\x" + hex.formatHex(temperatureCiphers[t]);
			}
			SplittableRandom random = new SplittableRandom(12);
			copy(db, "COPY scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source, "
					+ "admitted, reasons, pass_color, temperature_cipher, fever) FROM STDIN", out -> {
						StringBuilder line = new StringBuilder(256);
						for (long k = 0; k < scans; k++) {
							int person = random.nextInt(persons);
							int home = person % enterprises;
							int enterprise = random.nextInt(8) == 0 ? random.nextInt(enterprises) : home;
							int place = Math.min(places - 1,
									enterprise + enterprises * random.nextInt(placesPerEnterprise));
							// Shift times in the district (UTC+8): 7-9 and 17-19, i.e.
							// 23-01 and 9-11 UTC.
							long minute = random.nextBoolean() ? 23 * 60 + random.nextInt(120)
									: 9 * 60 + random.nextInt(120);
							Instant at = today.minus(Duration.ofDays(random.nextInt(21)))
								.plus(Duration.ofMinutes(minute))
								.plusSeconds(random.nextInt(60));
							if (at.isAfter(Instant.now())) {
								at = at.minus(Duration.ofDays(1));
							}
							int t = random.nextInt(20) == 0 ? random.nextInt(temperatures.length) : -1;
							line.setLength(0);
							line.append(new UUID(random.nextLong(), random.nextLong()))
								.append('\t')
								.append(at)
								.append('\t')
								.append(personIds[person])
								.append('\t')
								.append(placeIds[place])
								.append('\t')
								.append(enterpriseIds[place % enterprises])
								.append("\tb")
								.append(k)
								.append("\tPLACE_CODE\t")
								.append(t == 3 ? "f\tFEVER\tRED\t" : "t\t\tGREEN\t")
								.append(t < 0 ? "\\N" : temperatureHex[t])
								.append('\t')
								.append(t == 3 ? 't' : 'f')
								.append('\n');
							out.write(line.toString());
							if ((k + 1) % 5_000_000 == 0) {
								System.out.printf("  %,d scan-ins, %.0f s%n", k + 1, seconds(scansStarted));
							}
						}
					});
			System.out.printf("scan-ins: %,d in %.1f s%n", scans, seconds(scansStarted));

			long returneesStarted = System.nanoTime();
			byte[] travel = cipher.encrypt(
					"{\"origin\":\"420102\",\"transport\":\"TRAIN\",\"legs\":[{\"region\":\"420102\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}]}",
					Column.RETURNEE_TRAVEL);
			try (PreparedStatement insert = db.prepareStatement(
					"""
							INSERT INTO returnee (id, person_id, enterprise_id, zone_id, travel_cipher, departed_at, departed_day,
							    arrived_at, arrival_at, arrival_day, source, created_at)
							VALUES (?, ?, ?, ?, ?, now() - interval '6 days', current_date - 6, now() - interval '5 days',
							    now() - interval '5 days', current_date - 5, 'IMPORT', now())
							""")) {
				for (int r = 0; r < 800; r++) {
					insert.setObject(1, UUID.randomUUID());
					// Its own employees first (persons i with i % enterprises == 0), then
					// the next enterprise's once those run out: 800 distinct persons
					// however few persons each enterprise has.
					int perEnterprise = Math.max(1, persons / enterprises);
					long index = (long) (r % perEnterprise) * enterprises + r / perEnterprise;
					insert.setObject(2, personIds[(int) index]);
					insert.setObject(3, enterpriseIds[0]);
					insert.setObject(4, PARK_GRID);
					insert.setBytes(5, travel);
					insert.addBatch();
				}
				insert.executeBatch();
			}
			System.out.printf("returnees of %s: 800 in %.1f s%n", enterpriseIds[0], seconds(returneesStarted));
			long analyze = System.nanoTime();
			try (Statement statement = db.createStatement()) {
				statement.execute("VACUUM ANALYZE person");
				statement.execute("VACUUM ANALYZE scan_in");
				statement.execute("VACUUM ANALYZE place");
				statement.execute("VACUUM ANALYZE enterprise");
			}
			System.out.printf("vacuum analyze: %.1f s%ntotal: %.1f s%nfirst enterprise: %s%n", seconds(analyze),
					seconds(started), enterpriseIds[0]);
		}
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	interface Rows {

		void write(Writer out) throws IOException;

	}

	/** One COPY FROM STDIN, the rows streamed through a writer as they are made. */
	private static void copy(Connection db, String sql, Rows rows) throws Exception {
		CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
		byte[] buffer = new byte[1 << 16];
		int[] filled = { 0 };
		Writer out = new Writer() {
			@Override
			public void write(char[] chars, int offset, int length) throws IOException {
				byte[] bytes = new String(chars, offset, length).getBytes(StandardCharsets.UTF_8);
				try {
					if (filled[0] + bytes.length > buffer.length) {
						copy.writeToCopy(buffer, 0, filled[0]);
						filled[0] = 0;
					}
					if (bytes.length > buffer.length) {
						copy.writeToCopy(bytes, 0, bytes.length);
					}
					else {
						System.arraycopy(bytes, 0, buffer, filled[0], bytes.length);
						filled[0] += bytes.length;
					}
				}
				catch (java.sql.SQLException ex) {
					throw new IOException(ex);
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		rows.write(out);
		if (filled[0] > 0) {
			copy.writeToCopy(buffer, 0, filled[0]);
		}
		copy.endCopy();
	}

	/** The local profile's crypto keysets, from application.yaml. */
	@SuppressWarnings("unchecked")
	static Map<String, String> localKeys() throws IOException {
		try (InputStream in = TrajectorySeeder.class.getResourceAsStream("/application.yaml")) {
			for (Object document : new Yaml().loadAll(in)) {
				Map<String, Object> map = (Map<String, Object>) document;
				Object spring = map.get("spring");
				if (spring instanceof Map<?, ?> s && s.get("config") instanceof Map<?, ?> c
						&& c.get("activate") instanceof Map<?, ?> a && "local".equals(a.get("on-profile"))) {
					Map<String, Object> fugong = (Map<String, Object>) map.get("fugong");
					return (Map<String, String>) fugong.get("crypto");
				}
			}
		}
		throw new IllegalStateException("no local profile in application.yaml");
	}

}
