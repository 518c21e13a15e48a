package dev.fugong.support;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;

public final class Json {

	/** A JSON object response body. */
	public static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private Json() {
	}

}
