package org.opensdv.analysis;

/** A memory location: a variable of a scope, a field, the target of a pointer, an array element. */
sealed interface Loc {
    int depth();

    /** {@code scope} is "g" for globals, a frame id for locals. */
    record Var(String scope, String name) implements Loc {
        @Override
        public int depth() {
            return 1;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Field(Loc base, String field) implements Loc {
        @Override
        public int depth() {
            return base.depth() + 1;
        }

        @Override
        public String toString() {
            if (base instanceof Deref d) {
                return d.pointer() + "->" + field;
            }
            return base + "." + field;
        }
    }

    record Deref(Term pointer) implements Loc {
        @Override
        public int depth() {
            return pointer.depth() + 1;
        }

        @Override
        public String toString() {
            return "*" + pointer;
        }
    }

    record Index(Loc base, Term index) implements Loc {
        @Override
        public int depth() {
            return base.depth() + index.depth();
        }

        @Override
        public String toString() {
            return base + "[" + index + "]";
        }
    }

    /** {@code *&x} is {@code x}. */
    static Loc deref(Term pointer) {
        return pointer instanceof Term.Addr a ? a.loc() : new Deref(pointer);
    }

    /** The variable a location hangs off, or null. */
    static Var root(Loc loc) {
        Loc cur = loc;
        while (true) {
            if (cur instanceof Var v) {
                return v;
            } else if (cur instanceof Field f) {
                cur = f.base();
            } else if (cur instanceof Index i) {
                cur = i.base();
            } else {
                return null;
            }
        }
    }
}
