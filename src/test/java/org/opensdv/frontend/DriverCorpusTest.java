package org.opensdv.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.report.ParseReport;

/** Our test drivers parse without a single problem node, with the prelude and with real DDK headers. */
class DriverCorpusTest {
    static final Path DRIVERS = Path.of("src/test/resources/drivers");
    static final Path MINGW = Path.of("/usr/share/mingw-w64/include");

    private static ParseReport parse(List<Path> includes) {
        var project = InputCollector.collect(List.of(DRIVERS), new CompilerOptions(includes, Map.of()));
        return ParseReport.of(ProgramBuilder.build(project, 2));
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        long drivers;
        long lines;
        try (Stream<Path> dirs = Files.list(DRIVERS)) {
            drivers = dirs.filter(d -> hasCSource(d)).count();
        }
        try (Stream<Path> files = Files.walk(DRIVERS)) {
            lines = files.filter(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h"))
                    .mapToLong(DriverCorpusTest::lineCount).sum();
        }
        assertThat(drivers).isGreaterThanOrEqualTo(10);
        assertThat(lines).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void everyFunctionParsesWithThePrelude() {
        ParseReport report = parse(List.of());
        assertThat(report.problems()).isEmpty();
        assertThat(report.functionsWithProblems()).isZero();
        assertThat(report.unresolvedIncludes()).isEmpty();
        assertThat(report.functions()).isGreaterThan(50);
    }

    @Test
    void everyFunctionParsesWithMingwDdkHeaders() {
        boolean present = Files.isRegularFile(MINGW.resolve("ddk/ntifs.h"));
        assumeTrue(present || System.getenv("CI") != null, "mingw-w64-x86-64-dev is not installed here");
        assertThat(present).as("CI installs mingw-w64-x86-64-dev").isTrue();
        ParseReport report = parse(List.of(MINGW, MINGW.resolve("ddk")));
        assertThat(report.functionsWithProblems()).isZero();
        assertThat(report.problems()).filteredOn(p -> p.file().startsWith(DRIVERS.toAbsolutePath().toString()))
                .isEmpty();
        assertThat(report.functions()).isEqualTo(parse(List.of()).functions());
    }

    private static boolean hasCSource(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".c"));
        } catch (IOException e) {
            return false;
        }
    }

    private static long lineCount(Path p) {
        try (Stream<String> lines = Files.lines(p)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
