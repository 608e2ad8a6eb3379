package org.opensdv.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.ir.Stmt;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.report.ParseReport;

class VariadicCommasTest {
    @TempDir
    Path dir;

    private static String rewritten(String text) {
        String out = new String(VariadicCommas.forParser(text.toCharArray()));
        assertThat(out).hasSameSizeAs(text); // every offset stays
        return out;
    }

    @Test
    void theCommaBeforeVaArgsIsMadeOptionalInADefine() {
        assertThat(rewritten("#define LOG(fmt, ...) DbgPrint(fmt,   __VA_ARGS__)\n"))
                .isEqualTo("#define LOG(fmt, ...) DbgPrint(fmt,## __VA_ARGS__)\n");
        // room taken from the blanks of the replacement list that separate no tokens
        assertThat(rewritten("#define LOG(fmt, ...) DbgPrint(0, fmt, __VA_ARGS__)\n"))
                .isEqualTo("#define LOG(fmt, ...) DbgPrint(0,fmt,##__VA_ARGS__)\n");
        assertThat(rewritten("#define LOG(fmt, ...) DbgPrint(fmt,__VA_ARGS__); x; y\n"))
                .isEqualTo("#define LOG(fmt, ...) DbgPrint(fmt,##__VA_ARGS__);x;y\n");
        // across a line continuation, "##" goes in the blanks before the backslash
        assertThat(rewritten("#define LOG(c, fmt, ...) \\\n  Log(c, fmt,   \\\n      __VA_ARGS__)\n"))
                .isEqualTo("#define LOG(c, fmt, ...) \\\n  Log(c, fmt,## \\\n      __VA_ARGS__)\n");
    }

    @Test
    void everythingElseStaysAsWritten() {
        String[] untouched = {
            "#define LOG(fmt, ...) DbgPrint(fmt, ## __VA_ARGS__)\n", // already GNU
            "#define LOG(...) DbgPrint(__VA_ARGS__)\n", // no comma to drop
            "int f(void) { return g(1, __VA_ARGS__); }\n", // not a directive
            "#define F(x) (x)\nint y = F(1), __VA_ARGS__;\n",
            "#define L(fmt, ...) P(fmt,__VA_ARGS__,' ','a')\n", // no blank to spare but in literals
            "#define L(fmt,...) P(fmt,__VA_ARGS__)\n", // the name's blank is not the body's
            "#define L(fmt, ...) P(fmt,__VA_ARGS__); x = 1\n", // too little room: blanks beside = stay
        };
        for (String text : untouched) {
            assertThat(rewritten(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aLogMacroCalledWithTheFormatOnlyParsesAndKeepsLocations() throws IOException {
        // MSVC drops the comma; without the rewrite CDT read Log(1, "x: " "done", ): a syntax error
        Files.writeString(dir.resolve("a.c"), """
                #include <ntifs.h>
                void Log(int level, const char *fmt, ...);
                #define LOG(level, Format, ...) Log(level, "x: " Format, __VA_ARGS__)
                #define SITE __FUNCTION__ ":" "12"
                void f(int x) {
                    LOG(1, "done");
                    LOG(2, "value %d", x);
                    Log(3, SITE); Log(4, "y");
                }
                """);
        var project = InputCollector.collect(List.of(dir.resolve("a.c")), new CompilerOptions(List.of(), Map.of()));
        var result = ProgramBuilder.build(project, 1);
        assertThat(ParseReport.of(result).functionsWithProblems()).isZero();
        var f = result.functions().stream().filter(x -> x.name().equals("f")).findFirst().orElseThrow();
        var calls = f.blocks().stream().flatMap(b -> b.statements().stream())
                .filter(s -> s instanceof Stmt.Call).map(s -> (Stmt.Call) s).toList();
        assertThat(calls).extracting(c -> c.args().size()).containsExactly(2, 3, 2, 2);
        assertThat(calls).extracting(c -> c.loc().line() + ":" + c.loc().column())
                .containsExactly("6:5", "7:5", "8:5", "8:19");
    }
}
