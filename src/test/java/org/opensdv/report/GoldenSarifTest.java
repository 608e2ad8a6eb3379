package org.opensdv.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;

/**
 * Golden SARIF, as CodeQL query packs keep expected results: every rule has a sample driver in
 * {@code src/test/resources/golden/<rule>/sample/} and the SARIF it must produce in
 * {@code .../<rule>/expected.sarif}, normalised so that it does not depend on the tool version, the
 * checkout's absolute path or the rule's help text (which is checked against its docs page instead).
 * After an intended change, regenerate with
 * {@code mvn -o -q -Dtest=GoldenSarifTest -Dopensdv.updateGolden=true test} and review the diff.
 */
class GoldenSarifTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("opensdv.updateGolden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TestFactory
    Stream<DynamicTest> everyRuleHasItsGoldenSarif() {
        return RuleCatalog.shipped().rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> check(rule)));
    }

    private static void check(RuleSpec rule) throws IOException {
        Path dir = GOLDEN.resolve(rule.id());
        Path sample = dir.resolve("sample");
        assertThat(sample).as("every rule has a golden sample driver").isDirectory();
        String sarif = SarifTest.sarif("--rule", rule.id(), sample.toString());
        assertThat(SarifTest.schemaErrors(sarif)).isEmpty();
        String actual = normalise(sarif, rule);
        Path expectedFile = dir.resolve("expected.sarif");
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).as("golden SARIF; create it with -Dopensdv.updateGolden=true").isRegularFile();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            Path actualFile = Path.of("target/golden").resolve(rule.id() + ".actual.sarif");
            Files.createDirectories(actualFile.getParent());
            Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
            throw new AssertionError("SARIF of " + sample + " differs from " + expectedFile + "\n"
                    + firstDifference(expected, actual) + "\nthe whole output is in " + actualFile
                    + "\nif the change is intended: mvn -o -q -Dtest=GoldenSarifTest -Dopensdv.updateGolden=true test");
        }
    }

    /** Replaces what legitimately varies between machines and releases by fixed markers. */
    private static String normalise(String sarif, RuleSpec rule) throws IOException {
        JsonNode doc = JSON.readTree(sarif);
        JsonNode run = doc.get("runs").get(0);
        ((ObjectNode) run.get("tool").get("driver")).put("version", "<version>");
        ((ObjectNode) run.get("originalUriBaseIds").get("%SRCROOT%")).put("uri", "file:///<checkout>/");
        String docsPage = Files.readString(Path.of("docs/rules").resolve(rule.help()), StandardCharsets.UTF_8);
        for (JsonNode descriptor : run.get("tool").get("driver").get("rules")) {
            ObjectNode help = (ObjectNode) descriptor.get("help");
            assertThat(help.get("markdown").asText()).as("help of " + rule.id() + " is its docs page").isEqualTo(docsPage);
            assertThat(help.get("text").asText()).isEqualTo(docsPage);
            help.put("markdown", "<docs/rules/" + rule.help() + ">");
            help.put("text", "<docs/rules/" + rule.help() + ">");
        }
        return JSON.writeValueAsString(doc) + "\n";
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        int i = 0;
        while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
            i++;
        }
        StringBuilder sb = new StringBuilder("first difference at line " + (i + 1) + ":\n");
        for (int k = Math.max(0, i - 3); k < i; k++) {
            sb.append("    ").append(e.get(k)).append('\n');
        }
        sb.append("  - ").append(i < e.size() ? e.get(i) : "<end of expected>").append('\n');
        sb.append("  + ").append(i < a.size() ? a.get(i) : "<end of actual>").append('\n');
        sb.append("(expected ").append(e.size()).append(" lines, actual ").append(a.size()).append(')');
        return sb.toString();
    }
}
