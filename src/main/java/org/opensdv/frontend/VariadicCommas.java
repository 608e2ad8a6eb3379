package org.opensdv.frontend;

/**
 * MSVC's preprocessor drops the comma before {@code __VA_ARGS__} when a variadic macro is called
 * with no variable arguments: {@code #define LOG(fmt, ...) DbgPrint(fmt, __VA_ARGS__)} makes
 * {@code LOG("done")} the call {@code DbgPrint("done")}. GNU C needs {@code , ## __VA_ARGS__} for
 * that, and without it CDT reads {@code DbgPrint("done", )}, a syntax error in every function that
 * logs a plain message. This rewrites, in the text CDT parses (never the text shown to the user),
 * each {@code , __VA_ARGS__} of a {@code #define} into the GNU spelling.
 *
 * <p>The rewrite keeps every character offset of the file: CDT's node offsets are turned into
 * lines and columns with the file's own text. The two characters of {@code ##} take the place of
 * whitespace between the comma and {@code __VA_ARGS__}, or of whitespace later in the same
 * directive that separates no two tokens (the padding before a continuation's backslash, a second
 * space, a space beside punctuation); a definition with no such room is left as it is.
 */
final class VariadicCommas {
    private static final char[] VA_ARGS = "__VA_ARGS__".toCharArray();

    private VariadicCommas() {
    }

    /**
     * A macro has one or two; more in one directive are not a driver's (a fuzzed or generated file)
     * and are left alone, so that the work stays linear in the text.
     */
    private static final int MAX_PER_DIRECTIVE = 8;

    /** {@code text} rewritten, or {@code text} itself when it has nothing to rewrite. */
    static char[] forParser(char[] text) {
        char[] out = null;
        int directiveEnd = -1; // of the logical line last looked at: each is looked at once
        boolean define = false;
        int done = 0;
        for (int at = indexOf(text, VA_ARGS, 0); at >= 0; at = indexOf(text, VA_ARGS, at + VA_ARGS.length)) {
            if (at >= directiveEnd) {
                define = inDefine(text, at);
                directiveEnd = endOfDirective(text, at);
                done = 0;
            }
            if (!define || done >= MAX_PER_DIRECTIVE || !isWord(text, at, VA_ARGS.length)) {
                continue;
            }
            int comma = previousToken(text, at);
            if (comma < 0 || text[comma] != ',') { // already ", ## __VA_ARGS__", or no comma
                continue;
            }
            if (out == null) {
                out = text.clone();
            }
            rewrite(out, comma, at, directiveEnd);
            text = out;
            done++;
        }
        return out == null ? text : out;
    }

    /** Makes {@code ,<gap>__VA_ARGS__} into {@code ,##__VA_ARGS__}, if the directive has room. */
    private static void rewrite(char[] t, int comma, int vaArgs, int end) {
        int gap = vaArgs - comma - 1;
        for (int i = comma + 1; i < vaArgs; i++) {
            if (t[i] != ' ' && t[i] != '\t') {
                // a line continuation between them: "##" goes in two blanks of the gap, if it has them
                for (int j = comma + 1; j + 1 < vaArgs; j++) {
                    if ((t[j] == ' ' || t[j] == '\t') && (t[j + 1] == ' ' || t[j + 1] == '\t')) {
                        t[j] = '#';
                        t[j + 1] = '#';
                        return;
                    }
                }
                return;
            }
        }
        int needed = Math.max(0, 2 - gap);
        int body = replacementStart(t, vaArgs);
        // blanks of the replacement list that separate no two tokens, in text order
        int[] removable = new int[needed];
        int found = 0;
        char kept = ' ';
        for (int i = body; i < end && found < needed; i++) {
            if (i == comma) {
                i = vaArgs + VA_ARGS.length - 1;
                kept = '_';
            } else if (t[i] == '"' || t[i] == '\'') { // a literal's blanks are its content
                char quote = t[i];
                for (i++; i < end && t[i] != quote; i++) {
                    if (t[i] == '\\') {
                        i++;
                    }
                }
                kept = quote;
            } else if ((t[i] == ' ' || t[i] == '\t') && i > body
                    && separatesNothing(kept, i + 1 < t.length ? t[i + 1] : '\n')) {
                removable[found++] = i;
            } else {
                kept = t[i];
            }
        }
        if (found < needed) {
            return;
        }
        // "##" takes the place of the gap and of the blanks removed: every offset outside stays
        int from = Math.min(comma, needed > 0 ? removable[0] : comma);
        int to = Math.max(vaArgs, needed > 0 ? removable[needed - 1] + 1 : vaArgs);
        StringBuilder region = new StringBuilder(to - from);
        for (int i = from, k = 0; i < to; i++) {
            if (k < needed && i == removable[k]) {
                k++;
            } else if (i == comma) {
                region.append(",##").append(" ".repeat(Math.max(0, gap - 2)));
                i = vaArgs - 1;
            } else {
                region.append(t[i]);
            }
        }
        region.getChars(0, region.length(), t, from);
    }

