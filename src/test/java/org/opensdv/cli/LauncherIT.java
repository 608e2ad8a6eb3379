package org.opensdv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it, on the jar the build made (so after {@code package}): it maps the
 * class-data archive the build saved, and a run that cannot use the archive reports the same.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path ARCHIVE = ROOT.resolve("target/opensdv.jsa");
    private static final String DRIVER = "src/test/resources/drivers/toyfs";
    private static final String FROM_ARCHIVE = "source: shared objects file (top)";

    record Outcome(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void posixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    }

    @Test
    void theBuildSavesTheClassesACheckLoadsAndTheLauncherMapsThem(@TempDir Path tmp) throws Exception {
        assertThat(ARCHIVE).isNotEmptyFile();
        Path loaded = tmp.resolve("loaded.txt");
        Outcome run = launch(ROOT.resolve("opensdv"), "-Xlog:class+load:file=" + loaded, tmp);

        assertThat(run.exitCode()).isEqualTo(1); // toyfs has its defect
        List<String> log = Files.readAllLines(loaded);
        assertThat(log).anyMatch(l -> l.contains(" org.opensdv.analysis.Engine ") && l.contains(FROM_ARCHIVE));
        assertThat(log).anyMatch(l -> l.contains(" org.eclipse.cdt.") && l.contains(FROM_ARCHIVE));
    }

    @Test
    void aRunThatDoesNotUseTheArchiveReportsTheSame(@TempDir Path tmp) throws Exception {
        Outcome mapped = launch(ROOT.resolve("opensdv"), "", tmp);
        Path loaded = tmp.resolve("loaded.txt");
        Outcome unmapped = launch(ROOT.resolve("opensdv"), "-Xshare:off -Xlog:class+load:file=" + loaded, tmp);

        assertThat(Files.readAllLines(loaded)).noneMatch(l -> l.contains(FROM_ARCHIVE));
        assertThat(unmapped).isEqualTo(mapped);
        assertThat(mapped.out()).contains("\"ruleId\" : \"ExclusiveResourceAccess\"");
    }

    @Test
    void anArchiveTheJvmCannotUseIsPassedOverSilently(@TempDir Path tmp) throws Exception {
        Outcome usual = launch(ROOT.resolve("opensdv"), "", tmp);
        // a checkout of its own whose archive was made for another jar (a moved checkout, a jar
        // rebuilt without it): the JVM rejects it, and must say nothing about that
        Files.createDirectories(tmp.resolve("target"));
        Files.copy(ROOT.resolve("opensdv"), tmp.resolve("opensdv"));
        Files.copy(ROOT.resolve("target/opensdv.jar"), tmp.resolve("target/opensdv.jar"));
        Files.copy(ARCHIVE, tmp.resolve("target/opensdv.jsa"));

        Outcome run = launch(tmp.resolve("opensdv"), "", tmp);

        assertThat(run).isEqualTo(usual);
        assertThat(run.err()).isEmpty();
    }

    /** {@code opensdv check --quiet --format sarif} on toyfs, the JVM's options as given (plus C1 only, as usual). */
    private static Outcome launch(Path launcher, String extraJavaOptions, Path tmp)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", launcher.toString(), "check", "--quiet", "--format",
                "sarif", DRIVER).directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OPENSDV_JAVA_OPTS", ("-XX:TieredStopAtLevel=1 " + extraJavaOptions).trim());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not end within 120 s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
