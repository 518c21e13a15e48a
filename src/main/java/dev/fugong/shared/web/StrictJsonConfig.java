package dev.fugong.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.io.InputDecorator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON is read as written: a value of the wrong JSON type is a 400, not a guess.
 * Jackson's defaults would make {@code "kind":0} the first enum constant,
 * {@code {"name":-0}} a place named "-0", {@code "requiresDynamicCode":1} true and
 * {@code "headcount":"12"} a number; and its UTF-8 reader decodes overlong sequences
 * ({@code C0 AF} becomes "/"), which lets a filtered character through in disguise.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

	@Bean
	JsonMapperBuilderCustomizer strictCoercion() {
		return builder -> builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	@Bean
	JsonFactoryBuilderCustomizer strictUtf8() {
		return builder -> builder.inputDecorator(new StrictUtf8());
	}

	/**
	 * Checks a JSON document's bytes are well-formed UTF-8 (RFC 8259 §8.1: JSON between
	 * systems is UTF-8) before Jackson reads them. Written here because Jackson's byte
	 * reader trusts the input's encoding; the JDK's decoder, set to report, is the check.
	 * Bodies are small (the request size limit holds them to kilobytes), so reading one
	 * whole costs no more than the parse that follows.
	 */
	static final class StrictUtf8 extends InputDecorator {

		@Override
		public InputStream decorate(IOContext context, InputStream in) throws JacksonException {
			byte[] bytes;
			try {
				bytes = in.readAllBytes();
			}
			catch (IOException ex) {
				throw JacksonIOException.construct(ex);
			}
			check(bytes, 0, bytes.length);
			return new ByteArrayInputStream(bytes);
		}

		@Override
		public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws JacksonException {
			check(src, offset, length);
			// Null: Jackson reads the array itself.
			return null;
		}

		@Override
		public Reader decorate(IOContext context, Reader reader) {
			// Characters, already decoded by whoever made the reader.
			return reader;
		}

		static void check(byte[] bytes, int offset, int length) {
			try {
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes, offset, length));
			}
			catch (CharacterCodingException ex) {
				throw new StreamReadException("Invalid UTF-8 in the JSON document");
			}
		}

	}

}
