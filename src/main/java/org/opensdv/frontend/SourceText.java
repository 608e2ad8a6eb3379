package org.opensdv.frontend;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoded text of one source file with its line table. Windows sources come as UTF-8 (with or
 * without BOM), UTF-16 with BOM, or a legacy code page; the last is read as Windows-1252.
 */
public final class SourceText {
    private final String path;
    private final char[] chars;
    private final int[] lineStarts;
    private final String encodingNote;
    /** {@link #charsForParser}, once made; a race makes it twice, alike. */
    private volatile char[] forParser;

    private SourceText(String path, char[] chars, String encodingNote) {
        this.path = path;
        this.chars = chars;
        this.encodingNote = encodingNote;
        int[] starts = new int[64];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    /** Thrown for input that is not text at all (e.g. an object file named .c). */
    public static final class NotTextException extends Exception {
        public NotTextException(String message) {
            super(message);
        }
    }

    public static SourceText of(String path, String text) {
        return new SourceText(path, text.toCharArray(), null);
    }

    public static SourceText decode(String path, byte[] bytes) throws NotTextException {
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new SourceText(path, new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE)
                    .toCharArray(), null);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new SourceText(path, new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE)
                    .toCharArray(), null);
        }
        int offset = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        int probe = Math.min(bytes.length, 1 << 16);
        for (int i = offset; i < probe; i++) {
            if (bytes[i] == 0) {
                throw new NotTextException("binary file (contains NUL bytes), not C source");
            }
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            var buffer = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            char[] chars = new char[buffer.remaining()];
            buffer.get(chars);
            return new SourceText(path, chars, null);
        } catch (CharacterCodingException e) {
            Charset legacy = Charset.forName("windows-1252");
            String text = new String(bytes, offset, bytes.length - offset, legacy);
            return new SourceText(path, text.toCharArray(), "not valid UTF-8; read as Windows-1252");
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public String path() {
        return path;
    }

    public char[] chars() {
        return chars;
    }

    /** What CDT parses: the text with MSVC's variadic macros in GNU spelling, each offset kept ({@link VariadicCommas}). */
    public char[] charsForParser() {
        char[] parsed = forParser;
        if (parsed == null) {
            parsed = VariadicCommas.forParser(chars);
            forParser = parsed;
        }
        return parsed;
    }

    /** Null when the file decoded cleanly, else what was done about its encoding. */
    public String encodingNote() {
        return encodingNote;
    }

    public int lineCount() {
        return chars.length > 0 && chars[chars.length - 1] == '\n' ? lineStarts.length - 1 : lineStarts.length;
    }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        int line = lineOf(offset);
        return offset - lineStarts[line - 1] + 1;
    }

    /** The text of a 1-based line without its line break, or "" when out of range. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : chars.length;
        while (end > start && (chars[end - 1] == '\n' || chars[end - 1] == '\r')) {
            end--;
        }
        return new String(chars, start, end - start);
    }

    public String substring(int offset, int length) {
        int start = Math.max(0, Math.min(offset, chars.length));
        int end = Math.max(start, Math.min(offset + length, chars.length));
        return new String(chars, start, end - start);
    }
}
