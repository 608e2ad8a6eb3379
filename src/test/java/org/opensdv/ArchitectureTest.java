package org.opensdv;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;

/** The pipeline's direction holds, and the engine knows no DDI: rules are data. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.opensdv");

    @Test
    void packagesDependOnlyOnThoseBeforeThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("org.opensdv.cli..")
                .layer("report").definedBy("org.opensdv.report..")
                .layer("analysis").definedBy("org.opensdv.analysis..")
                .layer("rules").definedBy("org.opensdv.rules..")
                .layer("driver").definedBy("org.opensdv.driver..")
                .layer("lower").definedBy("org.opensdv.lower..")
                .layer("frontend").definedBy("org.opensdv.frontend..")
                .layer("project").definedBy("org.opensdv.project..")
                .layer("ir").definedBy("org.opensdv.ir..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("report", "cli")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("analysis", "report", "cli")
                .whereLayer("driver").mayOnlyBeAccessedByLayers("analysis", "report", "cli")
                .whereLayer("lower").mayOnlyBeAccessedByLayers("report", "cli")
                .whereLayer("frontend").mayOnlyBeAccessedByLayers("lower", "report", "cli")
                .whereLayer("project").mayOnlyBeAccessedByLayers("frontend", "lower", "report", "cli")
                .check(CLASSES);
    }

    @Test
    void nothingAfterLoweringSeesCdt() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that()
                .resideInAnyPackage("org.opensdv.ir..", "org.opensdv.driver..", "org.opensdv.analysis..",
                        "org.opensdv.rules..", "org.opensdv.report..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse..").check(CLASSES);
    }

    @Test
    void theEngineNamesNoFunctionOfAnyRule() throws IOException {
        StringBuilder engine = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/opensdv/analysis"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                engine.append(Files.readString(f));
            }
        }
        for (RuleSpec rule : RuleCatalog.shipped().rules()) {
            for (RuleSpec.Event e : rule.events()) {
                assertThat(engine.toString()).as("the engine mentions " + e.function()).doesNotContain(e.function());
            }
            rule.currentOwner().forEach(o -> assertThat(engine.toString()).doesNotContain(o));
        }
    }
}
