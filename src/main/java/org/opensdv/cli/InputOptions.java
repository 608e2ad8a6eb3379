package org.opensdv.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensdv.project.CompilerOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that reads driver source shares. */
final class InputOptions {
    @Option(names = "-I", paramLabel = "DIR", description = "Add an include directory (repeatable).")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "Define a macro (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Parse and analyse on N threads (default: cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "A folder (every .c below it), a .c file, a .vcxproj or a compile_commands.json.")
    List<Path> inputs = new ArrayList<>();

    CompilerOptions compilerOptions() {
        Map<String, String> defs = new LinkedHashMap<>();
        for (String d : defines) {
            var e = CompilerOptions.parseDefine(d);
            defs.put(e.getKey(), e.getValue());
        }
        List<Path> dirs = includeDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        return new CompilerOptions(dirs, defs);
    }
}
