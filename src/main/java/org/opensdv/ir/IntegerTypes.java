package org.opensdv.ir;

import java.util.Map;

/**
 * The value a constant takes when converted to a named integer type of the Windows x64 kernel:
 * {@code (NTSTATUS)0xC0000001L} is negative, {@code (BOOLEAN)0x100} is 0, {@code (bool)0x100} (C99's
 * {@code _Bool}) is 1. Unknown type names leave the value as it is.
 */
public final class IntegerTypes {
    private static final Map<String, Integer> SIGNED_BITS = Map.ofEntries(
            Map.entry("NTSTATUS", 32), Map.entry("LONG", 32), Map.entry("INT", 32), Map.entry("int", 32),
            Map.entry("long", 32), Map.entry("BOOL", 32), Map.entry("LONG32", 32), Map.entry("HRESULT", 32),
            Map.entry("SHORT", 16), Map.entry("short", 16), Map.entry("CSHORT", 16), Map.entry("CHAR", 8),
            Map.entry("CCHAR", 8), Map.entry("char", 8), Map.entry("signed char", 8), Map.entry("int32_t", 32),
            Map.entry("int16_t", 16), Map.entry("int8_t", 8));
    private static final Map<String, Integer> UNSIGNED_BITS = Map.ofEntries(
            Map.entry("ULONG", 32), Map.entry("DWORD", 32), Map.entry("UINT", 32), Map.entry("unsigned int", 32),
            Map.entry("unsigned long", 32), Map.entry("ULONG32", 32), Map.entry("USHORT", 16),
            Map.entry("WORD", 16), Map.entry("WCHAR", 16), Map.entry("unsigned short", 16), Map.entry("UCHAR", 8),
            Map.entry("BOOLEAN", 8), Map.entry("BYTE", 8), Map.entry("KIRQL", 8), Map.entry("unsigned char", 8),
            Map.entry("uint32_t", 32), Map.entry("uint16_t", 16), Map.entry("uint8_t", 8));

    private IntegerTypes() {
    }

    public static long convert(String type, long value) {
        String t = type == null ? "" : type.replace("const", "").replace("volatile", "").trim();
        if (t.equals("_Bool") || t.equals("bool")) {
            return value != 0 ? 1 : 0;
        }
        Integer bits = SIGNED_BITS.get(t);
        if (bits != null) {
            return (value << (64 - bits)) >> (64 - bits);
        }
        bits = UNSIGNED_BITS.get(t);
        if (bits != null) {
            return value & ((1L << bits) - 1);
        }
        return value;
    }
}
