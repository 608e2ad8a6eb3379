package org.opensdv.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;

class IncludeLookupTest {
    @TempDir
    Path dir;

    private ProgramBuilder.Result parse(List<Path> inputs, List<Path> includes) {
        return ProgramBuilder.build(InputCollector.collect(inputs, new CompilerOptions(includes, Map.of())), 1);
    }

    private static long returned(ProgramBuilder.Result r) {
        var ret = (org.opensdv.ir.Terminator.Return) r.functions().get(0).blocks().get(0).terminator();
        return ((org.opensdv.ir.Expr.Const) ret.value()).value();
    }

    @Test
    void backslashesAndCaseInsensitiveNamesResolveAsOnWindows() throws IOException {
        Files.createDirectories(dir.resolve("Common"));
        Files.createDirectories(dir.resolve("drv"));
        Files.writeString(dir.resolve("Common/Defs.h"), "#define FROM_DEFS 1\n");
        Files.writeString(dir.resolve("drv/local.h"), "#define FROM_LOCAL 1\n");
        Files.writeString(dir.resolve("drv/a.c"), """
                #include "..\\common\\DEFS.H"
                #include "LOCAL.h"
                int f(void) { return FROM_DEFS + FROM_LOCAL; }
                """);
        var r = parse(List.of(dir.resolve("drv")), List.of());
        var unit = r.program().units().get(0);
        assertThat(unit.unresolvedIncludes()).isEmpty();
        assertThat(returned(r)).isEqualTo(2);
    }

    @Test
    void searchOrderIsIncluderThenIncludeDirsThenInputFolders() throws IOException {
        Files.createDirectories(dir.resolve("src/sub"));
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("src/sub/v.h"), "#define V 1\n");
        Files.writeString(dir.resolve("inc/v.h"), "#define V 2\n");
        Files.writeString(dir.resolve("inc/w.h"), "#define W 20\n");
        Files.writeString(dir.resolve("src/w.h"), "#define W 30\n");
        Files.writeString(dir.resolve("src/x.h"), "#define X 300\n");
        Files.writeString(dir.resolve("src/sub/a.c"), """
                #include "v.h"
                #include <w.h>
                #include <x.h>
                int f(void) { return V + W + X; }
                """);
        var r = parse(List.of(dir.resolve("src")), List.of(dir.resolve("inc")));
        assertThat(r.program().units().get(0).unresolvedIncludes()).isEmpty();
        assertThat(returned(r)).isEqualTo(321);
    }

    @Test
    void missingHeaderIsRecordedNotFatal() throws IOException {
        Files.writeString(dir.resolve("a.c"), "#include \"nowhere.h\"\n#include <ntifs.h>\nint f(void) { return 1; }\n");
        var r = parse(List.of(dir.resolve("a.c")), List.of());
        var unit = r.program().units().get(0);
        assertThat(unit.unresolvedIncludes()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("nowhere.h");
            assertThat(u.line()).isEqualTo(1);
        });
        assertThat(r.ownFunctions()).hasSize(1); // the prelude's inline list helpers are not the unit's
    }

    @Test
    void realHeaderBeatsThePrelude() throws IOException {
        Files.createDirectories(dir.resolve("ddk"));
        Files.writeString(dir.resolve("ddk/wdm.h"), "#define REAL_WDM 7\n");
        Files.writeString(dir.resolve("a.c"), "#include <wdm.h>\nint f(void) { return REAL_WDM; }\n");
        var r = parse(List.of(dir.resolve("a.c")), List.of(dir.resolve("ddk")));
        assertThat(returned(r)).isEqualTo(7);
    }

    @Test
    void theStandInServesC99BoolAndFixedWidthIntegers() throws IOException {
        // true undeclared was some unknown value: an acquire with Wait true could fail
        Files.writeString(dir.resolve("a.c"), """
                #include <ntifs.h>
                #include <stdbool.h>
                #include <stdint.h>
                int wait(void) { return true; }
                int nowait(void) { return false; }
                int asBool(void) { return (bool)0x100; }
                int asByte(void) { return (uint8_t)0x1ff; }
                int asInt16(void) { return (int16_t)0xffff; }
                long long widest(void) { return (int64_t)INT64_MAX; }
                """);
        var r = parse(List.of(dir.resolve("a.c")), List.of());
        assertThat(r.program().units().get(0).unresolvedIncludes()).isEmpty();
        assertThat(returnedBy(r, "wait")).isEqualTo(1);
        assertThat(returnedBy(r, "nowait")).isZero();
        assertThat(returnedBy(r, "asBool")).isEqualTo(1);
        assertThat(returnedBy(r, "asByte")).isEqualTo(0xff);
        assertThat(returnedBy(r, "asInt16")).isEqualTo(-1);
        assertThat(returnedBy(r, "widest")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aDriversOwnBoolStandsBesideOtherRuntimeHeaders() throws IOException {
        // only <stdbool.h> says bool, true and false: older drivers define them themselves
        Files.writeString(dir.resolve("a.c"), """
                #include <ntifs.h>
                #include <stddef.h>
                #include <string.h>
                typedef unsigned char bool;
                enum { false, true };
                typedef unsigned long uint32_t;
                int f(void) { bool b = true; uint32_t n = 2; return 4; }
                """);
        var r = parse(List.of(dir.resolve("a.c")), List.of());
        assertThat(org.opensdv.report.ParseReport.of(r).problems()).isEmpty();
        assertThat(returnedBy(r, "f")).isEqualTo(4);
    }

    @Test
    void fileScopeAssertionsAndGuidsParse() throws IOException {
        // C11's static_assert and the WDK's DEFINE_GUID at file scope were syntax errors
        Files.writeString(dir.resolve("a.c"), """
                #include <ntifs.h>
                #include <initguid.h>
                #include <assert.h>
                #define MY_STATIC_ASSERT(e, m) static_assert(e, m)
                DEFINE_GUID(MyInterface, 0x4d414874, 0x6865, 0x6761, 0x6d, 0x65, 0x83, 0x69, 0x17, 0x9a, 0x7d, 0x1d);
                static_assert(sizeof(int) == 4, "int");
                _Static_assert(sizeof(long) == 4, "long");
                MY_STATIC_ASSERT(sizeof(short) == 2, "short");
                int f(int x) { static_assert(1, "x"); assert(x > 0); return 3; }
                """);
        var r = parse(List.of(dir.resolve("a.c")), List.of());
        var report = org.opensdv.report.ParseReport.of(r);
        assertThat(report.problems()).isEmpty();
        assertThat(report.unresolvedIncludes()).isEmpty();
        assertThat(returnedBy(r, "f")).isEqualTo(3);
    }

    private static long returnedBy(ProgramBuilder.Result r, String name) {
        var f = r.functions().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        var ret = (org.opensdv.ir.Terminator.Return) f.blocks().get(0).terminator();
        return ((org.opensdv.ir.Expr.Const) ret.value()).value();
    }

    @Test
    void sourceTextDecodesWindowsEncodings() throws Exception {
        byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'i', 0, 'n', 0, 't', 0};
        assertThat(new String(SourceText.decode("x", utf16).chars())).isEqualTo("int");
        byte[] latin = {'/', '/', ' ', (byte) 0xE9, '\n'};
        SourceText t = SourceText.decode("x", latin);
        assertThat(t.encodingNote()).contains("Windows-1252");
        assertThat(new String(t.chars())).contains("é");
        assertThat(t.lineOf(3)).isEqualTo(1);
        assertThat(t.columnOf(3)).isEqualTo(4);
    }
}
