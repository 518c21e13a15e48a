package dev.fugong.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever ran the README's first command where to go next. */
@Component
@Profile("local")
class LocalWelcome {

	private static final Logger log = LoggerFactory.getLogger(LocalWelcome.class);

	private final Environment environment;

	LocalWelcome(Environment environment) {
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		String management = "http://localhost:" + environment.getProperty("local.management.port",
				environment.getProperty("local.server.port", "8080"));
		log.info("""

				Fugong is running with the demo district (embedded PostgreSQL on port {}, embedded Redis).
				  API docs:   {}/swagger-ui.html
				  Health:     {}/readyz (details and metrics: {}/actuator/health, {}/actuator/prometheus)
				  A token:    curl -s -X POST {}/__dev/tokens -H 'Content-Type: application/json' \\
				                -d '{"openid":"demo-official","audience":"CONSOLE"}'
				  Then:       curl -s {}/api/v1/enterprises -H "Authorization: Bearer $TOKEN"
				Demo users and ids: README.md, "Demo district".""",
				environment.getProperty("fugong.embedded.postgres-port", "external"), base, base, management,
				management, base, base);
	}

}
