package org.opensdv.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.cli.Main;

/** The HTML report's content, without a browser: what it embeds and what it says when all is well. */
class HtmlReportTest {
    private static final Path DRIVERS = Path.of("src/test/resources/drivers");

    @TempDir
    Path dir;

    private static String html(String... inputs) {
        String[] args = new String[inputs.length + 3];
        args[0] = "check";
        args[1] = "--format";
        args[2] = "html";
        System.arraycopy(inputs, 0, args, 3, inputs.length);
        StringWriter out = new StringWriter();
        Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return out.toString();
    }

    @Test
    void embedsTheSourceOfExactlyTheFilesTheTracesPassThrough() throws IOException {
        String driver = DRIVERS.resolve("lockwrap").toString();
        Set<String> traced = new TreeSet<>();
        JsonNode run = new ObjectMapper().readTree(SarifTest.sarif(driver)).get("runs").get(0);
        for (JsonNode result : run.get("results")) {
            for (JsonNode step : result.get("codeFlows").get(0).get("threadFlows").get(0).get("locations")) {
                traced.add(step.get("location").get("physicalLocation").get("artifactLocation").get("uri").asText());
            }
        }
        Set<String> embedded = new TreeSet<>();
        Matcher m = Pattern.compile("<h3>([^<]*)</h3>").matcher(html(driver));
        while (m.find()) {
            embedded.add(m.group(1));
        }
        assertThat(run.get("artifacts").size()).isGreaterThan(traced.size());
        assertThat(embedded).isEqualTo(traced);
    }

    @Test
    void aDriverWithoutDefectsShowsItsVerdictAndNoSource() {
        String page = html(DRIVERS.resolve("spinring").toString());
        assertThat(page).contains("NotApplicable", "No defect was found.", "No source to show.")
                .doesNotContain("<article").doesNotContain("<h3>");
    }

    @Test
    void inputNotesAreListedAndEscaped() throws IOException {
        Files.writeString(dir.resolve("a.c"), "#include \"<nowhere>.h\"\nint f(int x) { return x; }\n");
        String page = html(dir.toString());
        assertThat(page).contains("include not found: &lt;nowhere&gt;.h").doesNotContain("<nowhere>");
    }
}
