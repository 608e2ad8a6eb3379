package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The inline-expectation harness: in every test driver (and every rule's golden sample driver),
 * each {@code // expect: Rule kind} line must be reported, and nothing else may be.
 * {@code // expect-verdict: Rule Verdict} pins the verdict; without it a driver with expectations
 * must be Defect and one without must be Pass. {@code // expect-inconclusive: Rule} on the line
 * where a routine's name is defined says that routine is Inconclusive; a driver with such lines
 * must have no other Inconclusive routine. The drivers are checked twice: with the default
 * budget, and joining every two paths with the same lock state, so that each defect has to be
 * confirmed on a single path and each false one refuted by the engine's refinement.
 */
class ExpectationsTest {
    static final Path DRIVERS = Path.of("src/test/resources/drivers");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect:\\s*(.*)$");
    private static final Pattern VERDICT = Pattern.compile("//\\s*expect-verdict:\\s*(\\w+)\\s+(\\w+)");
    private static final Pattern INCONCLUSIVE = Pattern.compile("//\\s*expect-inconclusive:\\s*(\\w+)");

    @TestFactory
    Stream<DynamicTest> everyDriverReportsExactlyItsExpectations() throws IOException {
        return drivers().stream().map(d -> DynamicTest.dynamicTest(DRIVERS.relativize(d).toString(),
                () -> verify(d, Engine.Budget.defaults())));
    }

    /** The default joins every two paths with one lock state; keeping four apart must not change a result. */
    @TestFactory
    Stream<DynamicTest> keepingMorePathsApartGivesTheSameResults() throws IOException {
        Engine.Budget defaults = Engine.Budget.defaults();
        Engine.Budget fourApart = new Engine.Budget(defaults.maxSteps(), defaults.maxStatesPerBlock(),
                defaults.maxMillis(), 4);
        return drivers().stream().map(d -> DynamicTest.dynamicTest(DRIVERS.relativize(d).toString(),
                () -> verify(d, fourApart)));
    }

    static List<Path> drivers() throws IOException {
        List<Path> drivers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(DRIVERS)) {
            dirs.filter(Files::isDirectory).filter(ExpectationsTest::hasCSource).sorted().forEach(drivers::add);
        }
        try (Stream<Path> rules = Files.list(GOLDEN)) {
            rules.map(r -> r.resolve("sample")).filter(ExpectationsTest::hasCSource).sorted().forEach(drivers::add);
        }
        return drivers;
    }

    private static void verify(Path driver, Engine.Budget budget) throws IOException {
        Set<String> expected = new TreeSet<>();
        Set<String> expectedInconclusive = new TreeSet<>();
        String expectedVerdict = null;
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(driver)) {
            files.filter(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h")).forEach(sources::add);
        }
        try (Stream<Path> files = Files.list(DRIVERS.resolve("common"))) {
            files.forEach(sources::add);
        }
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                if (m.find()) {
                    for (String item : m.group(1).split(";")) {
                        String[] words = item.trim().split("\\s+");
                        expected.add(f.getFileName() + ":" + (i + 1) + ": " + words[0] + " " + words[1]);
                    }
                }
                Matcher n = INCONCLUSIVE.matcher(lines.get(i));
                if (n.find()) {
                    expectedInconclusive.add(f.getFileName() + ":" + (i + 1) + ": " + n.group(1));
                }
                Matcher v = VERDICT.matcher(lines.get(i));
                if (v.find()) {
                    expectedVerdict = v.group(2);
                }
            }
        }
        RuleResult result = DriverCheck.check(driver, budget);
        Set<String> reported = new TreeSet<>();
        for (Defect d : result.defects()) {
            reported.add(Path.of(d.loc().file()).getFileName() + ":" + d.loc().line() + ": " + d.ruleId() + " "
                    + d.kind());
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(reported);
        Set<String> unexpected = new TreeSet<>(reported);
        unexpected.removeAll(expected);
        StringBuilder detail = new StringBuilder();
        for (Defect d : result.defects()) {
            if (unexpected.contains(Path.of(d.loc().file()).getFileName() + ":" + d.loc().line() + ": " + d.ruleId()
                    + " " + d.kind())) {
                detail.append("\n").append(d.loc()).append(' ').append(d.kind()).append(": ").append(d.message());
                d.trace().forEach(s -> detail.append("\n    ").append(s.loc().line()).append(": ").append(s.message()));
            }
        }
        assertThat(missing).as("expected but not reported").isEmpty();
        assertThat(unexpected).as("reported but not expected:" + detail).isEmpty();
        if (!expectedInconclusive.isEmpty()) {
            Set<String> inconclusive = new TreeSet<>();
            result.inconclusive().forEach(i -> inconclusive.add(Path.of(i.loc().file()).getFileName() + ":"
                    + i.loc().line() + ": " + result.rule().id()));
            assertThat(inconclusive).as("inconclusive routines: " + result.inconclusive())
                    .isEqualTo(expectedInconclusive);
        }
        String verdict = expectedVerdict != null ? expectedVerdict : expected.isEmpty() ? "Pass" : "Defect";
        assertThat(result.verdict().toString()).as("verdict; inconclusive: " + result.inconclusive()).isEqualTo(verdict);
    }

    private static boolean hasCSource(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".c"));
        } catch (IOException e) {
            return false;
        }
    }
}
