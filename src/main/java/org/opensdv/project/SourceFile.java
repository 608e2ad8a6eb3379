package org.opensdv.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One translation unit to read, with its own include directories and macro definitions. */
public record SourceFile(Path path, List<Path> includeDirs, Map<String, String> defines) {
    public SourceFile {
        includeDirs = List.copyOf(includeDirs);
        defines = Map.copyOf(defines);
    }
}
