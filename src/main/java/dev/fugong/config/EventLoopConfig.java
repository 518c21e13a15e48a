package dev.fugong.config;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * PostgreSQL connections on the HTTP server's event loops. By default r2dbc-postgresql
 * has loops of its own, so every statement of a request crossed threads twice (out and
 * back); profiled under load, those hand-offs cost more CPU than the statements.
 */
@Configuration(proxyBeanMethods = false)
class EventLoopConfig {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer postgresOnServerLoops(ReactorResourceFactory resources) {
		return options -> options.option(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES,
				resources.getLoopResources());
	}

}
