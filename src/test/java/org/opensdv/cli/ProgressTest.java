package org.opensdv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar appears on stderr only when stderr is a terminal. Runs OpenSDV as a separate
 * process, once with stderr in a file and, through util-linux {@code script}, on a pseudo-terminal
 * with and without stderr redirected (stdin and stdout stay terminals: the case that
 * {@code System.console()} would get wrong).
 */
class ProgressTest {
    private static final String DRIVER = "src/test/resources/drivers/fatlike";
    private static final String BAR_MARK = " routines  ";

    @TempDir
    Path dir;

    private List<String> opensdv(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String shellQuoted(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append('\'').append(w.replace("'", "'\\''")).append("' ");
        }
        return sb.toString();
    }

    private static int run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return p.exitValue();
    }

    @Test
    void noProgressWhenStderrIsAFile() throws Exception {
        Path err = dir.resolve("err.txt");
        int code = run(new ProcessBuilder(opensdv("check", "--output", dir.resolve("r.txt").toString(), DRIVER))
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()));
        assertThat(code).isEqualTo(1);
        String text = Files.readString(err);
        assertThat(text).contains("ExclusiveResourceAccess: Defect").doesNotContain("\r").doesNotContain(BAR_MARK);
    }

    private static boolean scriptAvailable() {
        try {
            return new ProcessBuilder("script", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void progressOnATerminalAndNotWhenOnlyStderrIsRedirected() throws Exception {
        assumeTrue(scriptAvailable(), "util-linux script is not installed");
        Path report = dir.resolve("r.sarif");
        String check = shellQuoted(opensdv("check", "--format", "sarif", "--output", report.toString(), DRIVER));

        Path terminal = dir.resolve("terminal.txt");
        run(new ProcessBuilder("script", "-qec", check, "/dev/null").redirectOutput(terminal.toFile())
                .redirectErrorStream(true));
        assertThat(Files.readString(terminal)).as("what the terminal showed").contains(BAR_MARK).contains("\r")
                .contains("ExclusiveResourceAccess: Defect");

        Path err = dir.resolve("err.txt");
        Path quietTerminal = dir.resolve("terminal-quiet.txt");
        run(new ProcessBuilder("script", "-qec", check + " 2>'" + err + "'", "/dev/null")
                .redirectOutput(quietTerminal.toFile()).redirectErrorStream(true));
        assertThat(Files.readString(err)).contains("ExclusiveResourceAccess: Defect").doesNotContain(BAR_MARK)
                .doesNotContain("\r");

        Path quiet = dir.resolve("quiet.txt");
        run(new ProcessBuilder("script", "-qec", check.replace("'check' ", "'check' '--quiet' "), "/dev/null")
                .redirectOutput(quiet.toFile()).redirectErrorStream(true));
        assertThat(Files.readString(quiet)).doesNotContain(BAR_MARK).doesNotContain("ExclusiveResourceAccess:");
    }
}
