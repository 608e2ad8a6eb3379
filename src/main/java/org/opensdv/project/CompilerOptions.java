package org.opensdv.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Include directories and macro definitions as given on a compiler command line ({@code -I}, {@code -D}). */
public record CompilerOptions(List<Path> includeDirs, Map<String, String> defines) {
    public CompilerOptions {
        includeDirs = List.copyOf(includeDirs);
        defines = Map.copyOf(defines);
    }

    public static CompilerOptions empty() {
        return new CompilerOptions(List.of(), Map.of());
    }

    /** Parses {@code NAME} or {@code NAME=VALUE}; a bare name is defined as 1, as compilers do. */
    public static Map.Entry<String, String> parseDefine(String spec) {
        int eq = spec.indexOf('=');
        return eq < 0 ? Map.entry(spec.trim(), "1") : Map.entry(spec.substring(0, eq).trim(), spec.substring(eq + 1));
    }

    /** This file's options followed by {@code outer}'s: the command line's -I/-D apply to every file. */
    public CompilerOptions plus(CompilerOptions outer) {
        List<Path> dirs = new ArrayList<>(includeDirs);
        outer.includeDirs.stream().filter(d -> !dirs.contains(d)).forEach(dirs::add);
        Map<String, String> defs = new LinkedHashMap<>(defines);
        defs.putAll(outer.defines);
        return new CompilerOptions(dirs, defs);
    }
}
