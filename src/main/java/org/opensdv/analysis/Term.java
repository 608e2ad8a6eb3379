package org.opensdv.analysis;

import java.util.List;

/**
 * Symbolic values. A resource is identified by the term of its address, e.g.
 * {@code Addr(Field(Deref(param Vcb), Resource))} for {@code &Vcb->Resource} — whether the routine
 * wrote that, passed it through a local copy or through a wrapper's parameter. Terms are immutable
 * trees with their hash computed once: states are compared and hashed at every block.
 */
sealed interface Term permits Term.Num, Term.Sym, Term.Fn, Term.Addr, Term.Load, Term.Op, Term.Un {
    /** Operations nested deeper than this are not kept ({@link Terms#deep}). */
    int MAX_DEPTH = 12;

    /**
     * How deeply operations nest in the term. An address or a loaded value counts as one operand
     * however long its access path ({@code Ccb->Lcb->Fcb->Vcb}): the limit bounds arithmetic, and a
     * test of a long chain for NULL is kept as the comparison it is.
     */
    int depth();

    /**
     * A signature of the fresh symbols this term mentions: one bit per symbol (by its hash), 0 when
     * it mentions none. A bit not set proves a symbol absent without walking the term; states ask
     * that at every block.
     */
    long freshBits();

    /**
     * As {@link #freshBits()}, for every symbol, fresh or not: a renaming whose names' bits a term
     * lacks leaves it as it is (see {@link Terms.Renamer}).
     */
    long symBits();

    /** {@code &*p} is {@code p}. */
    static Term addressOf(Loc loc) {
        return loc instanceof Loc.Deref d ? d.pointer() : new Addr(loc);
    }

    final class Num implements Term {
        private final long value;
        private final int hash;

        Num(long value) {
            this.value = value;
            this.hash = 31 * 31 + Long.hashCode(value) * 31;
        }

        public long value() {
            return value;
        }

        @Override
        public long freshBits() {
            return 0;
        }

        @Override
        public long symBits() {
            return 0;
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Num o && hash == o.hash && value == o.value;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /**
     * An unknown value. {@code fresh} ones stand for one execution of a call or a loop join and are
     * renamed when the same site produces a new one; the others (parameters, opaque expressions) are
     * the same value wherever they appear. Only the id decides equality, and for an expression too
     * deep to keep ({@link Terms#deep}) its atoms too: the id is then the expression's shape.
     */
    final class Sym implements Term {
        private final String id;
        private final String display;
        private final boolean fresh;
        private final List<Term> atoms;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Sym(String id, String display, boolean fresh) {
            this(id, display, fresh, List.of());
        }

        /** A value computed from {@code atoms} by operations the id names (see {@link Terms#deep}). */
        Sym(String id, String display, boolean fresh, List<Term> atoms) {
            this.id = id;
            this.display = display;
            this.fresh = fresh;
            this.atoms = List.copyOf(atoms);
            this.hash = 31 * 559 + id.hashCode() * 31 + (atoms.isEmpty() ? 0 : this.atoms.hashCode() * 961);
            long ownBit = 1L << (hash & 63);
            long fb = fresh ? ownBit : 0; // its own bit, set in every term mentioning it
            long sb = ownBit;
            for (Term a : this.atoms) { // renaming or retiring an atom reaches the value made of it
                fb |= a.freshBits();
                sb |= a.symBits();
            }
            this.freshBits = fb;
            this.symBits = sb;
        }

        public String id() {
            return id;
        }

        public String display() {
            return display;
        }

        public boolean fresh() {
            return fresh;
        }

        /** What a too-deep expression was computed from; empty for any other unknown. */
        public List<Term> atoms() {
            return atoms;
        }

        Sym withAtoms(List<Term> renamed) {
            return new Sym(id, display, fresh, renamed);
        }

        @Override
        public long freshBits() {
            return freshBits;
        }

        @Override
        public long symBits() {
            return symBits;
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Sym o && hash == o.hash && id.equals(o.id) && atoms.equals(o.atoms);
        }

        @Override
        public String toString() {
            return display;
        }
    }

    /** The address of a function. */
    final class Fn implements Term {
        private final String name;
        private final int hash;

        Fn(String name) {
            this.name = name;
            this.hash = 31 * 356 + name.hashCode() * 31;
        }

        public String name() {
            return name;
        }

        @Override
        public long freshBits() {
            return 0;
        }

        @Override
        public long symBits() {
            return 0;
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Fn o && hash == o.hash && name.equals(o.name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    final class Addr implements Term {
        private final Loc loc;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Addr(Loc loc) {
            this.loc = loc;
            this.freshBits = loc.freshBits();
            this.symBits = loc.symBits();
            this.hash = 31 * 14 + loc.hashCode() * 31;
        }

        public Loc loc() {
            return loc;
        }

        @Override
        public long freshBits() {
            return freshBits;
        }

        @Override
        public long symBits() {
            return symBits;
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Addr o && hash == o.hash && loc.equals(o.loc);
        }

        @Override
        public String toString() {
            return "&" + loc;
        }
    }

    /** The value a location held when the path first looked at it (never written on the path). */
    final class Load implements Term {
        private final Loc loc;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Load(Loc loc) {
            this.loc = loc;
            this.freshBits = loc.freshBits();
            this.symBits = loc.symBits();
            this.hash = 31 * 822 + loc.hashCode() * 31;
        }

        public Loc loc() {
            return loc;
        }

        @Override
        public long freshBits() {
            return freshBits;
        }

        @Override
        public long symBits() {
            return symBits;
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Load o && hash == o.hash && loc.equals(o.loc);
        }

        @Override
        public String toString() {
            return loc.toString();
        }
    }

    final class Op implements Term {
        private final String op;
        private final Term left;
        private final Term right;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Op(String op, Term left, Term right) {
            this.op = op;
            this.left = left;
            this.right = right;
            this.freshBits = left.freshBits() | right.freshBits();
            this.symBits = left.symBits() | right.symBits();
            this.hash = 31 * 298 + op.hashCode() * 31 + left.hashCode() * 961 + right.hashCode() * 29791;
        }

        public String op() {
            return op;
        }

        public Term left() {
            return left;
        }

        public Term right() {
            return right;
        }

        @Override
        public long freshBits() {
            return freshBits;
        }

        @Override
        public long symBits() {
            return symBits;
        }

        @Override
        public int depth() {
            return Math.max(left.depth(), right.depth()) + 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Op o && hash == o.hash && op.equals(o.op) && left.equals(o.left) && right.equals(o.right);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    final class Un implements Term {
        private final String op;
        private final Term operand;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Un(String op, Term operand) {
            this.op = op;
            this.operand = operand;
            this.freshBits = operand.freshBits();
            this.symBits = operand.symBits();
            this.hash = 31 * 502 + op.hashCode() * 31 + operand.hashCode() * 961;
        }

        public String op() {
            return op;
        }

        public Term operand() {
            return operand;
        }

        @Override
        public long freshBits() {
            return freshBits;
        }

        @Override
        public long symBits() {
            return symBits;
        }

        @Override
        public int depth() {
            return operand.depth() + 1;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Un o && hash == o.hash && op.equals(o.op) && operand.equals(o.operand);
        }

        @Override
        public String toString() {
            return op + operand;
        }
    }
}
