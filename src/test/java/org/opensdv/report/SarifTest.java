package org.opensdv.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.cli.Main;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;

/** SARIF output: valid against the official 2.1.0 schema, stable fingerprints, the contract's fields. */
class SarifTest {
    private static final Path DRIVERS = Path.of("src/test/resources/drivers");
    private static final JsonSchema SCHEMA = loadSchema();

    @TempDir
    Path dir;

    private static JsonSchema loadSchema() {
        try (InputStream in = com.contrastsecurity.sarif.SarifSchema210.class.getResourceAsStream(
                "/schema/sarif-schema-2.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sarif(String... inputs) {
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(List.of(inputs));
        StringWriter out = new StringWriter();
        Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return out.toString();
    }

    static Set<ValidationMessage> schemaErrors(String sarif) throws IOException {
        return SCHEMA.validate(new ObjectMapper().readTree(sarif));
    }

    @TestFactory
    Stream<DynamicTest> everyDriversSarifIsValid() throws IOException {
        List<Path> drivers;
        try (Stream<Path> dirs = Files.list(DRIVERS)) {
            drivers = dirs.filter(d -> Files.isDirectory(d) && !d.endsWith("common")).sorted().toList();
        }
        return drivers.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            JsonNode doc = new ObjectMapper().readTree(sarif(d.toString()));
            Set<ValidationMessage> errors = SCHEMA.validate(doc);
            assertThat(errors).as("schema errors for " + d).isEmpty();
            JsonNode run = doc.get("runs").get(0);
            assertThat(run.get("properties").get("opensdv/verdicts").has("ExclusiveResourceAccess")).isTrue();
            assertRuleDescriptors(run.get("tool").get("driver"));
            Set<String> artifacts = new HashSet<>();
            run.get("artifacts").forEach(a -> artifacts.add(a.get("location").get("uri").asText()));
            assertThat(artifacts).as("artifacts: the files read").isNotEmpty();
            for (JsonNode result : run.get("results")) {
                JsonNode primary = result.get("locations").get(0).get("physicalLocation");
                assertThat(primary.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
                assertThat(artifacts).contains(primary.get("artifactLocation").get("uri").asText());
                assertThat(primary.get("region").get("startLine").asInt()).isPositive();
                assertThat(primary.get("region").get("startColumn").asInt()).isPositive();
                String resource = result.get("properties").get("resource").asText();
                JsonNode steps = result.get("codeFlows").get(0).get("threadFlows").get(0).get("locations");
                String routine = steps.get(0).get("location").get("logicalLocations").get(0).get("name").asText();
                assertThat(result.get("message").get("text").asText()).as("names the resource and the routine")
                        .contains(resource).contains(routine);
                if (!result.get("properties").get("kind").asText().equals("release-not-held")) {
                    assertThat(result.get("relatedLocations").get(0).get("message").get("text").asText())
                            .as("the acquire behind the defect").contains(resource + " acquired");
                }
                assertThat(steps.get(0).get("state").get(resource).get("text").asText()).isEqualTo("none");
                for (JsonNode step : steps) {
                    assertThat(step.get("state").get(resource).get("text").asText())
                            .isIn("none", "shared", "exclusive", "shared twice", "exclusive twice", "unknown");
                    assertThat(step.get("location").get("message").get("text").asText()).isNotEmpty();
                }
                assertThat(result.get("ruleId").asText()).isEqualTo("ExclusiveResourceAccess");
                assertThat(result.get("properties").get("kind").asText())
                        .isIn("acquire-while-held", "release-not-held", "held-at-exit");
                assertThat(result.get("locations").get(0).get("logicalLocations").get(0).get("name").asText())
                        .isNotEmpty();
                for (JsonNode step : result.get("codeFlows").get(0).get("threadFlows").get(0).get("locations")) {
                    assertThat(step.get("location").get("logicalLocations").get(0).get("name").asText())
                            .isNotEmpty();
                }
            }
        }));
    }

    private static void assertRuleDescriptors(JsonNode driver) throws IOException {
        assertThat(driver.get("name").asText()).isEqualTo("OpenSDV");
        assertThat(driver.get("version").asText()).isNotEmpty();
        assertThat(driver.get("informationUri").asText()).startsWith("https://");
        assertThat(driver.get("rules")).hasSize(RuleCatalog.shipped().rules().size());
        for (JsonNode rule : driver.get("rules")) {
            RuleSpec spec = RuleCatalog.shipped().byId(rule.get("id").asText()).orElseThrow();
            assertThat(rule.get("name").asText()).isEqualTo(spec.id());
            assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo(spec.shortDescription());
            assertThat(rule.get("fullDescription").get("text").asText()).isEqualTo(spec.metadata().fullDescription());
            String docs = Files.readString(Path.of("docs/rules").resolve(spec.help()));
            assertThat(rule.get("help").get("markdown").asText()).isEqualTo(docs);
            assertThat(rule.get("help").get("text").asText()).isEqualTo(docs);
            assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo("error");
            assertThat(rule.get("properties").get("precision").asText()).isEqualTo("high");
            assertThat(rule.get("properties").get("tags")).isNotEmpty();
            List<String> kinds = new ArrayList<>();
            rule.get("properties").get("opensdv/kinds").forEach(k -> kinds.add(k.asText()));
            assertThat(kinds).containsExactly("acquire-while-held", "release-not-held", "held-at-exit");
        }
    }

