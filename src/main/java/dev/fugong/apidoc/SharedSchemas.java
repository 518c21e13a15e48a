package dev.fugong.apidoc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

import dev.fugong.scanin.model.DenyReason;
import dev.fugong.scanin.model.GateDecision;

/**
 * The components every part of the API shares: the problem (RFC 9457) with all codes, the
 * page of a list, ids, masked phones and temperatures; and the rewrite that makes the
 * generated schemas refer to them.
 */
final class SharedSchemas {

	private static final String REF = "#/components/schemas/";

	private SharedSchemas() {
	}

	static Schema<Object> schema(String type) {
		Schema<Object> schema = new Schema<>().specVersion(SpecVersion.V31);
		schema.addType(type);
		return schema;
	}

	static Schema<Object> ref(String name) {
		return new Schema<>().specVersion(SpecVersion.V31).$ref(REF + name);
	}

	static void add(Components components) {
		Schema<Object> code = schema("string")
			.description("The stable machine code to switch on. Every code:\n\n" + String.join("\n",
					ProblemCatalog.entries()
						.values()
						.stream()
						.map(entry -> "- `" + entry.code() + "` (" + entry.status().value() + "): " + entry.meaning())
						.toList()));
		ProblemCatalog.entries().keySet().forEach(code::addEnumItemObject);
		Schema<Object> fieldError = schema("object").description("One invalid field of the request.")
			.addProperty("field",
					schema("string")
						.description("The field, as a JSON path into the body (`items[2].phone`), "
								+ "a query parameter or a header.")
						.example("temperature"))
			.addProperty("message",
					schema("string").description("Why, in words.").example("must be between 34.0 and 43.0 °C"));
		fieldError.setRequired(List.of("field", "message"));
		Schema<Object> problem = schema("object")
			.description("An error, as RFC 9457 problem details (`application/problem+json`).")
			.addProperty("type",
					schema("string").format("uri")
						.description("Identifies the kind of problem: https://fugong.dev/problems/ followed by the "
								+ "code with hyphens.")
						.example("https://fugong.dev/problems/phone-not-bound"))
			.addProperty("title", schema("string").description("The status's phrase.").example("Conflict"))
			.addProperty("status", schema("integer").description("The HTTP status.").example(409))
			.addProperty("detail",
					schema("string").description("What happened, in words a user can be shown.")
						.example("Bind your phone number first: a scan-in records a person."))
			.addProperty("instance", schema("string").format("uri-reference").description("The request's path."))
			.addProperty("code", code)
			.addProperty("errors", schema("array").items(ref("FieldError"))
				.description("With `validation_failed`: each invalid field."));
		problem.setRequired(List.of("type", "title", "status", "code"));
		components.addSchemas(ApiDocumentation.PROBLEM, problem);
		components.addSchemas("FieldError", fieldError);

		Schema<Object> page = schema("object")
			.description("One page of a list: `items` of this page, the `page` asked (from 0), its `size`, and "
					+ "the `total` number of items over all pages.")
			.addProperty("page", schema("integer").format("int32").description("The page, from 0."))
			.addProperty("size", schema("integer").format("int32").description("Items per page, as asked."))
			.addProperty("total", schema("integer").format("int64").description("Items over all pages."));
		page.setRequired(List.of("page", "size", "total"));
		components.addSchemas("Page", page);
		components.addSchemas("Id",
				schema("string").format("uuid")
					.description("An id (UUID, version 7 for records made by the service).")
					.example("00000000-0000-7000-8000-000000000201"));
		components.addSchemas("MaskedPhone",
				schema("string").pattern("^1[0-9]{2}\\*{4}[0-9]{4}$")
					.description("A mainland mobile number with its middle four digits hidden.")
					.example("138****8000"));
		components.addSchemas("Temperature",
				schema("number").minimum(new BigDecimal("34.0"))
					.maximum(new BigDecimal("43.0"))
					.description("A body temperature in °C, one decimal (34.0 to 43.0; 37.3 and above is a fever).")
					.example(new BigDecimal("36.5")));
	}

	/**
	 * The values of a scan's answer, read from the gate rules' enums so they cannot
	 * drift.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static void scanAnswer(Map<String, Schema> schemas) {
		Schema result = schemas.get("ScanResult");
		if (result == null || result.getProperties() == null) {
			return;
		}
		Map<String, Schema> properties = result.getProperties();
		Schema decision = schema("string").description("ADMIT (放行) or DENY (劝返).");
		decision.addEnumItemObject("ADMIT");
		decision.addEnumItemObject("DENY");
		properties.put("decision", decision);
		Schema reason = schema("string");
		for (DenyReason value : DenyReason.values()) {
			reason.addEnumItemObject(value.name());
		}
		properties.put("reasons",
				schema("array").items(reason)
					.description("Why a DENY, every reason that applies (empty for ADMIT): "
							+ java.util.Arrays.stream(DenyReason.values())
								.map(value -> "`" + value.name() + "` " + value.label())
								.collect(java.util.stream.Collectors.joining("; "))
							+ "."));
		Schema color = schema("string").description("The person's pass colour (健康码颜色) to show.");
		for (GateDecision.PassColor value : GateDecision.PassColor.values()) {
			color.addEnumItemObject(value.name());
		}
		properties.put("passColor", color);
		properties.put("feverClinic", schema("boolean")
			.description("Send the person to a fever clinic (发热门诊): a temperature of 37.3 °C or more."));
	}

	/** Points the generated schemas at the shared ones. */
	@SuppressWarnings("rawtypes")
	static void useShared(OpenAPI api) {
		Map<String, Schema> schemas = api.getComponents().getSchemas();
		scanAnswer(schemas);
		schemas.forEach((name, schema) -> {
			if (name.startsWith("PageResponse") && schema.getProperties() != null) {
				schema.getProperties().remove("page");
				schema.getProperties().remove("size");
				schema.getProperties().remove("total");
				schema.addAllOfItem(ref("Page"));
				schema.description("A page of " + name.substring("PageResponse".length()) + " (see `Page`).");
			}
			if (schema.getProperties() != null) {
				Map<String, Schema> properties = schema.getProperties();
				properties.replaceAll((property, value) -> shared(property, value));
			}
		});
		api.getPaths()
			.values()
			.forEach(item -> item.readOperations()
				.forEach(operation -> (operation.getParameters() == null
						? List.<io.swagger.v3.oas.models.parameters.Parameter>of() : operation.getParameters())
					.forEach(parameter -> {
						if (parameter.getSchema() != null) {
							parameter.setSchema(shared(parameter.getName(), parameter.getSchema()));
						}
					})));
	}

	@SuppressWarnings("rawtypes")
	private static Schema shared(String name, Schema value) {
		if (value.get$ref() != null) {
			return value;
		}
		boolean isString = value.getTypes() != null && value.getTypes().contains("string");
		boolean isNumber = value.getTypes() != null && value.getTypes().contains("number");
		if (isString && "uuid".equals(value.getFormat()) && value.getEnum() == null) {
			return withDescription(ref("Id"), value);
		}
		if (isString && (name.equals("phoneMasked") || name.endsWith("PhoneMasked"))) {
			return withDescription(ref("MaskedPhone"), value);
		}
		if (isNumber && (name.equals("temperature") || name.endsWith("Temperature"))) {
			return withDescription(ref("Temperature"), value);
		}
		return value;
	}

	@SuppressWarnings("rawtypes")
	private static Schema withDescription(Schema<Object> ref, Schema original) {
		if (original.getDescription() != null) {
			ref.description(original.getDescription());
		}
		return ref;
	}

}
