package org.opensdv.lower;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.ir.Expr;
import org.opensdv.ir.Terminator;

/** The plain C jump forms reach the CFG with their exact meaning. */
class ControlFlowTest {
    @TempDir
    Path dir;

    private Cfg cfg(String body) throws IOException {
        return Cfg.of(dir, "#include <wdm.h>\nvoid A(void); void B(void); void C(void); void D(void);\n"
                + "int F(void); int G(void);\nvoid T(int c, int d, int e, int n, int x) {\n" + body + "\n}\n", "T");
    }

    @Test
    void ifElseJoins() throws IOException {
        Cfg g = cfg("if (c) A(); else B(); C();");
        assertThat(g.reaches("A", "C")).isTrue();
        assertThat(g.reaches("B", "C")).isTrue();
        assertThat(g.reaches("A", "B")).isFalse();
        assertThat(g.reaches("B", "A")).isFalse();
    }

    @Test
    void whileWithBreakAndContinue() throws IOException {
        Cfg g = cfg("while (c) { A(); if (d) break; if (e) continue; B(); } C();");
        assertThat(g.reaches("B", "A")).as("back edge").isTrue();
        assertThat(g.reaches("A", "C")).isTrue();
        assertThat(g.reachesAvoiding("C", "B")).as("break skips B").isTrue();
        assertThat(g.reaches("A", "A")).as("continue loops").isTrue();
    }

    @Test
    void forLoopRunsStepThenCondition() throws IOException {
        Cfg g = cfg("int i; for (i = 0; i < n; i++) { if (d) continue; A(); } B();");
        assertThat(g.reaches("A", "A")).isTrue();
        assertThat(g.reaches("A", "B")).isTrue();
        assertThat(g.reachesAvoiding("B", "A")).as("zero iterations").isTrue();
        assertThat(g.hasBackEdge()).isTrue();
    }

    @Test
    void doWhileZeroIsStraightLine() throws IOException {
        Cfg g = cfg("do { A(); } while (0); B();");
        assertThat(g.reaches("A", "B")).isTrue();
        assertThat(g.reaches("A", "A")).isFalse();
        assertThat(g.hasBackEdge()).isFalse();
    }

    @Test
    void doWhileRunsBodyAtLeastOnce() throws IOException {
        Cfg g = cfg("do { A(); if (d) continue; B(); } while (c); C();");
        assertThat(g.reachesAvoiding("C", "A")).isFalse();
        assertThat(g.reaches("A", "A")).isTrue();
        assertThat(g.reachesAvoiding("C", "B")).as("continue goes to the condition").isTrue();
    }

    @Test
    void switchFallsThroughAndHonoursDefault() throws IOException {
        Cfg g = cfg("switch (x) { case 1: A(); case 2: B(); break; default: C(); } D();");
        assertThat(g.reaches("A", "B")).as("fallthrough").isTrue();
        assertThat(g.reaches("B", "C")).isFalse();
        assertThat(g.reaches("C", "D")).isTrue();
        assertThat(g.reachesAvoiding("C", "A")).isTrue();
        assertThat(g.reachesAvoiding("D", "A")).isTrue();
        assertThat(g.branches()).extracting(b -> b.condition().toString()).contains("x == 1", "x == 2");
    }

    @Test
    void switchWithoutDefaultCanSkipEveryCase() throws IOException {
        Cfg g = cfg("switch (x) { case 1: A(); break; case 2: B(); break; } D();");
        assertThat(g.reachesAvoiding("D", "A")).isTrue();
        assertThat(g.reachesAvoiding("D", "B")).isTrue();
        assertThat(g.reaches("A", "B")).isFalse();
    }

    @Test
    void caseLabelsKeepTheirMacroSpelling() throws IOException {
        Cfg g = cfg("switch (x) { case IRP_MN_START_DEVICE: A(); break; case IRP_MN_REMOVE_DEVICE: B(); break; }");
        assertThat(g.branches()).extracting(b -> b.condition().toString())
                .contains("x == IRP_MN_START_DEVICE", "x == IRP_MN_REMOVE_DEVICE");
        Terminator.Branch start = g.branches().stream()
                .filter(b -> b.condition().toString().contains("START")).findFirst().orElseThrow();
        assertThat(((Expr.Binary) start.condition()).right()).isEqualTo(new Expr.Const(0, "IRP_MN_START_DEVICE"));
    }

    /**
     * A constant out of a function-like macro's expansion has no text of its own in the file (the
     * whole call is all there is): it is shown by the object-like macro that gave its value, or as
     * the expansion spelt it, never as the call ({@code p != ARGUMENT_PRESENT(p)} before).
     */
    @Test
    void constantsFromAFunctionLikeMacroKeepTheirOwnSpelling() throws IOException {
        Cfg g = Cfg.of(dir, """
                #include <wdm.h>
                #define T_WAIT 0x0002
                #define T_FLAG_ON(F, SF) ((F) & (SF))
                #define T_PRESENT(P) ((char *)(P) != (char *)(NULL))
                #define T_ODD(X) ((X) & 1)
                void A(void); void B(void); void C(void); void D(void);
                void T(int x, void *p) {
                    if (T_FLAG_ON(x, T_WAIT)) A();
                    if (!T_PRESENT(p)) B();
                    if (T_ODD(x)) C();
                    if (x == T_WAIT) D();
                }
                """, "T");
        assertThat(g.branches()).extracting(b -> b.condition().toString())
                .containsExactly("x & T_WAIT", "((char *)p) != NULL", "x & 1", "x == T_WAIT");
    }

