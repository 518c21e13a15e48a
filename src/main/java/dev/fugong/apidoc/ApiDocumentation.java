package dev.fugong.apidoc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.EndpointAccess;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.web.FileAnswer;

import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Makes the generated API document complete from what the code knows: who may call each
 * operation (from the security rules), which errors it can answer and with which
 * {@code code}s (derived from its inputs and access, plus {@link ProblemCodes} where only
 * the handler knows), the RFC 9457 problem schema, shared components, tags, servers and
 * the examples recorded from real exchanges. docs/api.md explains each part.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocProperties.class)
class ApiDocumentation {

	static final String PROBLEM = "ProblemDetails";

	static final String PROBLEM_JSON = "application/problem+json";

	/** Where each code's problem lives in the document: one place for all. */
	private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

	/** Carried from the operation customiser to the document customiser, then removed. */
	private static final String CODES_EXTENSION = "x-fugong-problem-codes";

	/** Marks a download while the document is built; removed before it is served. */
	private static final String FILE_EXTENSION = "x-fugong-file";

	private static final String FEATURE_EXTENSION = "x-fugong-feature";

	/** One tag per feature package, in the glossary's words. */
	private static final Map<String, String> FEATURES = features();

	@Bean
	OpenAPI fugongOpenApi(ApiDocProperties properties) {
		OpenAPI api = new OpenAPI().info(new Info().title("Fugong (复工) API")
			.version("v1")
			.license(new License().name(properties.licenseName()).url(properties.licenseUrl()))
			.description("""
					The backend of a district's work-resumption platform (复工复产): enterprises (企业) \
					and their places (场所) with QR codes, scan-ins (扫码通行), returnees (返岗人员), \
					filings (备案), inspections, guides (驻企指导员) and dashboards. Two clients call it: \
					the WeChat mini-program (小程序) and the web console (管理后台); each operation \
					says which client's token it takes and which roles may call it.

					**Tokens.** `Authorization: Bearer <access token>`. The mini-program signs in with \
					`POST /api/v1/auth/wechat/login`; the console by QR code (`/api/v1/auth/qr-login`). \
					A token issued to one client is refused by the other's operations (401 `invalid_token`).

					**Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, \
					`detail`, `instance`, a stable machine `code` to switch on, and for bad fields \
					`errors[]` (`field`, `message`). Each operation lists the statuses and codes it can \
					answer; the schema `ProblemDetails` lists every code with its meaning. \
					Records outside the caller's scope answer 404, as if they did not exist.

					**Lists** are paged with `page` (from 0) and `size`, and answer \
					`{items, page, size, total}` (schema `Page`). Ids are UUIDs (schema `Id`); \
					phone numbers in answers are masked (`MaskedPhone`); temperatures are in °C \
					(`Temperature`).
					"""));
		properties.servers()
			.forEach(server -> api.addServersItem(new Server().url(server.url()).description(server.description())));
		return api
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token from sign-in (10 minutes; refresh with "
								+ "`POST /api/v1/auth/token/refresh`).")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	/**
	 * What only the handler method knows: its feature (for the tag) and the codes its
	 * {@link ProblemCodes} names.
	 */
	@Bean
	OperationCustomizer fugongOperationFacts() {
		return (operation, handler) -> {
			operation.addExtension(FEATURE_EXTENSION, feature(handler.getBeanType().getPackageName()));
			ProblemCodes codes = handler.getMethodAnnotation(ProblemCodes.class);
			if (codes != null) {
				for (String code : codes.value()) {
					ProblemCatalog.get(code);
				}
				operation.addExtension(CODES_EXTENSION, List.of(codes.value()));
			}
			FileAnswer file = handler.getMethodAnnotation(FileAnswer.class);
			if (file != null) {
				fileAnswer(operation, file);
			}
			return operation;
		};
	}

	/**
	 * A download's success answer as its media types, each as bytes. A 406 stays only
	 * where the handler itself declared what it produces.
	 */
	private static void fileAnswer(Operation operation, FileAnswer file) {
		ApiResponse ok = operation.getResponses().get("200");
		if (ok == null) {
			ok = new ApiResponse().description("OK");
			operation.getResponses().addApiResponse("200", ok);
		}
		boolean negotiated = ok.getContent() != null && !ok.getContent().containsKey("*/*");
		Content content = new Content();
		for (String type : file.value()) {
			content.addMediaType(type, new MediaType().schema(new Schema<String>().type("string").format("binary")));
		}
		ok.setContent(content);
		operation.addExtension(FILE_EXTENSION, negotiated);
	}

	@Bean
	OpenApiCustomizer fugongDocument(EndpointAccess access, RecordedExamples examples) {
		return api -> {
			try {
				customise(api, access, examples);
			}
			catch (RuntimeException ex) {
				// springdoc builds the document on its own thread at start-up and drops
				// what fails there; say it.
				LoggerFactory.getLogger(ApiDocumentation.class).error("The API document cannot be built", ex);
				throw ex;
			}
		};
	}

	private static void customise(OpenAPI api, EndpointAccess access, RecordedExamples examples) {
		{
			Components components = api.getComponents();
			SharedSchemas.add(components);
			Set<String> usedFeatures = new LinkedHashSet<>();
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				HttpMethod httpMethod = HttpMethod.valueOf(method.name());
				document(path, httpMethod, operation, access.of(httpMethod, path));
				examples.apply(httpMethod, path, operation);
				dropUnansweredOk(operation);
				usedFeatures.addAll(operation.getTags() == null ? List.of() : operation.getTags());
			}));
			api.setTags(usedFeatures.stream()
				.sorted()
				.map(tag -> new Tag().name(tag).description(FEATURES.getOrDefault(tag, "Endpoints of " + tag + ".")))
				.toList());
			SharedSchemas.useShared(api);
		}
	}

	/**
	 * springdoc lists 200 for every handler answering a ResponseEntity; one that answers
	 * 201 or 202 (recorded) and was never seen answering 200 does not give it, and a
	 * client developer should not write a branch for it. (A handler that does answer
	 * both, like a scan and its replay, has both recorded.)
	 */
	private static void dropUnansweredOk(Operation operation) {
		ApiResponses responses = operation.getResponses();
		ApiResponse ok = responses.get("200");
		if (ok == null || hasExamples(ok)) {
			return;
		}
		boolean otherSuccessRecorded = responses.entrySet()
			.stream()
			.anyMatch(entry -> entry.getKey().startsWith("2") && !entry.getKey().equals("200")
					&& hasExamples(entry.getValue()));
		if (otherSuccessRecorded) {
			responses.remove("200");
		}
	}

	private static boolean hasExamples(ApiResponse response) {
		return response.getContent() != null && response.getContent()
			.values()
			.stream()
			.anyMatch(media -> media.getExamples() != null && !media.getExamples().isEmpty());
	}

	private static void document(String path, HttpMethod method, Operation operation, EndpointAccess.Access access) {
		Map<String, Object> extensions = operation.getExtensions() == null ? Map.of() : operation.getExtensions();
		String feature = (String) extensions.get(FEATURE_EXTENSION);
		if (feature != null) {
			operation.setTags(List.of(feature));
		}
		@SuppressWarnings("unchecked")
		List<String> declared = (List<String>) extensions.getOrDefault(CODES_EXTENSION, List.of());
		Boolean fileNegotiated = (Boolean) extensions.get(FILE_EXTENSION);
		if (operation.getExtensions() != null) {
			operation.getExtensions().remove(FEATURE_EXTENSION);
			operation.getExtensions().remove(CODES_EXTENSION);
			operation.getExtensions().remove(FILE_EXTENSION);
			if (operation.getExtensions().isEmpty()) {
				operation.setExtensions(null);
			}
		}

		// Which codes, derived from what the operation is.
		Set<String> codes = new LinkedHashSet<>();
		List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
		boolean body = operation.getRequestBody() != null;
		if (body || !parameters.isEmpty()) {
			codes.add(ProblemCode.VALIDATION_FAILED);
			codes.add(ProblemCode.MALFORMED_REQUEST);
		}
		if (!access.open()) {
			codes.add(ProblemCode.UNAUTHORIZED);
			codes.add(ProblemCode.INVALID_TOKEN);
		}
		if (access.roleRestricted()) {
			codes.add(ProblemCode.FORBIDDEN);
		}
		if (parameters.stream()
			.anyMatch(parameter -> "query".equals(parameter.getIn())
					&& ("zoneId".equals(parameter.getName()) || "enterpriseId".equals(parameter.getName())))) {
			codes.add(ProblemCode.OUT_OF_SCOPE);
		}
		if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
			codes.add(ProblemCode.NOT_FOUND);
		}
		if (body) {
			codes.add(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
			codes.add(ProblemCode.PAYLOAD_TOO_LARGE);
		}
		if (fileNegotiated != null ? fileNegotiated
				: operation.getResponses()
					.values()
					.stream()
					.anyMatch(response -> response.getContent() != null && !response.getContent().containsKey("*/*"))) {
			codes.add(ProblemCode.NOT_ACCEPTABLE);
		}
		codes.addAll(declared);
		// Every operation reads PostgreSQL or Redis (a token's revocation is in Redis).
		codes.add(ProblemCode.DEPENDENCY_UNAVAILABLE);

		Map<HttpStatus, List<String>> byStatus = new TreeMap<>();
		for (String code : codes) {
			byStatus.computeIfAbsent(ProblemCatalog.get(code).status(), status -> new ArrayList<>()).add(code);
		}
		ApiResponses responses = operation.getResponses();
		byStatus.forEach((status, statusCodes) -> responses.addApiResponse(String.valueOf(status.value()),
				problemResponse(status, statusCodes)));

		// Who may call it, in the description and as security.
		String who = who(access);
		operation.setDescription((operation.getDescription() == null || operation.getDescription().isBlank()
				? operation.getSummary() : operation.getDescription()) + "\n\n" + who);
		if (access.open()) {
			operation.setSecurity(List.of());
		}
		else {
			operation.addExtension("x-fugong-audiences",
					access.audiences().stream().map(Audience::name).sorted().toList());
			operation.addExtension("x-fugong-roles", access.roles().stream().map(Role::name).toList());
		}
	}

	private static ApiResponse problemResponse(HttpStatus status, List<String> codes) {
		Schema<Object> codeSchema = SharedSchemas.schema("string");
		codes.forEach(codeSchema::addEnumItemObject);
		Schema<Object> schema = new Schema<>().specVersion(SpecVersion.V31)
			.addAllOfItem(new Schema<>().specVersion(SpecVersion.V31).$ref(PROBLEM_REF))
			.addAllOfItem(SharedSchemas.schema("object").addProperty("code", codeSchema));
		String description = status.getReasonPhrase() + ". `code` is one of:\n\n"
				+ codes.stream()
					.map(code -> "- `" + code + "`: " + ProblemCatalog.get(code).meaning())
					.collect(Collectors.joining("\n"));
		ApiResponse response = new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
		if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS) {
			response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
				.schema(SharedSchemas.schema("integer")));
		}
		return response;
	}

	static String who(EndpointAccess.Access access) {
		if (access.open()) {
			return "**Who may call:** anyone; no token needed.";
		}
		String clients = access.audiences().equals(EnumSet.allOf(Audience.class)) ? "a mini-program or console token"
				: access.audiences().contains(Audience.MINI_PROGRAM) ? "a mini-program (小程序) token"
						: "a console (管理后台) token";
		String roles = access.roleRestricted()
				? "roles "
						+ access.roles().stream().map(role -> "`" + role.name() + "`").collect(Collectors.joining(", "))
				: "any signed-in user";
		return "**Who may call:** " + clients + "; " + roles + ".";
	}

	/** The feature of a controller: the package under dev.fugong. */
	static String feature(String packageName) {
		String rest = packageName.substring("dev.fugong.".length());
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	private static Map<String, String> features() {
		Map<String, String> features = new LinkedHashMap<>();
		features.put("application", "Enterprise applications (入驻申请): an enterprise asks to join, an official decides.");
		features.put("auth", "Sign-in: WeChat mini-program login, phone binding (绑定手机号), token refresh, "
				+ "console QR login (扫码登录) and role grants.");
		features.put("complaint", "Complaints (监督举报): anyone reports, anonymous allowed; officials triage.");
		features.put("enterprise", "Enterprises (一企一档), zones (园区/镇街) and places (场所) with their QR codes (场所码).");
		features.put("filing", "Filings (复工备案): an enterprise's materials, reviewed and approved by officials.");
		features.put("guide", "Guides (驻企指导员): assignments to enterprises and their daily reports (日报).");
		features.put("inspection", "Inspections (检查) of enterprises and inspection plans.");
		features.put("pass", "Pass codes (通行码) and pass cards: what a person shows at a gate.");
		features.put("plate", "Plates (挂牌, red/yellow/green): changes proposed and confirmed by two officials.");
		features.put("problem", "Problems (问题) found in enterprises, followed until solved.");
		features.put("region", "Regions and their epidemic risk level (风险等级).");
		features.put("returnee", "Returnees (返岗人员): registration, staff imports, observation (观察期), "
				+ "health reports (健康打卡) and tests.");
		features.put("scanin", "Scan-ins (扫码通行): a person scans a place's code, or gate staff scan a "
				+ "person's pass code; admitted or turned away, with alerts.");
		features.put("stats", "Dashboards (数据看板) from maintained counters.");
		features.put("trajectory", "Trajectories (行动轨迹) and contact screening.");
		return features;
	}

}
