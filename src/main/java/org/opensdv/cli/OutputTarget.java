package org.opensdv.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's result to stdout or to the one file the user named, and nowhere else. */
final class OutputTarget {
    private OutputTarget() {
    }

    static void write(Path output, String text, PrintWriter out) throws IOException {
        if (output == null) {
            out.print(text);
            out.flush();
            return;
        }
        Path abs = output.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Files.writeString(abs, text, StandardCharsets.UTF_8);
    }
}
