package dev.fugong.person;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.fugong.shared.problem.ApiException;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** 一人一档 against real PostgreSQL: what is on disk, and finding a person again by phone. */
@IntegrationTest
class PersonServiceIT {

	@Autowired
	PersonService persons;

	@Autowired
	DatabaseClient database;

	@Autowired
	WebTestClient web;

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

	@Test
	void aPhoneOrIdNumberThatIsNotValidIsTheClientsErrorNamingTheFieldAndStoresNothing() {
		String phone = "139" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
		persons.findOrRegister("1390013800", null, "张三", Demo.RUIRUN)
			.as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ApiException.InvalidField.class,
					invalid -> assertThat(invalid.getBody().getProperties()).containsEntry("errors",
							List.of(Map.of("field", "phone", "message",
									"must be an 11-digit mainland mobile number")))))
			.verify();
		persons.findOrRegister(phone, "110105194912310021", "张三", Demo.RUIRUN)
			.as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ApiException.InvalidField.class,
					invalid -> assertThat(invalid.getBody().getProperties()).containsEntry("errors",
							List.of(Map.of("field", "idNumber", "message", "must be a valid 18-character ID number")))))
			.verify();
		assertThat(persons.findByPhone(phone).blockOptional()).isEmpty();
	}

	/**
	 * WeChat vouches for whatever number the account has, foreign ones too; a person here
	 * is keyed by a mainland mobile number, so binding another is the client's 400.
	 */
	@Test
	void bindingAPhoneThatIsNotAMainlandMobileIsA400NamingThePhone() {
		String token = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String code = (String) web.post()
			.uri("/__fake/wechat/phone-codes")
			.bodyValue(Map.of("phone", "4155550100"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");

		web.post()
			.uri("/api/v1/auth/wechat/phone")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("code", code))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("phone")
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).doesNotContain("4155550100"));
		web.get()
			.uri("/api/v1/me")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.phoneMasked")
			.doesNotExist();
	}

}
