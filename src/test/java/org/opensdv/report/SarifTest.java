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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.cli.Main;

/** SARIF output: valid against the official 2.1.0 schema, stable fingerprints, the contract's fields. */
class SarifTest {
    private static final Path DRIVERS = Path.of("src/test/resources/drivers");
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = com.contrastsecurity.sarif.SarifSchema210.class.getResourceAsStream(
                "/schema/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static String sarif(String... inputs) {
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(List.of(inputs));
        StringWriter out = new StringWriter();
        Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return out.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyDriversSarifIsValid() throws IOException {
        List<Path> drivers;
        try (Stream<Path> dirs = Files.list(DRIVERS)) {
            drivers = dirs.filter(d -> Files.isDirectory(d) && !d.endsWith("common")).sorted().toList();
        }
        return drivers.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            JsonNode doc = new ObjectMapper().readTree(sarif(d.toString()));
            Set<ValidationMessage> errors = schema.validate(doc);
            assertThat(errors).as("schema errors for " + d).isEmpty();
            JsonNode run = doc.get("runs").get(0);
            assertThat(run.get("properties").get("opensdv/verdicts").has("ExclusiveResourceAccess")).isTrue();
            for (JsonNode result : run.get("results")) {
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
