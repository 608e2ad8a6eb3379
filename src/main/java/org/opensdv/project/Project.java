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

    /**
     * Is this file the driver's own (below an input folder or beside an input source file), as
     * opposed to a system header found through {@code -I}?
     */
    public boolean isOwnFile(String file) {
        Path p = Path.of(file).toAbsolutePath().normalize();
        for (Path folder : inputFolders) {
            if (p.startsWith(folder)) {
                return true;
            }
        }
        for (SourceFile f : files) {
            Path dir = f.path().getParent();
            if (p.equals(f.path()) || (dir != null && p.startsWith(dir))) {
                return true;
            }
        }
        return false;
    }
}
