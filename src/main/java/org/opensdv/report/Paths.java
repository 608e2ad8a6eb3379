package org.opensdv.report;

import java.nio.file.Path;

/** How reports name files: relative to a base folder when below it, else as given. */
final class Paths {
    private Paths() {
    }

    static String relative(String file, Path base) {
        if (base == null) {
            return file;
        }
        try {
            Path p = Path.of(file).toAbsolutePath().normalize();
            Path b = base.toAbsolutePath().normalize();
            return p.startsWith(b) ? b.relativize(p).toString().replace('\\', '/') : file;
        } catch (RuntimeException e) {
            return file;
        }
    }
}
