package org.opensdv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.analysis.Engine;
import org.opensdv.rules.RuleCatalog;
import picocli.CommandLine;

/** The check command's conventions: formats, output, rule selection, quiet, rules listing, exit codes. */
class CheckOptionsTest {
    private static final String TOYFS = "src/test/resources/drivers/toyfs";

    @TempDir
    Path dir;

    @Test
    void rulesListsEveryRuleWithItsOneLineDescription() {
        CliRunner r = CliRunner.run("rules");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).hasSize(RuleCatalog.shipped().rules().size());
        for (var rule : RuleCatalog.shipped().rules()) {
            assertThat(r.out()).contains(rule.id() + "  " + rule.shortDescription());
        }
    }

    @Test
    void anUnknownRuleIsAUsageErrorNamingTheValidOnes() {
        CliRunner r = CliRunner.run("check", "--rule", "NoSuchRule", TOYFS);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown rule 'NoSuchRule'", "valid rules: ExclusiveResourceAccess");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aTimeoutBelowOneSecondIsAUsageError() {
        CliRunner r = CliRunner.run("check", "--timeout", "0", TOYFS);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout must be at least 1 second");
    }

    @Test
    void aTimeoutTheRunStaysWithinChangesNothing() {
        CliRunner r = CliRunner.run("check", "--timeout", "600", TOYFS);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("toyfs.c:112: ExclusiveResourceAccess held-at-exit").doesNotContain("--timeout");
    }

    @Test
    void theRoutineTimeoutIsEachRoutinesTimeBudgetAndTheRestStaysAsItWas() {
        Engine.Budget d = Engine.Budget.defaults();
        assertThat(parsedCheck("check", TOYFS).budget()).isEqualTo(d);

        Engine.Budget b = parsedCheck("check", "--routine-timeout", "7", TOYFS).budget();

        assertThat(b).isEqualTo(new Engine.Budget(d.maxSteps(), d.maxStatesPerBlock(), 7_000, d.pathsPerLockState()));
    }

    @Test
    void aRoutineTimeoutBelowOneSecondIsAUsageError() {
        CliRunner r = CliRunner.run("check", "--routine-timeout", "0", TOYFS);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--routine-timeout must be at least 1 second");
        assertThat(r.out()).isEmpty();
    }

    private static CheckCommand parsedCheck(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return parsed.subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void aRuleNamedTwiceIsCheckedOnce() {
        CliRunner r = CliRunner.run("check", "--rule", "ExclusiveResourceAccess", "--rule", "ExclusiveResourceAccess",
                TOYFS);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("ExclusiveResourceAccess: "))).hasSize(1);
    }

    @Test
    void eachFormatGoesToTheNamedFileAndTheSummaryToStderr() throws IOException {
        for (String format : new String[] {"text", "sarif", "html"}) {
            Path out = dir.resolve("report." + format);
            CliRunner r = CliRunner.run("check", "--format", format, "--output", out.toString(), TOYFS);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).as(format + " on stdout").isEmpty();
            assertThat(r.err()).contains("ExclusiveResourceAccess: Defect", "report written to " + out);
            String written = Files.readString(out);
            switch (format) {
                case "text" -> assertThat(written).contains("held-at-exit");
                case "sarif" -> assertThat(written).contains("\"version\" : \"2.1.0\"");
                default -> assertThat(written).startsWith("<!DOCTYPE html>");
            }
        }
    }

    @Test
    void sarifAndHtmlGoToStdoutWithoutOutput() {
        assertThat(CliRunner.run("check", "--quiet", "--format", "sarif", TOYFS).out()).contains("\"runs\"");
        assertThat(CliRunner.run("check", "--quiet", "--format", "html", TOYFS).out()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void quietLeavesStderrEmptyWhenAllIsWell() {
        CliRunner r = CliRunner.run("check", "--quiet", "--format", "sarif", "--output", dir.resolve("r.sarif").toString(),
                TOYFS);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void quietStillReportsErrors() throws IOException {
        Files.write(dir.resolve("bin.c"), new byte[] {0, 1, 2, 3, 0, 0, 0, 5});
        CliRunner r = CliRunner.run("check", "--quiet", dir.resolve("bin.c").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nothing could be read");
    }

    @Test
    void exitCodesFollowTheContract() {
        assertThat(CliRunner.run("check", "--quiet", TOYFS).exitCode()).isEqualTo(ExitCodes.DEFECTS);
        assertThat(CliRunner.run("check", "--quiet", "src/test/resources/drivers/spinring").exitCode())
                .as("NotApplicable").isEqualTo(ExitCodes.OK);
        assertThat(CliRunner.run("check", "--quiet", dir.resolve("missing").toString()).exitCode())
                .isEqualTo(ExitCodes.INPUT_ERROR);
    }
}
