package org.opensdv.lower;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.ir.Expr;

/** Each name in a body means the declaration C's block scoping gives it, and two variables never share an IR name. */
class NameScopeTest {
    @TempDir
    Path dir;

    private Cfg cfg(String globals, String params, String body) throws IOException {
        return Cfg.of(dir, "#include <wdm.h>\nvoid U1(int); void U2(int); void U3(int); void UF(int (*)(int));\n"
                + "int Helper(int);\n" + globals + "\nvoid T(" + params + ") {\n" + body + "\n}\n", "T");
    }

    private static Expr argOf(Cfg g, String callee) {
        return g.firstCall(callee).args().get(0);
    }

    private static String described(Expr e) {
        if (e instanceof Expr.Var v) {
            return v.kind() + " " + v.name();
        }
        return e.getClass().getSimpleName() + " " + e;
    }

    @Test
    void aLocalShadowingAParameterIsAnotherVariable() throws IOException {
        Cfg g = cfg("", "int a", "U1(a); { int a = 2; U2(a); } U3(a);");
        assertThat(described(argOf(g, "U1"))).isEqualTo("PARAM a");
        assertThat(described(argOf(g, "U2"))).isEqualTo("LOCAL a#2");
        assertThat(described(argOf(g, "U3"))).isEqualTo("PARAM a");
    }

    @Test
    void anInnerBlockShadowsUntilItEnds() throws IOException {
        Cfg g = cfg("", "void", "int x = 1; { int x = 2; U1(x); } U2(x);");
        assertThat(described(argOf(g, "U1"))).isEqualTo("LOCAL x#2");
        assertThat(described(argOf(g, "U2"))).isEqualTo("LOCAL x");
    }

    @Test
    void aNameMeansTheGlobalUntilItsLocalDeclaration() throws IOException {
        Cfg g = cfg("int g;", "void", "U1(g); int g = 1; U2(g);");
        assertThat(described(argOf(g, "U1"))).isEqualTo("GLOBAL g");
        assertThat(described(argOf(g, "U2"))).isEqualTo("LOCAL g");
    }

    @Test
    void aForLoopVariableEndsWithTheLoop() throws IOException {
        Cfg g = cfg("int i;", "int n", "for (int i = 0; i < n; i++) { U1(i); } U2(i);");
        assertThat(described(argOf(g, "U1"))).isEqualTo("LOCAL i");
        assertThat(described(argOf(g, "U2"))).isEqualTo("GLOBAL i");
    }

    @Test
    void staticAndExternLocalsAreOneVariableForEveryCall() throws IOException {
        Cfg g = cfg("", "void", "static int count; extern int shared; U1(count); U2(shared);");
        assertThat(described(argOf(g, "U1"))).isEqualTo("GLOBAL T::count");
        assertThat(described(argOf(g, "U2"))).isEqualTo("GLOBAL shared");
    }

    @Test
    void functionsAndFunctionPointersDeclaredInTheBody() throws IOException {
        Cfg g = cfg("", "void", "int Local(int); int (*fp)(int) = Helper; UF(Local); fp(1); Local(2);");
        assertThat(described(argOf(g, "UF"))).isEqualTo("FuncRef Local");
        assertThat(described(g.firstCall("Local").callee())).isEqualTo("FuncRef Local");
        assertThat(g.function().dump()).contains("fp(1)");
    }

    @Test
    void enumeratorsAndGlobalsStillResolve() throws IOException {
        Cfg g = cfg("enum { K = 5 }; int Counter;", "int K2", "U1(K); U2(Counter); U3(K2);");
        assertThat(argOf(g, "U1")).isInstanceOf(Expr.Const.class);
        assertThat(((Expr.Const) argOf(g, "U1")).value()).isEqualTo(5);
        assertThat(described(argOf(g, "U2"))).isEqualTo("GLOBAL Counter");
        assertThat(described(argOf(g, "U3"))).isEqualTo("PARAM K2");
    }
}
