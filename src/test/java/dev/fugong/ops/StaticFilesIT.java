package dev.fugong.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's and the mobile page's files as the browser fetches them: every module
 * they import is served (a WebJar version bumped in the POM but not in an import fails
 * here), pages come with a Content-Security-Policy that allows no inline script, and no
 * page holds inline script or style. The browser itself is driven by e2e/run.sh.
 */
@IntegrationTest
class StaticFilesIT {

	private static final Pattern IMPORT = Pattern.compile("(?:import|export)[^'\"]*?from\\s+'([^']+)'");

	private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

	@Autowired
	WebTestClient web;

	@Test
	void everyImportAndEveryAssetOfEveryPageIsServed() throws IOException {
		List<String> checked = new ArrayList<>();
		var resolver = new PathMatchingResourcePatternResolver();
		for (Resource script : resolver.getResources("classpath:/static/**/*.js")) {
			String path = script.getURL().getPath().replaceFirst(".*/static", "");
			String text = script.getContentAsString(StandardCharsets.UTF_8);
			Matcher imports = IMPORT.matcher(text);
			while (imports.find()) {
				String target = java.net.URI.create(path).resolve(imports.group(1)).toString();
				web.get().uri(target).exchange().expectStatus().isOk();
				checked.add(target);
			}
		}
		for (Resource page : resolver.getResources("classpath:/static/**/*.html")) {
			String text = page.getContentAsString(StandardCharsets.UTF_8);
			assertThat(text).as(page.getFilename() + " holds no inline script or style")
				.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
				.doesNotContain("<style")
				.doesNotContain(" style=")
				.doesNotContainPattern(" on[a-z]+=");
			Matcher assets = PAGE_ASSET.matcher(text);
			while (assets.find()) {
				web.get().uri(assets.group(1)).exchange().expectStatus().isOk();
				checked.add(assets.group(1));
			}
		}
		assertThat(checked).contains("/webjars/vue/3.5.13/dist/vue.runtime.esm-browser.prod.js", "/console/app.js",
				"/m/m.js");
	}

	@Test
	void pagesAllowScriptsFromTheServiceOnly() {
		for (String page : List.of("/console/", "/console/login.html", "/m/")) {
			String policy = web.get()
				.uri(page)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(String.class)
				.getResponseHeaders()
				.getFirst("Content-Security-Policy");
			assertThat(policy).as(page)
				.contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
		}
	}

}
