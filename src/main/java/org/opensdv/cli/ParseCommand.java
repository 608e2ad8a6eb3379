package org.opensdv.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.report.ParseReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Report how much of the driver source the frontend reads exactly.")
final class ParseCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    InputOptions input;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--cfg", paramLabel = "FUNCTION",
            description = "Also print the control-flow graph of this function (repeatable).")
    java.util.List<String> cfgFunctions = new java.util.ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Project project = InputCollector.collect(input.inputs, input.compilerOptions());
        ProgramBuilder.Result result = ProgramBuilder.build(project, input.jobs);
        ParseReport report = ParseReport.of(result);
        StringBuilder text = new StringBuilder(format == Format.json ? report.toJson() : report.toText());
        for (String name : cfgFunctions) {
            result.functions().stream().filter(f -> f.name().equals(name))
                    .forEach(f -> text.append('\n').append(f.dump()));
        }
        OutputTarget.write(output, text.toString(), spec.commandLine().getOut());
        return result.program().units().isEmpty() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }
}
