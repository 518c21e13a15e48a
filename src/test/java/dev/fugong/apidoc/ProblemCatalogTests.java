package dev.fugong.apidoc;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeRejection;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.upload.UploadRefusedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue of problem codes is the codes the service throws, read from its sources:
 * a code added to a service and not to {@link ProblemCatalog} (so not to the API
 * document) fails here, and so does one left in the catalogue that nothing throws.
 */
class ProblemCatalogTests {

	/**
	 * Where features name a code: the first string of an ApiException (or a subclass, or
	 * Forbidden/Conflict) and of the rules' refusals ({@code conflict("…")},
	 * {@code forbidden("…")}); {@code InvalidField} names a field, not a code.
	 */
	static final Pattern THROWN = Pattern.compile("(?:new\\s+(?:[A-Za-z]+\\.)*([A-Za-z]*Exception|Forbidden|Conflict)"
			+ "|\\b(conflict|forbidden|super))\\s*\\(\\s*(?:HttpStatus\\.\\w+\\s*,\\s*)?\"([a-z]+(?:_[a-z]+)*)\"");

	@Test
	void theCatalogueIsExactlyTheCodesTheServiceThrows() throws IOException {
		Set<String> thrown = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = THROWN.matcher(Files.readString(source));
				while (matcher.find()) {
					thrown.add(matcher.group(3));
				}
			}
		}
		thrown.addAll(constants(ProblemCode.class));
		thrown.addAll(constants(UploadRefusedException.class));
		for (CodeRejection rejection : CodeRejection.values()) {
			thrown.add(rejection.code());
		}
		assertThat(new TreeSet<>(ProblemCatalog.entries().keySet())).isEqualTo(thrown);
	}

	@Test
	void theScanInsRejectionsCarryTheStatusesTheCodeGivesThem() {
		for (CodeRejection rejection : CodeRejection.values()) {
			assertThat(ProblemCatalog.get(rejection.code()).status()).isEqualTo(rejection.status());
		}
	}

	private static Set<String> constants(Class<?> type) {
		Set<String> values = new TreeSet<>();
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
					&& Modifier.isPublic(field.getModifiers())) {
				try {
					values.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return values;
	}

}
