package dev.fugong.architecture;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.Test;

import dev.fugong.person.PersonService;
import dev.fugong.scanin.domain.ScanService;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of STYLE.md, enforced: features do not form cycles, do not reach into each
 * other's web or persistence pieces, and the kernel ({@code shared}, {@code config})
 * depends on no feature. A feature is any package directly under {@code dev.fugong} other
 * than the kernel's, found from the classes themselves: a new feature is covered the day
 * it lands, with no list here to keep up to date.
 */
class ArchitectureTests {

	static final String ROOT = "dev.fugong";

	/** The packages every feature may use, and which use no feature. */
	static final Set<String> KERNEL = Set.of("shared", "config");

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/** Classes in some feature's package tree, whichever feature it is. */
	static final DescribedPredicate<JavaClass> IN_A_FEATURE = DescribedPredicate.describe(
			"reside in a feature package (" + ROOT + ".* except the kernel " + KERNEL + ")",
			javaClass -> feature(javaClass.getPackageName()) != null);

	@Test
	void theFeaturesAreFoundFromTheClasses() {
		// The rules below are only as good as this set: it must hold the features there
		// are, sub-packages counted with their feature, and never the kernel.
		assertThat(feature(ROOT + ".enterprise.place.web")).isEqualTo("enterprise");
		assertThat(feature(ROOT + ".shared.security")).isNull();
		assertThat(feature(ROOT)).isNull();
		assertThat(features()).doesNotContainAnyElementsOf(KERNEL)
			.contains(feature(ScanService.class.getPackageName()), feature(PersonService.class.getPackageName()))
			.hasSizeGreaterThan(2);
	}

	@Test
	void featuresHaveNoCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theKernelDependsOnNoFeature() {
		noClasses().that()
			.resideInAnyPackage(KERNEL.stream().map(kernel -> ROOT + "." + kernel + "..").toArray(String[]::new))
			.should()
			.dependOnClassesThat(IN_A_FEATURE)
			.check(CLASSES);
	}

	@Test
	void domainCodeDoesNotDependOnTheWebLayer() {
		noClasses().that()
			.resideInAPackage("..domain..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..web..")
			.check(CLASSES);
	}

	@Test
	void repositoriesAreUsedOnlyInsideTheirFeature() {
		everyFeature(feature -> noClasses().that()
			.resideOutsideOfPackage(ROOT + "." + feature + "..")
			.should()
			.dependOnClassesThat(simpleNameEndingWith("Repository").and(resideInAPackage(ROOT + "." + feature + "..")))
			.allowEmptyShould(true))
			.as("a feature's repositories are used only inside it, for every feature " + features())
			.check(CLASSES);
	}

	@Test
	void webLayersAreNotUsedOutsideTheirFeature() {
		everyFeature(feature -> noClasses().that()
			.resideOutsideOfPackage(ROOT + "." + feature + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + "." + feature + "..web..")
			.allowEmptyShould(true)).as("a feature's web layer is used only inside it, for every feature " + features())
			.check(CLASSES);
	}

	/** One rule per feature found, checked together so every violation is reported. */
	private static ArchRule everyFeature(Function<String, ArchRule> rule) {
		List<ArchRule> rules = features().stream().map(rule).toList();
		return CompositeArchRule.of(rules);
	}

	/** The features there are: the top-level packages of the classes, but the kernel. */
	static Set<String> features() {
		Set<String> features = new TreeSet<>();
		CLASSES.forEach(javaClass -> {
			String feature = feature(javaClass.getPackageName());
			if (feature != null) {
				features.add(feature);
			}
		});
		return features;
	}

	/**
	 * The feature a package belongs to ({@code dev.fugong.enterprise.place.web} →
	 * {@code enterprise}), or null for the root package, the kernel and anything outside.
	 */
	static String feature(String packageName) {
		if (!packageName.startsWith(ROOT + ".")) {
			return null;
		}
		String rest = packageName.substring(ROOT.length() + 1);
		int dot = rest.indexOf('.');
		String top = dot < 0 ? rest : rest.substring(0, dot);
		return KERNEL.contains(top) ? null : top;
	}

	/**
	 * An enterprise's plate changes only through the plate feature (history, reason,
	 * actor, two officials for RED), and only filings mark an enterprise as operating.
	 */
	@Test
	void onlyThePlateFeatureSetsPlatesAndOnlyFilingsLetEnterprisesOperate() {
		noClasses().that()
			.resideOutsideOfPackages("dev.fugong.plate..", "dev.fugong.enterprise..")
			.should()
			.callMethod(dev.fugong.enterprise.domain.EnterpriseService.class, "applyPlate", java.util.UUID.class,
					dev.fugong.enterprise.domain.Plate.class)
			.check(CLASSES);
		noClasses().that()
			.resideOutsideOfPackages("dev.fugong.filing..", "dev.fugong.enterprise..")
			.should()
			.callMethod(dev.fugong.enterprise.domain.EnterpriseService.class, "markOperating", java.util.UUID.class)
			.check(CLASSES);
	}

}
