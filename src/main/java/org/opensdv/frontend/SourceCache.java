package org.opensdv.frontend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every file the frontend reads, decoded once and shared by all translation units of a run (driver
 * headers are included by most files). Reading is never a stop: a failure is kept as the reason.
 */
public final class SourceCache {
    /** Either the text or the reason it could not be had. */
    public record Entry(SourceText text, String error) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long maxFileBytes;

    public SourceCache(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** No driver source file comes near 16 MiB; a bigger one is refused by name, not parsed. */
    public SourceCache() {
        this(16L << 20);
    }

    public Entry get(Path path) {
        return entries.computeIfAbsent(path.toString(), k -> load(path));
    }

    /** The text of a file read earlier in this run, or null. */
    public SourceText textOf(String path) {
        Entry e = entries.get(path);
        return e == null ? null : e.text();
    }

    /** The files whose text was read in this run, sorted. */
    public List<String> readPaths() {
        return entries.entrySet().stream().filter(e -> e.getValue().text() != null).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private Entry load(Path path) {
        try {
            long size = Files.size(path);
            if (size > maxFileBytes) {
                return new Entry(null, "file too large (" + (size >> 20) + " MiB; the limit is "
                        + (maxFileBytes >> 20) + " MiB)");
            }
            return new Entry(SourceText.decode(path.toString(), Files.readAllBytes(path)), null);
        } catch (SourceText.NotTextException e) {
            return new Entry(null, e.getMessage());
        } catch (IOException | SecurityException e) {
            return new Entry(null, "cannot read: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }
}
