package org.opensdv.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.opensdv.analysis.AnalysisListener;
import org.opensdv.analysis.Analyzer;
import org.opensdv.analysis.Engine;
import org.opensdv.analysis.RuleResult;
import org.opensdv.driver.DriverModel;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.Diagnostic;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.report.CheckReport;
import org.opensdv.report.HtmlReport;
import org.opensdv.report.ParseReport;
import org.opensdv.report.SarifReport;
import org.opensdv.report.TextReport;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify the driver's routines against the rules; each defect comes with its trace.")
final class CheckCommand implements Callable<Integer> {
    enum Format { text, sarif, html }

    @Mixin
    InputOptions input;

    @Option(names = "--rule", paramLabel = "ID", description = "Check only this rule (repeatable; see `opensdv rules`).")
    List<String> rules = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text",
            description = "text, sarif (SARIF 2.1.0) or html (a self-contained defect viewer); default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop the analysis after this many seconds in all (counted from the start); routines "
                    + "not finished by then are Inconclusive, each named. Default: no limit.")
    Integer timeoutSeconds;

    @Option(names = "--routine-timeout", paramLabel = "SECONDS",
            description = "Time budget of each routine, its confirmations and refinements included; a routine "
                    + "not finished within it is Inconclusive, named with the reason. Default: 20.")
    Integer routineTimeoutSeconds;

    @Option(names = "--quiet", description = "No progress bar, no summary and no warnings on stderr; errors only.")
    boolean quiet;

    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.currentTimeMillis() + 1000L * timeoutSeconds;
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        Engine.Budget budget = budget();
        List<String> selected = selectedRules();
        // reading the specs (and starting the JSON library) overlaps the parse, which leaves a core idle now and then
        CompletableFuture<List<RuleSpec>> specs = CompletableFuture.supplyAsync(() -> RuleCatalog.of(selected).rules());
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar progress = main.progressAllowed && !quiet ? new ProgressBar(err) : null;
        try {
            Project project = InputCollector.collect(input.inputs, input.compilerOptions());
            if (progress != null) {
                progress.phase("reading " + project.files().size() + " files ...");
            }
            ProgramBuilder.Result program = ProgramBuilder.build(project, input.jobs);
            if (progress != null) {
                progress.finish();
            }
            for (Diagnostic d : program.diagnostics()) {
                if (!quiet || d.severity() == Diagnostic.Severity.ERROR) {
                    err.println(d);
                }
            }
            if (program.program().units().isEmpty()) {
                err.println("opensdv: nothing could be read");
                return ExitCodes.INPUT_ERROR;
            }
            DriverModel model = DriverModel.of(program.program(), project::isOwnFile);
            AnalysisListener listener = progress == null ? AnalysisListener.NONE : progress;
            List<RuleResult> results = new ArrayList<>();
            for (RuleSpec rule : specs.join()) {
                results.add(Analyzer.check(model, rule, budget, input.jobs, listener, deadline));
            }
            if (progress != null) {
                progress.finish();
            }
            Path base = project.inputFolders().isEmpty() ? Path.of("").toAbsolutePath() : commonBase(project);
            String version = new Main.Version().getVersion()[0];
            CheckReport report = new CheckReport(results, ParseReport.of(program), program.sources(), base, version);
            String text = switch (format) {
                case text -> TextReport.render(report);
                case sarif -> SarifReport.render(report);
                case html -> HtmlReport.render(report);
            };
            OutputTarget.write(output, text, spec.commandLine().getOut());
            // The text report ends with the summary; other formats and files get it on stderr.
            if (!quiet && (format != Format.text || output != null)) {
                err.print(TextReport.summary(report));
                if (output != null) {
                    err.println("report written to " + output);
                }
                err.flush();
            }
            if (report.hasDefects()) {
                return ExitCodes.DEFECTS;
            }
            return report.hasInconclusive() ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    /** The per-routine budget: the defaults, with the time {@code --routine-timeout} gives. */
    Engine.Budget budget() {
        Engine.Budget d = Engine.Budget.defaults();
        if (routineTimeoutSeconds == null) {
            return d;
        }
        if (routineTimeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--routine-timeout must be at least 1 second");
        }
        return new Engine.Budget(d.maxSteps(), d.maxStatesPerBlock(), 1000L * routineTimeoutSeconds,
                d.pathsPerLockState());
    }

    private List<String> selectedRules() {
        List<String> shipped = RuleCatalog.shippedIds();
        List<String> selected = new ArrayList<>();
        for (String id : rules) {
            if (!shipped.contains(id)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown rule '" + id + "'; valid rules: " + String.join(", ", shipped));
            }
            if (!selected.contains(id)) {
                selected.add(id);
            }
        }
        return selected.isEmpty() ? shipped : selected;
    }

    private static Path commonBase(Project project) {
        Path cwd = Path.of("").toAbsolutePath();
        return project.inputFolders().stream().allMatch(f -> f.startsWith(cwd)) ? cwd : project.inputFolders().get(0);
    }
}
