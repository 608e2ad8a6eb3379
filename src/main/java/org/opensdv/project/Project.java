package org.opensdv.project;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user asked to check: the source files (sorted, no duplicates), the folders given as
 * inputs (an include fallback, as on Windows builds), and what was wrong with the inputs.
 */
public record Project(List<SourceFile> files, List<Path> inputFolders, List<Diagnostic> diagnostics) {
    public Project {
        files = List.copyOf(files);
        inputFolders = List.copyOf(inputFolders);
        diagnostics = List.copyOf(diagnostics);
    }
}