    /**
     * Traces show a tested condition as written: a call whose value a temporary holds as the call
     * ({@code $t1 != 0} before), a macro as its call; only the tests a macro combines with
     * {@code &&} have no text of their own and are shown as lowered.
     */
    @Test
    void conditionsAreShownAsWritten() throws IOException {
        Cfg g = Cfg.of(dir, """
                #include <wdm.h>
                #define T_WAIT 0x0002
                #define T_FLAG_ON(F, SF) ((F) & (SF))
                #define T_BOTH(X) (((X) & 1) && ((X) & T_WAIT))
                int F(int); void A(void); void B(void); void C(void); void D(void);
                void T(int x) {
                    if (!F(x)) A();
                    if (F(x + 1) !=      // against
                            /* the second,
                               two lines */ 2) B();
                    if (T_FLAG_ON(x, T_WAIT)) C();
                    if (T_BOTH(x)) D();
                    if ((F(x) == 3)) A();
                }
                """, "T");
        assertThat(g.branches()).extracting(Terminator.Branch::text)
                .containsExactlyInAnyOrder("F(x)", "F(x + 1) != 2", "T_FLAG_ON(x, T_WAIT)", "x & 1", "x & T_WAIT",
                        "F(x) == 3");
    }

    @Test
    void nestedSwitchBreakLeavesOnlyTheInnerSwitch() throws IOException {
        Cfg g = cfg("switch (x) { case 1: switch (c) { case 0: A(); break; } B(); break; case 2: C(); }");
        assertThat(g.reaches("A", "B")).isTrue();
        assertThat(g.reaches("B", "C")).isFalse();
    }

    @Test
    void gotoForwardAndBackward() throws IOException {
        Cfg g = cfg("again: A(); if (c) goto done; B(); if (d) goto again; done: C();");
        assertThat(g.reaches("B", "A")).isTrue();
        assertThat(g.reachesAvoiding("C", "B")).isTrue();
        assertThat(g.reaches("A", "C")).isTrue();
    }

    @Test
    void logicalOperatorsShortCircuit() throws IOException {
        Cfg g = cfg("if (c && F()) A(); if (d || G()) B(); C();");
        assertThat(g.reachesAvoiding("A", "F")).as("A needs F()").isFalse();
        assertThat(g.reachesAvoiding("C", "F")).as("c false skips F").isTrue();
        assertThat(g.reachesAvoiding("B", "G")).as("d true skips G").isTrue();
    }

    @Test
    void logicalOperatorValueIsBranches() throws IOException {
        Cfg g = cfg("int v = c && F(); A();");
        assertThat(g.reachesAvoiding("A", "F")).isTrue();
        assertThat(g.reaches("F", "A")).isTrue();
    }

    @Test
    void conditionalOperatorTakesOneSide() throws IOException {
        Cfg g = cfg("int v = c ? F() : G(); A();");
        assertThat(g.reaches("F", "G")).isFalse();
        assertThat(g.reaches("G", "F")).isFalse();
        assertThat(g.reaches("F", "A")).isTrue();
        assertThat(g.reaches("G", "A")).isTrue();
    }

    @Test
    void commaEvaluatesLeftToRight() throws IOException {
        Cfg g = cfg("int v = (F(), G()); if ((A(), c)) B();");
        assertThat(g.reaches("F", "G")).isTrue();
        assertThat(g.reaches("A", "B")).isTrue();
        assertThat(g.reachesAvoiding("B", "A")).isFalse();
    }

    @Test
    void returnEndsThePath() throws IOException {
        Cfg g = cfg("A();\nif (c) {\nreturn;\n}\nB();");
        assertThat(g.reachesReturn("A", 7)).isTrue();
        assertThat(g.callsBeforeReturn(7)).containsOnly("A");
    }

    @Test
    void constantConditionsNeedNoBranch() throws IOException {
        Cfg g = cfg("while (1) { A(); if (c) break; } if (0) B(); C();");
        assertThat(g.reachesAvoiding("C", "A")).isFalse();
        assertThat(g.callCount("B")).as("dead code is pruned").isZero();
    }

    @Test
    void callResultsFlowIntoConditions() throws IOException {
        Cfg g = cfg("if (!F()) { A(); return; } B();");
        Terminator.Branch br = g.branches().get(0);
        assertThat(br.condition()).isInstanceOf(Expr.Var.class);
        assertThat(g.firstCall("F").result()).isEqualTo(br.condition());
        assertThat(g.reaches("A", "B")).isFalse();
    }
}
