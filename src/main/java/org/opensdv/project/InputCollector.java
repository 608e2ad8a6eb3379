package org.opensdv.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the command line's inputs into a {@link Project}: a folder means every {@code .c} below it,
 * a {@code .c} file itself, a {@code .vcxproj} its compile items, a {@code compile_commands.json} its
 * entries. Problems are diagnostics; collection goes on with the other inputs.
 */
public final class InputCollector {
    private InputCollector() {
    }

    public static Project collect(List<Path> inputs, CompilerOptions commandLine) {
        Map<Path, SourceFile> files = new LinkedHashMap<>();
        List<Path> folders = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Path input : inputs) {
            Path abs = input.toAbsolutePath().normalize();
            String name = abs.getFileName() == null ? "" : abs.getFileName().toString().toLowerCase();
            if (!Files.exists(abs)) {
                diagnostics.add(Diagnostic.error(input.toString(), 0, "no such file or folder"));
            } else if (Files.isDirectory(abs)) {
                folders.add(abs);
                List<Path> sources = cSourcesBelow(abs, diagnostics);
                if (sources.isEmpty()) {
                    diagnostics.add(Diagnostic.warning(input.toString(), 0, "the folder holds no .c files"));
                }
                for (Path p : sources) {
                    files.putIfAbsent(p, new SourceFile(p, commandLine.includeDirs(), commandLine.defines()));
                }
            } else if (name.endsWith(".vcxproj")) {
                var result = new VcxprojReader(abs).read(commandLine);
                diagnostics.addAll(result.diagnostics());
                result.files().forEach(f -> files.putIfAbsent(f.path(), f));
                if (!result.files().isEmpty()) {
                    folders.add(abs.getParent());
                }
            } else if (name.endsWith(".json")) {
                var result = CompileCommandsReader.read(abs, commandLine);
                diagnostics.addAll(result.diagnostics());
                result.files().forEach(f -> files.putIfAbsent(f.path(), f));
            } else {
                if (!name.endsWith(".c")) {
                    diagnostics.add(Diagnostic.warning(input.toString(), 0,
                            "not a .c, .vcxproj or compile_commands.json input; reading it as C"));
                }
                files.putIfAbsent(abs, new SourceFile(abs, commandLine.includeDirs(), commandLine.defines()));
            }
        }
        List<SourceFile> sorted = new ArrayList<>(files.values());
        sorted.sort(Comparator.comparing(f -> f.path().toString()));
        return new Project(sorted, folders, diagnostics);
    }

    private static List<Path> cSourcesBelow(Path folder, List<Diagnostic> diagnostics) {
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !isHidden(folder, p))
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".c"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            diagnostics.add(Diagnostic.error(folder.toString(), 0, "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static boolean isHidden(Path root, Path p) {
        Path rel = root.relativize(p);
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
