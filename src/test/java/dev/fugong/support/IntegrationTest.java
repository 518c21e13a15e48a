package dev.fugong.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port against real PostgreSQL and Redis (embedded
 * binaries, started once per test JVM) with the demo district seeded. Every test class
 * using exactly this annotation shares one application context.
 * <p>
 * The test client waits up to 30 s for an answer, not its default 5 s: on a busy build
 * machine a first request (cold code paths, first connections) has taken longer than 5 s.
 * A test that needs an answer sooner says so and measures it.
 * <p>
 * With {@code -Dapi-examples.write=true} the exchanges are recorded as the API document's
 * examples ({@link ExchangeRecorder}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@ActiveProfiles({ "local", "test" })
@Import(ExchangeRecorder.Recording.class)
public @interface IntegrationTest {

}
