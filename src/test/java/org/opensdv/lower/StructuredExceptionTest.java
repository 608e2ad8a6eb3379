package org.opensdv.lower;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.ir.Stmt;

/** SEH forms reach the CFG with their real meaning: __finally on every way out, __leave, __except. */
class StructuredExceptionTest {
    @TempDir
    Path dir;

    /** The body starts on line 5 of the generated file. */
    private Cfg cfg(String body) throws IOException {
        return Cfg.of(dir, "#include <ntifs.h>\nvoid A(void); void B(void); void H(void); void Fin(void);\n"
                + "void Fin2(void); void After(void); void Ab(void); void No(void);\n"
                + "void T(int c, int d) {\n" + body + "\n}\n", "T");
    }

    @Test
    void finallyRunsOnFallThrough() throws IOException {
        Cfg g = cfg("__try { A(); } __finally { Fin(); } After();");
        assertThat(g.reaches("A", "Fin")).isTrue();
        assertThat(g.reaches("Fin", "After")).isTrue();
        assertThat(g.reachesAvoiding("After", "Fin")).isFalse();
    }

    @Test
    void returnInsideTryRunsFinallyAndNotWhatFollows() throws IOException {
        Cfg g = cfg("__try {\nA();\nif (c) return;\nB();\n} __finally { Fin(); }\nAfter();");
        int returnLine = 7;
        assertThat(g.callsBeforeReturn(returnLine)).contains("A", "Fin").doesNotContain("B", "After");
        assertThat(g.returnReachableAvoiding(returnLine, "Fin")).as("finally on the return path").isFalse();
        assertThat(g.reaches("Fin", "After")).as("normal exit still continues").isTrue();
    }

    @Test
    void leaveSkipsRestOfTryAndRunsFinally() throws IOException {
        Cfg g = cfg("__try { A(); if (c) __leave; B(); } __finally { Fin(); } After();");
        assertThat(g.reachesAvoiding("After", "B")).as("__leave skips B").isTrue();
        assertThat(g.reachesAvoiding("After", "Fin")).isFalse();
    }

    @Test
    void cSpellingsComeFromTheWdkHeadersMeaning() throws IOException {
        Cfg g = cfg("try { A(); if (c) leave; B(); } finally { Fin(); } After();");
        assertThat(g.reachesAvoiding("After", "B")).isTrue();
        assertThat(g.reachesAvoiding("After", "Fin")).isFalse();
    }

    @Test
    void gotoOutOfTryRunsFinally() throws IOException {
        Cfg g = cfg("__try { A(); if (c) goto out; B(); } __finally { Fin(); } After();\nout: H();");
        assertThat(g.reachesAvoiding("H", "Fin")).isFalse();
        assertThat(g.reachesAvoiding("H", "After")).as("goto skips the code after the try").isTrue();
    }

    @Test
    void tryReturnGotoInsideTheTryRunsNoFinally() throws IOException {
        Cfg g = cfg("__try { A(); if (c) goto try_exit; B();\ntry_exit: ; } __finally { Fin(); } After();");
        assertThat(g.callCount("Fin")).as("the normal-exit copy, and the one an exception from A or B runs")
                .isEqualTo(2);
        assertThat(g.reachesAvoiding("After", "B")).isTrue();
    }

    @Test
    void breakAndContinueOutOfTryRunFinally() throws IOException {
        Cfg g = cfg("while (d) { __try { A(); if (c) break; if (d) continue; B(); } __finally { Fin(); } } After();");
        assertThat(g.reachesAvoiding("After", "Fin")).as("zero iterations").isTrue();
        assertThat(g.reaches("A", "Fin")).isTrue();
        assertThat(g.callCount("Fin")).as("normal, break, continue and exception copies").isEqualTo(4);
    }

    @Test
    void nestedFinallysRunInnerFirstOnReturn() throws IOException {
        Cfg g = cfg("__try {\n__try {\nif (c) return;\n} __finally { Fin(); }\n} __finally { Fin2(); }");
        int returnLine = 7;
        assertThat(g.callsBeforeReturn(returnLine)).contains("Fin", "Fin2");
        assertThat(g.reaches("Fin", "Fin2")).isTrue();
        assertThat(g.reaches("Fin2", "Fin")).isFalse();
    }

    @Test
    void abnormalTerminationIsKnownInEachCopy() throws IOException {
        Cfg g = cfg("__try {\nif (c) return;\nA();\n} __finally { if (AbnormalTermination()) Ab(); else No(); }");
        assertThat(g.callsBeforeReturn(6)).contains("Ab").doesNotContain("No", "A");
        assertThat(g.reaches("A", "No")).isTrue();
        assertThat(g.reaches("A", "Ab")).as("A raised").isTrue();
        assertThat(g.raisesTo("A")).as("only the abnormal copy runs when A raises").containsOnly("Ab");
    }

