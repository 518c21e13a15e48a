package dev.fugong.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules of k8s/monitoring/rules.yaml name only metrics the service exports (or,
 * listed here, those of another exporter): a renamed meter would otherwise leave an alert
 * that never fires.
 */
@IntegrationTest
class PrometheusRulesIT {

	/** From elsewhere: Prometheus's own, and postgres_exporter's on each replica. */
	private static final Set<String> EXTERNAL = Set.of("up", "pg_replication_lag_seconds");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokens;

	@LocalManagementPort
	int managementPort;

	@Test
	void everyMetricARuleNamesIsExported() throws IOException {
		// A request to the scan route, so that its timer and buckets exist (a refused
		// one is enough: the rules read the route, not the answer).
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(new TestTokens(tokens).employeeOnMiniProgram()))
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isBadRequest();
		String scraped = WebTestClient.bindToServer()
			// Every route's latency buckets: past the client's default 256 KB after a
			// whole
			// test run.
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.baseUrl("http://localhost:" + managementPort)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		Set<String> named = named(Path.of("k8s/monitoring/rules.yaml"));
		assertThat(named).contains("http_server_requests_seconds_bucket", "fugong_scans_writer_queued");
		for (String metric : named) {
			if (!EXTERNAL.contains(metric)) {
				assertThat(scraped).as("the service exports %s", metric).containsPattern("(?m)^" + metric + "[{ ]");
			}
		}
		// The p99 alert's buckets, on the route it reads.
		assertThat(scraped).containsPattern("(?m)^http_server_requests_seconds_bucket\\{.*uri=\"/api/v1/scans\"");
	}

	@SuppressWarnings("unchecked")
	private static Set<String> named(Path rules) throws IOException {
		Set<String> names = new TreeSet<>();
		try (Reader reader = Files.newBufferedReader(rules)) {
			Map<String, Object> document = new Yaml().load(reader);
			for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					names.addAll(metrics((String) rule.get("expr")));
				}
			}
		}
		return names;
	}

	/**
	 * The metric names of a PromQL expression: what is left without labels, ranges,
	 * functions.
	 */
	static Set<String> metrics(String expr) {
		String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "")
			.replaceAll("\\{[^}]*\\}", "")
			.replaceAll("\\[[^]]*\\]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
		Set<String> names = new TreeSet<>();
		Matcher matcher = NAME.matcher(bare);
		while (matcher.find()) {
			String token = matcher.group();
			int end = matcher.end();
			boolean function = bare.substring(end).stripLeading().startsWith("(");
			if (!function && !KEYWORDS.contains(token.toLowerCase())) {
				names.add(token);
			}
		}
		return names;
	}

}
