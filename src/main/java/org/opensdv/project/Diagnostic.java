package org.opensdv.project;

/** A message about the user's input: which file, which line (0 when none), what is wrong. */
public record Diagnostic(Severity severity, String file, int line, String message) {
    public enum Severity { ERROR, WARNING, NOTE }

    public static Diagnostic error(String file, int line, String message) {
        return new Diagnostic(Severity.ERROR, file, line, message);
    }

    public static Diagnostic warning(String file, int line, String message) {
        return new Diagnostic(Severity.WARNING, file, line, message);
    }

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
