package org.opensdv.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * OpenSDV's own headers, served from a virtual folder. The dialect header is force-included into
 * every translation unit; the WDK stand-in answers an include of a WDK header (ntifs.h, wdm.h, ...)
 * only when no include directory has the real one, because the virtual folder is searched last.
 */
public final class Prelude {
    /** The virtual folder; it never exists on disk. */
    public static final String DIR = "/__opensdv_prelude__";
    public static final String DIALECT = DIR + "/opensdv_dialect.h";
    public static final String WDK = DIR + "/opensdv_wdk.h";
    public static final String CRT = DIR + "/opensdv_crt.h";

    /** WDK headers whose content the stand-in provides. */
    private static final Set<String> WDK_HEADERS = Set.of(
            "ntifs.h", "ntddk.h", "wdm.h", "fltkernel.h", "ntdef.h", "ntstatus.h", "sal.h", "specstrings.h",
            "driverspecs.h", "excpt.h", "ntstrsafe.h", "fltuser.h", "fltuserstructures.h", "ntintsafe.h",
            "wdmsec.h", "initguid.h", "ntimage.h", "bugcodes.h", "ntiologc.h", "dontuse.h", "suppress.h",
            "windef.h", "basetsd.h", "guiddef.h", "ntverp.h");
    /**
     * C runtime and compiler headers a kernel driver (or a DDK header) includes; the stand-in has what
     * drivers use of them. The compiler's own intrinsics headers are never on a driver's include path.
     */
    private static final Set<String> CRT_HEADERS = Set.of(
            "stddef.h", "stdarg.h", "string.h", "stdlib.h", "limits.h", "stdio.h", "wchar.h", "ctype.h",
            "stdint.h", "malloc.h", "memory.h", "stdbool.h", "intrin.h", "math.h", "x86intrin.h", "cpuid.h",
            "mm_malloc.h", "immintrin.h", "emmintrin.h", "xmmintrin.h", "ia32intrin.h");

    private static final String DIALECT_TEXT = load("opensdv_dialect.h");
    private static final String WDK_TEXT = load("opensdv_wdk.h");
    private static final String CRT_TEXT = """
            #ifndef OPENSDV_CRT_H
            #define OPENSDV_CRT_H
            typedef unsigned long long size_t;
            typedef long long ptrdiff_t;
            typedef unsigned short wchar_t;
            typedef __builtin_va_list va_list;
            #define va_start(ap, last) __builtin_va_start(ap, last)
            #define va_end(ap) __builtin_va_end(ap)
            #define va_arg(ap, type) __builtin_va_arg(ap, type)
            #ifndef NULL
            #define NULL ((void *)0)
            #endif
            #define offsetof(t, f) ((size_t)&(((t *)0)->f))
            #define CHAR_BIT 8
            #define MAXULONG 0xffffffffUL
            #define MAXLONG 0x7fffffffL
            #define MAXUSHORT 0xffff
            #define MAXUCHAR 0xff
            #define SCHAR_MIN (-128)
            #define SCHAR_MAX 127
            #define UCHAR_MAX 0xff
            #define CHAR_MIN SCHAR_MIN
            #define CHAR_MAX SCHAR_MAX
            #define SHRT_MIN (-32768)
            #define SHRT_MAX 32767
            #define USHRT_MAX 0xffff
            #define INT_MIN (-2147483647 - 1)
            #define INT_MAX 2147483647
            #define UINT_MAX 0xffffffffU
            #define LONG_MIN (-2147483647L - 1)
            #define LONG_MAX 2147483647L
            #define ULONG_MAX 0xffffffffUL
            #define LLONG_MIN (-9223372036854775807LL - 1)
            #define LLONG_MAX 9223372036854775807LL
            #define ULLONG_MAX 0xffffffffffffffffULL
            #endif
            """;

