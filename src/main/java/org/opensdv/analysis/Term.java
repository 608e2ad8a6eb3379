package org.opensdv.analysis;

/**
 * Symbolic values. A resource is identified by the term of its address, e.g.
 * {@code Addr(Field(Deref(param Vcb), Resource))} for {@code &Vcb->Resource} — whether the routine
 * wrote that, passed it through a local copy or through a wrapper's parameter.
 */
sealed interface Term {
    int MAX_DEPTH = 12;

    int depth();

    record Num(long value) implements Term {
        @Override
        public int depth() {
            return 1;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /**
     * An unknown value. {@code fresh} ones stand for one execution of a call or a loop join and are
     * renamed when the same site produces a new one; the others (parameters, opaque expressions) are
     * the same value wherever they appear.
     */
    record Sym(String id, String display, boolean fresh) implements Term {
        @Override
        public int depth() {
            return 1;
        }

        @Override
        public String toString() {
            return display;
        }
    }

    /** The address of a function. */
    record Fn(String name) implements Term {
        @Override
        public int depth() {
            return 1;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Addr(Loc loc) implements Term {
        @Override
        public int depth() {
            return loc.depth() + 1;
        }

        @Override
        public String toString() {
            return "&" + loc;
        }
    }

    /** The value a location held when the path first looked at it (never written on the path). */
    record Load(Loc loc) implements Term {
        @Override
        public int depth() {
            return loc.depth() + 1;
        }

        @Override
        public String toString() {
            return loc.toString();
        }
    }

    record Op(String op, Term left, Term right) implements Term {
        @Override
        public int depth() {
            return Math.max(left.depth(), right.depth()) + 1;
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    record Un(String op, Term operand) implements Term {
        @Override
        public int depth() {
            return operand.depth() + 1;
        }

        @Override
        public String toString() {
            return op + operand;
        }
    }

    /** {@code &*p} is {@code p}. */
    static Term addressOf(Loc loc) {
        return loc instanceof Loc.Deref d ? d.pointer() : new Addr(loc);
    }
}
