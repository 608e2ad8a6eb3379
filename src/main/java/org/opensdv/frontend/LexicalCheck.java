package org.opensdv.frontend;

/**
 * What CDT's preprocessor accepts silently but a compiler refuses: a block comment that never ends
 * (it swallows the rest of the file). Returns a message with the line where it starts, or null.
 */
public final class LexicalCheck {
    private LexicalCheck() {
    }

    public record Finding(int line, String message) {
    }

    public static Finding unterminatedComment(SourceText text) {
        char[] c = text.chars();
        int i = 0;
        int n = c.length;
        while (i < n) {
            char ch = c[i];
            if (ch == '/' && i + 1 < n && c[i + 1] == '/') {
                while (i < n && c[i] != '\n') {
                    i += c[i] == '\\' ? 2 : 1; // a line comment continues over a backslash-newline
                }
            } else if (ch == '/' && i + 1 < n && c[i + 1] == '*') {
                int start = i;
                i += 2;
                while (i + 1 < n && !(c[i] == '*' && c[i + 1] == '/')) {
                    i++;
                }
                if (i + 1 >= n) {
                    return new Finding(text.lineOf(start), "unterminated comment: /* is never closed");
                }
                i += 2;
            } else if (ch == '"' || ch == '\'') {
                i++;
                while (i < n && c[i] != ch && c[i] != '\n') {
                    i += c[i] == '\\' ? 2 : 1;
                }
                i++;
            } else {
                i++;
            }
        }
        return null;
    }
}
