package dev.fugong.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of STYLE.md, enforced: features do not form cycles, do not reach into each
 * other's web or persistence pieces, and the shared kernel depends on no feature.
 */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.fugong");

	@Test
	void featuresHaveNoCycles() {
		slices().matching("dev.fugong.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void sharedDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.fugong.shared..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.fugong.enterprise..", "dev.fugong.person..", "dev.fugong.audit..",
					"dev.fugong.auth..")
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
		for (String feature : new String[] { "enterprise", "person", "audit", "auth", "application", "filing",
				"inspection", "plate", "complaint" }) {
			noClasses().that()
				.resideOutsideOfPackage("dev.fugong." + feature + "..")
				.should()
				.dependOnClassesThat(
						com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Repository")
							.and(com.tngtech.archunit.core.domain.JavaClass.Predicates
								.resideInAPackage("dev.fugong." + feature + "..")))
				.allowEmptyShould(true)
				.check(CLASSES);
		}
	}

	@Test
	void webLayersAreNotUsedOutsideTheirFeature() {
		for (String feature : new String[] { "enterprise", "person", "audit", "auth", "application", "filing",
				"inspection", "plate", "complaint" }) {
			noClasses().that()
				.resideOutsideOfPackage("dev.fugong." + feature + "..")
				.should()
				.dependOnClassesThat()
				.resideInAPackage("dev.fugong." + feature + ".web..")
				.allowEmptyShould(true)
				.check(CLASSES);
		}
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