    @Test
    void exceptionWithNoHandlerHereRunsTheFinallyAndLeavesTheFunction() throws IOException {
        Cfg g = cfg("__try { __try { A(); } __finally { Fin(); } } __finally { Fin2(); } After();");
        assertThat(g.raisesTo("A")).as("inner finally, then outer, then out").containsOnly("Fin", "Fin2");
        assertThat(g.raiseLeavesFunction("A")).isTrue();
        assertThat(g.firstCall("After").raisesTo()).as("a call outside every __try raises straight out")
                .isEqualTo(-1);
    }

    @Test
    void exceptionWithAHandlerGoesThereAsBefore() throws IOException {
        Cfg g = cfg("__try { __try { A(); } __finally { Fin(); } } __except (EXCEPTION_EXECUTE_HANDLER) { H(); }");
        assertThat(g.raisesTo("A")).containsOnly("Fin", "H");
        assertThat(g.raiseLeavesFunction("A")).isFalse();
    }

    @Test
    void callInsideTryExceptMayRaiseToTheHandler() throws IOException {
        Cfg g = cfg("__try { A(); B(); } __except (EXCEPTION_EXECUTE_HANDLER) { H(); } After();");
        assertThat(g.reachesAvoiding("H", "A")).as("A raised").isTrue();
        assertThat(g.reaches("A", "H")).as("B raised").isTrue();
        assertThat(g.reaches("H", "After")).isTrue();
        assertThat(g.reaches("B", "After")).isTrue();
    }

    @Test
    void exceptionUnwindsThroughInnerFinallyToHandler() throws IOException {
        Cfg g = cfg("__try { __try { A(); } __finally { Fin(); } } __except (EXCEPTION_EXECUTE_HANDLER) { H(); }");
        assertThat(g.callCount("Fin")).as("a normal and an unwinding copy").isEqualTo(2);
        assertThat(g.reaches("Fin", "H")).as("the unwinding copy goes on to the handler").isTrue();
        assertThat(g.reaches("A", "Fin")).isTrue();
    }

    @Test
    void noHandlerInTheFunctionMeansNoExceptionEdges() throws IOException {
        Cfg g = cfg("__try { A(); } __finally { Fin(); }");
        assertThat(g.function().blocks()).noneMatch(b -> b.terminator() instanceof org.opensdv.ir.Terminator.Choice);
    }

    @Test
    void filterExpressionIsEvaluatedBeforeTheHandler() throws IOException {
        Cfg g = Cfg.of(dir, "#include <ntifs.h>\nvoid A(void); void H(void);\nLONG Filter(PVOID p);\n"
                + "void T(void) { __try { A(); } __except (Filter(GetExceptionInformation())) { H(); } }", "T");
        assertThat(g.reaches("Filter", "H")).isTrue();
    }

    @Test
    void danglingElseAfterFinallyBelongsToTheOuterIf() throws IOException {
        Cfg g = cfg("if (c) __try { A(); } __finally { Fin(); } else { B(); } After();");
        assertThat(g.reaches("A", "B")).isFalse();
        assertThat(g.reachesAvoiding("B", "A")).isTrue();
        assertThat(g.reaches("B", "After")).isTrue();
    }

    @Test
    void returnValueIsComputedBeforeTheFinallyRuns() throws IOException {
        Cfg g = Cfg.of(dir, "#include <ntifs.h>\nint V(void); void Fin(void);\n"
                + "int T(void) { __try { return V(); } __finally { Fin(); } }", "T");
        assertThat(g.reaches("V", "Fin")).isTrue();
        assertThat(g.reaches("Fin", "V")).isFalse();
    }

    @Test
    void macroCallSiteIsTheLocation() throws IOException {
        Cfg g = Cfg.of(dir, "#include <ntifs.h>\n#define ACQUIRE(r) do { ExAcquireResourceExclusiveLite((r), TRUE); } while (0)\n"
                + "void T(PERESOURCE R) {\n    ACQUIRE(R);\n}\n", "T");
        Stmt.Call call = g.firstCall("ExAcquireResourceExclusiveLite");
        assertThat(call.loc().line()).isEqualTo(4);
        assertThat(call.loc().column()).isEqualTo(5);
        assertThat(call.loc().macro()).isEqualTo("ACQUIRE");
        assertThat(call.loc().file()).endsWith("t.c");
    }
}
