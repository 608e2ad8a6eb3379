package org.opensdv.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opensdv.ir.Function;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify the driver's routines against the rules.")
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
        Project project = InputCollector.collect(input.inputs, input.compilerOptions());
        ProgramBuilder.Result result = ProgramBuilder.build(project, input.jobs);
        var err = spec.commandLine().getErr();
        result.diagnostics().forEach(err::println);
        if (result.program().units().isEmpty()) {
            return ExitCodes.INPUT_ERROR;
        }
        StringBuilder sb = new StringBuilder();
        for (Function f : result.functions()) {
            sb.append(f.loc().file()).append(':').append(f.loc().line()).append(": ").append(f.name()).append('\n');
        }
        OutputTarget.write(output, sb.toString(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
