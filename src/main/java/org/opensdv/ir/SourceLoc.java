package org.opensdv.ir;

/**
 * Where an IR node came from. For code produced by a macro expansion, {@code file}/{@code line}/
 * {@code column} are the macro's call site and {@code macro} names the (outermost) macro.
 */
public record SourceLoc(String file, int line, int column, String macro) {
    public static final SourceLoc UNKNOWN = new SourceLoc("<unknown>", 0, 0, null);

    public boolean fromMacro() {
        return macro != null;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + (macro == null ? "" : " (in " + macro + ")");
    }
}
