package dev.fugong.person;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** 一人一档 against real PostgreSQL: what is on disk, and finding a person again by phone. */
@IntegrationTest
class PersonServiceIT {

	@Autowired
	PersonService persons;

	@Autowired
	DatabaseClient database;

	@Test
	void aPersonIsStoredWithoutAnyPersonalDataInClearAndFoundByPhone() {
		String phone = "139" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
		PersonProfile created = persons.findOrRegister(phone, "11010519491231002X", "张三丰", Demo.RUIRUN).block();

		String row = database.sql("SELECT * FROM person WHERE id = :id").bind("id", created.id()).map((r, meta) -> {
			StringBuilder all = new StringBuilder();
			for (var column : meta.getColumnMetadatas()) {
				Object value = r.get(column.getName());
				all.append(value instanceof java.nio.ByteBuffer buffer ? StandardCharsets.ISO_8859_1.decode(buffer)
						: value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : value)
					.append('|');
			}
			return all.toString();
		}).one().block();
		assertThat(row).doesNotContain(phone, phone.substring(3), "11010519491231002X", "张三丰",
				new String("张三丰".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));

		PersonProfile found = persons.findByPhone("+86 " + phone).block();
		assertThat(found.id()).isEqualTo(created.id());
		assertThat(found.phone()).isEqualTo(phone);
		assertThat(found.idNumber()).isEqualTo("11010519491231002X");
		assertThat(found.name()).isEqualTo("张三丰");
		assertThat(found.toString()).doesNotContain(phone, "张三丰");
		assertThat(found.maskedPhone()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));

		// Registering the same phone again finds the same person.
		assertThat(persons.findOrRegister(phone, null, null, null).block().id()).isEqualTo(created.id());
		assertThat(persons.findByPhone("13000000000").blockOptional()).isEmpty();
	}

}
