package org.opensdv.ir;

/** Side-effect-free expressions of the IR. Calls, assignments and control flow were lowered out. */
public sealed interface Expr {

    /** An integer constant; {@code text} keeps the source spelling (e.g. {@code IRP_MN_START_DEVICE}). */
    record Const(long value, String text) implements Expr {
        public static Const of(long value) {
            return new Const(value, Long.toString(value));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record Str(String text) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    enum VarKind { LOCAL, PARAM, GLOBAL, TEMP }

    /** A variable. Locals are renamed apart when a function reuses a name in another scope. */
    record Var(String name, VarKind kind, String type) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A function used as a value (a call target, or stored into a function pointer). */
    record FuncRef(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    record AddrOf(Expr operand) implements Expr {
        @Override
        public String toString() {
            return "&" + paren(operand);
        }
    }

    /**
     * The object a pointer leads to. {@code pointerFree}: the pointer's type says the object holds
     * no pointer (a number, or a structure of numbers), as far as the frontend could tell; found
     * for assignment targets only ({@code *Char = 0}), false elsewhere and when unknown.
     */
    record Deref(Expr pointer, boolean pointerFree) implements Expr {
        public Deref(Expr pointer) {
            this(pointer, false);
        }

        @Override
        public String toString() {
            return "*" + paren(pointer);
        }
    }

    /** Member access on a struct lvalue; {@code p->f} is {@code Field(Deref(p), f)}. */
    record Field(Expr base, String field) implements Expr {
        @Override
        public String toString() {
            if (base instanceof Deref d) {
                return paren(d.pointer()) + "->" + field;
            }
            return paren(base) + "." + field;
        }
    }

    record Index(Expr base, Expr index) implements Expr {
        @Override
        public String toString() {
            return paren(base) + "[" + index + "]";
        }
    }

    record Unary(String op, Expr operand) implements Expr {
        @Override
        public String toString() {
            return op + paren(operand);
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        @Override
        public String toString() {
            return paren(left) + " " + op + " " + paren(right);
        }
    }

    record Cast(String type, Expr operand) implements Expr {
        @Override
        public String toString() {
            return "(" + type + ")" + paren(operand);
        }
    }

    /** A value the IR does not model (sizeof, an aggregate initializer, ...): unknown but fixed. */
    record Opaque(String text) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    private static String paren(Expr e) {
        boolean simple = e instanceof Var || e instanceof Const || e instanceof FuncRef || e instanceof Field
                || e instanceof Index || e instanceof Opaque || e instanceof Str;
        return simple ? e.toString() : "(" + e + ")";
    }
}
