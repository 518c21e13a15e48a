package dev.fugong.config;

import java.util.Map;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The role the service's statements run as ({@code fugong.database.runtime-role}, ADR
 * 0040): sent as the {@code role} startup parameter of every R2DBC connection, so each
 * session starts as that role (the login role must be a member of it). The runtime role
 * cannot UPDATE or DELETE audit rows (V43). Flyway connects as the login role, which owns
 * the tables. Blank: statements run as the login role.
 */
@Configuration(proxyBeanMethods = false)
class RuntimeRoleConfig {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer runtimeRole(@Value("${fugong.database.runtime-role:}") String role) {
		return options -> {
			if (!role.isBlank()) {
				options.option(PostgresqlConnectionFactoryProvider.OPTIONS, Map.of("role", role));
			}
		};
	}

}