    /**
     * C99's {@code <stdbool.h>}, as MSVC and GCC define it; only for that header, since older drivers
     * define {@code bool}, {@code true} and {@code false} themselves.
     */
    private static final String STDBOOL_TEXT = """
            #ifndef OPENSDV_STDBOOL_H
            #define OPENSDV_STDBOOL_H
            #define bool _Bool
            #define true 1
            #define false 0
            #define __bool_true_false_are_defined 1
            #endif
            """;
    /** {@code <stdint.h>} for the 64-bit targets drivers are built for (long is 32 bits); only for that header. */
    private static final String STDINT_TEXT = """
            #ifndef OPENSDV_STDINT_H
            #define OPENSDV_STDINT_H
            typedef signed char int8_t;
            typedef short int16_t;
            typedef int int32_t;
            typedef long long int64_t;
            typedef unsigned char uint8_t;
            typedef unsigned short uint16_t;
            typedef unsigned int uint32_t;
            typedef unsigned long long uint64_t;
            typedef signed char int_least8_t;
            typedef short int_least16_t;
            typedef int int_least32_t;
            typedef long long int_least64_t;
            typedef unsigned char uint_least8_t;
            typedef unsigned short uint_least16_t;
            typedef unsigned int uint_least32_t;
            typedef unsigned long long uint_least64_t;
            typedef signed char int_fast8_t;
            typedef int int_fast16_t;
            typedef int int_fast32_t;
            typedef long long int_fast64_t;
            typedef unsigned char uint_fast8_t;
            typedef unsigned int uint_fast16_t;
            typedef unsigned int uint_fast32_t;
            typedef unsigned long long uint_fast64_t;
            typedef long long intptr_t;
            typedef unsigned long long uintptr_t;
            typedef long long intmax_t;
            typedef unsigned long long uintmax_t;
            #define INT8_MIN (-127 - 1)
            #define INT16_MIN (-32767 - 1)
            #define INT32_MIN (-2147483647 - 1)
            #define INT64_MIN (-9223372036854775807LL - 1)
            #define INT8_MAX 127
            #define INT16_MAX 32767
            #define INT32_MAX 2147483647
            #define INT64_MAX 9223372036854775807LL
            #define UINT8_MAX 0xff
            #define UINT16_MAX 0xffff
            #define UINT32_MAX 0xffffffffU
            #define UINT64_MAX 0xffffffffffffffffULL
            #define INTPTR_MIN INT64_MIN
            #define INTPTR_MAX INT64_MAX
            #define UINTPTR_MAX UINT64_MAX
            #define INTMAX_MIN INT64_MIN
            #define INTMAX_MAX INT64_MAX
            #define UINTMAX_MAX UINT64_MAX
            #define SIZE_MAX UINT64_MAX
            #define PTRDIFF_MIN INT64_MIN
            #define PTRDIFF_MAX INT64_MAX
            #define INT8_C(x) (x)
            #define INT16_C(x) (x)
            #define INT32_C(x) (x)
            #define INT64_C(x) (x##LL)
            #define UINT8_C(x) (x)
            #define UINT16_C(x) (x)
            #define UINT32_C(x) (x##U)
            #define UINT64_C(x) (x##ULL)
            #define INTMAX_C(x) INT64_C(x)
            #define UINTMAX_C(x) UINT64_C(x)
            #endif
            """;

    private Prelude() {
    }

    private static String load(String name) {
        try (InputStream in = Prelude.class.getResourceAsStream("prelude/" + name)) {
            if (in == null) {
                throw new IllegalStateException("prelude resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isPreludePath(String path) {
        return path.startsWith(DIR + "/");
    }

    /** The text served for a path in the virtual folder, or null if it has no such file. */
    public static String contentFor(String path) {
        if (!isPreludePath(path)) {
            return null;
        }
        String name = path.substring(DIR.length() + 1).replace('\\', '/').toLowerCase(Locale.ROOT);
        return switch (name) {
            case "opensdv_dialect.h" -> DIALECT_TEXT;
            case "opensdv_wdk.h" -> WDK_TEXT;
            case "opensdv_crt.h" -> CRT_TEXT;
            default -> {
                if (WDK_HEADERS.contains(name)) {
                    yield "#include \"opensdv_wdk.h\"\n";
                }
                if (name.equals("stdbool.h")) {
                    yield "#include \"opensdv_crt.h\"\n" + STDBOOL_TEXT;
                }
                if (name.equals("stdint.h")) {
                    yield "#include \"opensdv_crt.h\"\n" + STDINT_TEXT;
                }
                if (name.equals("assert.h")) { // asserts check nothing a rule needs: as with NDEBUG
                    yield "#include \"opensdv_crt.h\"\n#undef assert\n#define assert(e) ((void)0)\n";
                }
                if (CRT_HEADERS.contains(name)) {
                    yield "#include \"opensdv_crt.h\"\n";
                }
                yield null;
            }
        };
    }
}