    /** Where the replacement list of the {@code #define} holding {@code at} starts: after its name and parameters. */
    private static int replacementStart(char[] t, int at) {
        int i = directiveStart(t, at);
        i = skipBlanks(t, skipBlanks(t, i) + 1); // past '#'
        i = skipBlanks(t, i + "define".length());
        while (i < t.length && Character.isJavaIdentifierPart(t[i])) {
            i++;
        }
        if (i < t.length && t[i] == '(') {
            while (i < t.length && t[i] != ')') {
                i++;
            }
            i++;
        }
        return i;
    }

    /**
     * Can a blank between {@code before} (what stays before it) and {@code after} go without
     * joining two tokens: a blank stays beside it, or punctuation (not a quote, which may open a
     * literal) is on one side, or it pads a line continuation?
     */
    private static boolean separatesNothing(char before, char after) {
        if (before == ' ' || before == '\t' || after == ' ' || after == '\t') {
            return true;
        }
        if (after == '\\' || after == '\n' || after == '\r') {
            return true;
        }
        return isJoinFree(before) || isJoinFree(after);
    }

    /** Punctuation next to which a blank separates nothing ({@code +} and the like could join: {@code + +}). */
    private static boolean isJoinFree(char c) {
        return c == '(' || c == ')' || c == ',' || c == ';' || c == '{' || c == '}' || c == '[' || c == ']';
    }

    /** The index of the last non-blank character before {@code at}, across line continuations; -1 if none. */
    private static int previousToken(char[] t, int at) {
        int i = at - 1;
        while (i >= 0) {
            char c = t[i];
            if (c == ' ' || c == '\t') {
                i--;
            } else if (c == '\n' && i > 0 && (t[i - 1] == '\\' || t[i - 1] == '\r' && i > 1 && t[i - 2] == '\\')) {
                i -= t[i - 1] == '\\' ? 2 : 3;
            } else {
                return c == '\n' || c == '\r' ? -1 : i;
            }
        }
        return -1;
    }

    /** Is the occurrence at {@code at} in a {@code #define} (its logical line starting so)? */
    private static boolean inDefine(char[] t, int at) {
        int i = skipBlanks(t, directiveStart(t, at));
        if (i >= t.length || t[i] != '#') {
            return false;
        }
        i = skipBlanks(t, i + 1);
        return i + 6 <= t.length && new String(t, i, 6).equals("define")
                && (i + 6 == t.length || !Character.isJavaIdentifierPart(t[i + 6]));
    }

    /** The start of the logical line holding {@code at}: back over lines that end in a continuation. */
    private static int directiveStart(char[] t, int at) {
        int start = at;
        while (true) {
            while (start > 0 && t[start - 1] != '\n') {
                start--;
            }
            if (start == 0) {
                return 0;
            }
            int before = start - 2; // the character before the previous line's break
            if (before >= 0 && t[before] == '\r') {
                before--;
            }
            if (before < 0 || t[before] != '\\') {
                return start;
            }
            start--; // the previous line is continued into this one
        }
    }

    /** The index of the line break ending the directive that holds {@code at}, or the text's end. */
    private static int endOfDirective(char[] t, int at) {
        int i = at;
        while (i < t.length) {
            if (t[i] == '\n') {
                int before = i - 1;
                if (before >= 0 && t[before] == '\r') {
                    before--;
                }
                if (before < 0 || t[before] != '\\') {
                    return i;
                }
            }
            i++;
        }
        return t.length;
    }

    private static int skipBlanks(char[] t, int i) {
        while (i < t.length && (t[i] == ' ' || t[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isWord(char[] t, int at, int length) {
        return (at == 0 || !Character.isJavaIdentifierPart(t[at - 1]))
                && (at + length >= t.length || !Character.isJavaIdentifierPart(t[at + length]));
    }

    private static int indexOf(char[] t, char[] what, int from) {
        outer:
        for (int i = from; i <= t.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (t[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
