package org.opensdv.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensdv.analysis.Analyzer;
import org.opensdv.analysis.Engine;
import org.opensdv.analysis.RuleResult;
import org.opensdv.driver.DriverModel;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.rules.RuleCatalog;

/**
 * An Inconclusive routine whose reason cites a place (its open candidate defect) names that place
 * as the report names files — relative to the report's folder, not by the path the analysis read —
 * and the SARIF notification gives it as a location after the routine's.
 */
class CitedPlaceTest {
    @Test
    void theOpenCandidateIsNamedAsTheReportNamesFiles() throws IOException {
        Path driver = Path.of("src/test/resources/sources/purge").toAbsolutePath(); // its candidate stays open
        Project project = InputCollector.collect(List.of(driver), new CompilerOptions(List.of(), Map.of()));
        ProgramBuilder.Result program = ProgramBuilder.build(project, 1);
        DriverModel model = DriverModel.of(program.program(), project::isOwnFile);
        Engine.Budget d = Engine.Budget.defaults();
        RuleResult result = Analyzer.check(model, RuleCatalog.shipped().byId("ExclusiveResourceAccess").orElseThrow(),
                new Engine.Budget(d.maxSteps(), 3, d.maxMillis(), 1), 1);
        CheckReport report = new CheckReport(List.of(result), ParseReport.of(program), program.sources(), driver,
                "test");

        RuleResult.Inconclusive unload = result.inconclusive().get(0);
        assertThat(unload.cited()).isNotNull();
        String at = "purge.c:" + unload.cited().line();
        assertThat(Path.of(unload.cited().file())).isAbsolute(); // as the analysis read it

        assertThat(TextReport.summary(report)).contains("inconclusive: Unload: not fully explored: a possible ")
                .contains(" at " + at + " could not be confirmed").doesNotContain(driver.toString());

        JsonNode run = new ObjectMapper().readTree(SarifReport.render(report)).get("runs").get(0);
        List<JsonNode> notes = new ArrayList<>();
        run.get("invocations").get(0).get("toolExecutionNotifications").forEach(n -> {
            if (n.get("descriptor").get("id").asText().equals("opensdv/inconclusive")) {
                notes.add(n);
            }
        });
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.get("message").get("text").asText()).contains(" at " + at + " ")
                    .doesNotContain(driver.toString());
            JsonNode locations = n.get("locations");
            assertThat(locations).hasSize(2);
            JsonNode cited = locations.get(1).get("physicalLocation");
            assertThat(cited.get("artifactLocation").get("uri").asText()).isEqualTo("purge.c");
            assertThat(cited.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(cited.get("region").get("startLine").asInt()).isEqualTo(unload.cited().line());
        });
        assertThat(SarifTest.schemaErrors(SarifReport.render(report))).isEmpty();

        assertThat(HtmlReport.render(report)).contains(" at " + at + " could not be confirmed")
                .doesNotContain(RuleResult.Inconclusive.CITED);
    }
}
