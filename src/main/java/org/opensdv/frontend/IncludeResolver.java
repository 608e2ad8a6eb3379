package org.opensdv.frontend;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a file the way Windows does: {@code \} is a separator and names are case-insensitive. The
 * exact spelling wins when it exists; otherwise each path component is matched ignoring case.
 */
public final class IncludeResolver {
    private static final Path MISSING = Path.of("/");
    private final Map<String, Path> resolved = new ConcurrentHashMap<>();
    private final Map<Path, Map<String, String>> listings = new ConcurrentHashMap<>();

    /** The existing regular file the path names, or null. */
    public Path resolve(String rawPath) {
        Path p = resolved.computeIfAbsent(rawPath, this::lookup);
        return p == MISSING ? null : p;
    }

    private Path lookup(String rawPath) {
        Path path;
        try {
            path = Path.of(rawPath.replace('\\', '/')).normalize();
        } catch (InvalidPathException e) {
            return MISSING;
        }
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!path.isAbsolute()) {
            return MISSING;
        }
        Path current = path.getRoot();
        for (Path part : path) {
            Path exact = current.resolve(part.toString());
            if (Files.exists(exact)) {
                current = exact;
                continue;
            }
            String actual = listing(current).get(part.toString().toLowerCase(Locale.ROOT));
            if (actual == null) {
                return MISSING;
            }
            current = current.resolve(actual);
        }
        return Files.isRegularFile(current) ? current : MISSING;
    }

    private Map<String, String> listing(Path dir) {
        return listings.computeIfAbsent(dir, d -> {
            Map<String, String> names = new HashMap<>();
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(d)) {
                    for (Path child : stream) {
                        String name = child.getFileName().toString();
                        names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                    }
                } catch (IOException | SecurityException e) {
                    // An unreadable folder simply has no matches.
                }
            }
            return names;
        });
    }
}
