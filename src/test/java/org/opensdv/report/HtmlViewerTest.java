package org.opensdv.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensdv.cli.Main;

/**
 * The HTML viewer in a real browser (headless Chromium): it loads without console errors or
 * exceptions, its trace steps move with the buttons and the keys, the source line and held mode
 * follow, and a driver full of HTML and template payloads shows them as text with nothing run.
 * Chromium may be missing on a developer's machine (the test is then skipped), never in CI.
 */
class HtmlViewerTest {
    private static final Path DRIVERS = Path.of("src/test/resources/drivers");
    private static final Path OUT = Path.of("target/html-viewer");
    private static Chromium browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path chromium = Chromium.find();
        assumeTrue(chromium != null || System.getenv("CI") != null, "Chromium is not installed here");
        assertThat(chromium).as("CI installs chromium (.ci/run)").isNotNull();
        browser = new Chromium(chromium, OUT.resolve("chromium.log"));
        browser.send("Runtime.enable", Map.of());
        browser.send("Log.enable", Map.of());
        browser.send("Page.enable", Map.of());
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path html(String driver) {
        Path file = OUT.resolve(driver + ".html");
        int code = Main.run(new String[] {"check", "--quiet", "--format", "html", "--output", file.toString(),
                DRIVERS.resolve(driver).toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(code).as("exit code of check " + driver).isEqualTo(1);
        return file;
    }

    private static void open(Path file) throws InterruptedException {
        browser.open(file.toAbsolutePath().toUri());
    }

    /** Console errors, uncaught exceptions, browser log errors (CSP refusals among them) and dialogs. */
    private static List<String> problems() {
        return browser.events().stream().filter(e -> {
            String method = e.get("method").asText();
            JsonNode p = e.get("params");
            return method.equals("Runtime.exceptionThrown") || method.equals("Page.javascriptDialogOpening")
                    || method.equals("Runtime.consoleAPICalled") && List.of("error", "assert").contains(p.path("type").asText())
                    || method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error");
        }).map(JsonNode::toString).toList();
    }

    private static String text(String expression) {
        return browser.eval(expression).asText();
    }

    private static String currentStep() {
        return text("document.querySelector('li.step.current').id");
    }

    private static String currentLine() {
        return text("document.querySelector('ol.code li.current').id");
    }

    /** The source line id a step points at: its file's id and line, as the page names them. */
    private static String lineOfStep(String stepId) {
        return text("(function(){var s=document.getElementById('" + stepId + "');return s.dataset.file+'-L'+s.dataset.line;})()");
    }

    @Test
    void theTraceStepsThroughWithButtonsAndKeys() throws Exception {
        Path file = html("lockwrap");
        open(file);
        assertThat(problems()).as("console errors and exceptions").isEmpty();
        int defects = browser.eval("document.querySelectorAll('article.defect').length").asInt();
        assertThat(defects).isGreaterThan(1);
        int steps = browser.eval("document.querySelectorAll('#defect-0 li.step').length").asInt();
        assertThat(steps).isGreaterThanOrEqualTo(4);
        assertThat(browser.eval("document.getElementById('defect-0').hidden").asBoolean()).isFalse();
        assertThat(currentStep()).isEqualTo("step-0-1");
        assertThat(currentLine()).isEqualTo(lineOfStep("step-0-1"));
        assertThat(text("document.getElementById('state').textContent")).endsWith(": none");
        assertThat(text("document.getElementById('position').textContent")).isEqualTo("step 1 of " + steps);

        browser.click("next-step");
        assertThat(currentStep()).isEqualTo("step-0-2");
        assertThat(currentLine()).isEqualTo(lineOfStep("step-0-2"));

        browser.press("j", "KeyJ", 74);
        assertThat(currentStep()).isEqualTo("step-0-3");
        browser.press("ArrowDown", "ArrowDown", 40);
        assertThat(currentStep()).isEqualTo("step-0-4");
        assertThat(currentLine()).isEqualTo(lineOfStep("step-0-4"));
        browser.press("k", "KeyK", 75);
        assertThat(currentStep()).isEqualTo("step-0-3");
        browser.click("previous-step");
        assertThat(currentStep()).isEqualTo("step-0-2");

        browser.press("End", "End", 35);
        assertThat(currentStep()).isEqualTo("step-0-" + steps);
        assertThat(text("document.querySelector('li.step.current').dataset.held")).isEqualTo("exclusive");
        assertThat(text("document.getElementById('state').textContent")).endsWith(": exclusive");
        assertThat(browser.eval("document.getElementById('next-step').disabled").asBoolean()).isTrue();

        browser.press("]", "BracketRight", 221);
        assertThat(browser.eval("document.getElementById('defect-1').hidden").asBoolean()).isFalse();
        assertThat(browser.eval("document.getElementById('defect-0').hidden").asBoolean()).isTrue();
        assertThat(currentStep()).isEqualTo("step-1-1");
        browser.click("defect-button-0");
        assertThat(currentStep()).isEqualTo("step-0-1");
        browser.press("ArrowDown", "ArrowDown", 40);

        assertThat(problems()).as("console errors and exceptions").isEmpty();
        Files.write(Path.of("target/html-viewer.png"), browser.screenshot());
    }

    @Test
    void payloadsInTheSourceAreShownAsTextAndNeverRun() throws Exception {
        Path file = html("xsslure");
        String page = Files.readString(file).toLowerCase(Locale.ROOT);
        // Escaping, judged on the bytes alone: our one script element and no markup from the source.
        assertThat(page.split("<script", -1)).hasSize(2);
        assertThat(page).doesNotContain("<img").doesNotContain("</script><script>");

        open(file);
        assertThat(problems()).as("console errors, exceptions, dialogs").isEmpty();
        assertThat(browser.eval("typeof window.opensdvLure").asText()).isEqualTo("undefined");
        assertThat(text("document.title")).startsWith("OpenSDV report");
        assertThat(browser.eval("document.images.length").asInt()).isZero();
        assertThat(browser.eval("document.scripts.length").asInt()).isEqualTo(1);
        String source = text("document.getElementById('source').textContent");
        assertThat(source)
                .contains("\"</script><script>window.opensdvLure='macro';document.title='pwned'</script>\"")
                .contains("<img src=x onerror=\\\"window.opensdvLure='macro image'\\\">")
                .contains("#define XL_TEMPLATE_LABEL       \"{{7*7}}\"")
                .contains("</script><script>document.title='pwned by a comment'</script>");
        // The defect's trace leads to the line that the payload comment explains.
        browser.press("End", "End", 35);
        assertThat(text("document.querySelector('ol.code li.current').textContent"))
                .contains("return STATUS_BUFFER_TOO_SMALL;");
        assertThat(browser.eval("typeof window.opensdvLure").asText()).isEqualTo("undefined");
        assertThat(problems()).isEmpty();
        Files.write(Path.of("target/html-viewer-xsslure.png"), browser.screenshot());
    }
}
