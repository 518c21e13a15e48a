package dev.fugong.enterprise.place.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.place.domain.PlaceCodes;
import dev.fugong.enterprise.domain.PlaceKind;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a scanned place code names, for the mini-program to show before the person scans
 * in; and the page a phone camera opens when it reads a code outside WeChat.
 */
@RestController
class CodeController {

	private static final String OUTSIDE_WECHAT = """
			<!doctype html>
			<html lang="zh-CN"><head><meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>复工通行 · 扫码登记</title>
			<style>body{font-family:system-ui,sans-serif;margin:3em 1.5em;text-align:center;color:#222}
			h1{font-size:1.4em;color:#1a7f37}</style></head>
			<body><h1>请使用微信扫码登记</h1>
			<p>这是复工通行平台的场所码或通行码。请打开微信，使用“扫一扫”重新扫描。</p>
			<p lang="en">This is a Fugong place or pass code. Scan it again with WeChat.</p></body></html>
			""";

	private final PlaceCodes codes;

	CodeController(PlaceCodes codes) {
		this.codes = codes;
	}

	/**
	 * The place a scanned code names, if the code is genuine and current; a refused code
	 * is a problem whose {@code code} says why.
	 */
	@ProblemCodes({ "code_too_long", "code_not_ascii", "code_not_a_url", "code_wrong_host", "code_wrong_prefix",
			"code_bad_encoding", "code_malformed", "code_unknown_key", "code_bad_signature", "code_key_withdrawn",
			"code_wrong_kind", "code_not_yet_valid", "code_expired", "code_rotated", "code_place_gone" })
	@PostMapping(path = "/api/v1/codes/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResolvedPlace> resolve(@Valid @RequestBody ResolveRequest request) {
		return codes.verify(request.code()).map(scanned -> {
			var place = scanned.place().place();
			return new ResolvedPlace(place.id(), place.name(), place.kind(), scanned.place().enterprise().id(),
					scanned.place().enterprise().name(), scanned.dynamic(), place.requiresDynamicCode());
		});
	}

	/**
	 * What a phone camera outside WeChat opens: a page saying to scan with WeChat. The
	 * token is not read here, so the page tells nothing about the code.
	 */
	@GetMapping(path = "/q/{token}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> outsideWeChat(@PathVariable String token) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(OUTSIDE_WECHAT);
	}

	/**
	 * @param code the scanned content: the whole URL
	 */
	record ResolveRequest(@NotNull @PlainText String code) {
	}

	/**
	 * @param enterpriseId the enterprise of the place: what a returnee names as its
	 * employer when it declares itself by scanning a gate code of its workplace
	 */
	record ResolvedPlace(UUID id, String name, PlaceKind kind, UUID enterpriseId, String enterpriseName,
			boolean dynamicCode, boolean requiresDynamicCode) {
	}

}