    @Test
    void whatTheFrontendCouldNotReadBecomesToolNotifications() throws IOException {
        Files.writeString(dir.resolve("broken.c"), "#include \"nowhere.h\"\n"
                + "int Broken(void) { return ) ; }\n"
                + "int Fine(int x) { return x; }\n");
        String sarif = sarif(dir.toString());
        assertThat(SCHEMA.validate(new ObjectMapper().readTree(sarif))).isEmpty();
        JsonNode invocation = new ObjectMapper().readTree(sarif).get("runs").get(0).get("invocations").get(0);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isTrue();
        List<String> notes = new ArrayList<>();
        for (JsonNode n : invocation.get("toolExecutionNotifications")) {
            notes.add(n.get("descriptor").get("id").asText() + " " + n.get("message").get("text").asText() + " @"
                    + n.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
        }
        assertThat(notes).contains("opensdv/unresolved-include include not found: nowhere.h @1");
        assertThat(notes).anyMatch(n -> n.startsWith("opensdv/parse-problem ") && n.endsWith("@2"));
    }

    @Test
    void anInconclusiveRoutineIsANotificationNamingItWhyAndWhere() throws IOException {
        String sarif = sarif(DRIVERS.resolve("budget_buster").toString());
        assertThat(schemaErrors(sarif)).isEmpty();
        JsonNode run = new ObjectMapper().readTree(sarif).get("runs").get(0);
        assertThat(run.get("properties").get("opensdv/verdicts").get("ExclusiveResourceAccess").asText())
                .isEqualTo("Inconclusive");
        List<JsonNode> inconclusive = new ArrayList<>();
        run.get("invocations").get(0).get("toolExecutionNotifications").forEach(n -> {
            if (n.get("descriptor").get("id").asText().equals("opensdv/inconclusive")) {
                inconclusive.add(n);
            }
        });
        assertThat(inconclusive).hasSize(1);
        JsonNode n = inconclusive.get(0);
        assertThat(n.get("associatedRule").get("id").asText()).isEqualTo("ExclusiveResourceAccess");
        assertThat(n.get("message").get("text").asText()).startsWith("BbDeviceControl: not fully explored: ")
                .contains("distinct lock states in BbApplyStages");
        JsonNode where = n.get("locations").get(0).get("physicalLocation");
        assertThat(where.get("artifactLocation").get("uri").asText()).endsWith("budget.c");
        assertThat(where.get("region").get("startLine").asInt()).isEqualTo(122); // BbDeviceControl's definition
    }

    @Test
    void fingerprintsSurviveReruns() {
        String first = sarif(DRIVERS.resolve("toyfs").toString());
        assertThat(sarif(DRIVERS.resolve("toyfs").toString())).isEqualTo(first);
    }

    @Test
    void fingerprintsSurviveLinesInsertedAboveTheDefect() throws IOException {
        Path copy = dir.resolve("toyfs");
        Files.createDirectories(copy);
        for (String f : List.of("toyfs.c", "toyfs.h")) {
            Files.copy(DRIVERS.resolve("toyfs").resolve(f), copy.resolve(f));
        }
        Files.createDirectories(dir.resolve("common"));
        Files.copy(DRIVERS.resolve("common/defs.h"), dir.resolve("common/defs.h"));
        String before = fingerprints(sarif(copy.toString()));
        String text = Files.readString(copy.resolve("toyfs.c"));
        int at = text.indexOf("NTSTATUS\nToyCreate(");
        assertThat(at).isPositive();
        Files.writeString(copy.resolve("toyfs.c"), text.substring(0, at) + "\n// a new comment\n\n" + text.substring(at));
        String after = sarif(copy.toString());
        assertThat(after).contains("\"startLine\"");
        assertThat(fingerprints(after)).isEqualTo(before);
    }

    private static String fingerprints(String sarif) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode r : new ObjectMapper().readTree(sarif).get("runs").get(0).get("results")) {
            sb.append(r.get("partialFingerprints")).append('\n');
        }
        assertThat(sb).isNotEmpty();
        return sb.toString();
    }

    @Test
    void sameBytesWhateverJobsAndInputOrder() {
        String a = DRIVERS.resolve("fatlike").toString();
        String b = DRIVERS.resolve("acqcard").toString();
        String one = sarif("--jobs", "1", a, b);
        assertThat(sarif("--jobs", "2", a, b)).isEqualTo(one);
        assertThat(sarif("--jobs", "2", b, a)).isEqualTo(one);
    }
}
