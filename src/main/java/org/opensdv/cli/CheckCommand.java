package org.opensdv.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opensdv.analysis.Analyzer;
import org.opensdv.analysis.Engine;
import org.opensdv.analysis.RuleResult;
import org.opensdv.driver.DriverModel;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.report.CheckReport;
import org.opensdv.report.SarifReport;
import org.opensdv.report.TextReport;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify the driver's routines against the rules; each defect comes with its trace.")
final class CheckCommand implements Callable<Integer> {
    enum Format { text, sarif, html }

    @Mixin
    InputOptions input;

    @Option(names = "--rule", paramLabel = "ID", description = "Check only this rule (repeatable).")
    List<String> rules = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text, sarif or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RuleCatalog catalog = RuleCatalog.shipped();
        List<RuleSpec> selected = new ArrayList<>();
        for (String id : rules) {
            RuleSpec r = catalog.byId(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "unknown rule '" + id + "'; valid rules: "
                            + String.join(", ", catalog.rules().stream().map(RuleSpec::id).toList())));
            selected.add(r);
        }
        if (selected.isEmpty()) {
            selected.addAll(catalog.rules());
        }
        if (format == Format.html) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format html is not available yet");
        }
        Project project = InputCollector.collect(input.inputs, input.compilerOptions());
        ProgramBuilder.Result program = ProgramBuilder.build(project, input.jobs);
        var err = spec.commandLine().getErr();
        program.diagnostics().forEach(err::println);
        if (program.program().units().isEmpty()) {
            err.println("opensdv: nothing could be read");
            return ExitCodes.INPUT_ERROR;
        }
        DriverModel model = DriverModel.of(program.program(), project::isOwnFile);
        List<RuleResult> results = new ArrayList<>();
        for (RuleSpec rule : selected) {
            results.add(Analyzer.check(model, rule, Engine.Budget.defaults(), input.jobs));
        }
        Path base = project.inputFolders().isEmpty() ? Path.of("").toAbsolutePath() : commonBase(project);
        String version = new Main.Version().getVersion()[0];
        CheckReport report = new CheckReport(results, program.diagnostics(), program.sources(), base, version);
        String text = format == Format.sarif ? SarifReport.render(report) : TextReport.render(report);
        OutputTarget.write(output, text, spec.commandLine().getOut());
        if (report.hasDefects()) {
            return ExitCodes.DEFECTS;
        }
        return report.hasInconclusive() ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
    }

    private static Path commonBase(Project project) {
        Path cwd = Path.of("").toAbsolutePath();
        return project.inputFolders().stream().allMatch(f -> f.startsWith(cwd)) ? cwd : project.inputFolders().get(0);
    }
}
