package org.opensdv.analysis;

/** A memory location: a variable of a scope, a field, the target of a pointer, an array element. */
sealed interface Loc permits Loc.Var, Loc.Field, Loc.Deref, Loc.Index {
    /** As {@link Term#freshBits()}: the fresh symbols the location's address mentions. */
    long freshBits();

    /** As {@link Term#symBits()}: every symbol the location's address mentions. */
    long symBits();

    /** {@code *&x} is {@code x}. */
    static Loc deref(Term pointer) {
        return pointer instanceof Term.Addr a ? a.loc() : new Deref(pointer);
    }

    /** The variable a location hangs off, or null. */
    static Var root(Loc loc) {
        return container(loc) instanceof Var v ? v : null;
    }

    /**
     * The pointer a location is reached through ({@code P} in {@code P->Resource} or
     * {@code P->Queues[i].Resource}), or null for a location in a variable.
     */
    static Term pointerThrough(Loc loc) {
        return container(loc) instanceof Deref d ? d.pointer() : null;
    }

    /** The field's or array element's object, or null for a variable or a pointer's target. */
    static Loc enclosing(Loc loc) {
        return loc instanceof Field f ? f.base() : loc instanceof Index i ? i.base() : null;
    }

    /** {@code loc}, a part of {@code from} (or {@code from} itself), as the same part of {@code to}. */
    static Loc rebase(Loc loc, Loc from, Loc to) {
        if (loc.equals(from)) {
            return to;
        }
        if (loc instanceof Field f) {
            return new Field(rebase(f.base(), from, to), f.field());
        }
        if (loc instanceof Index i) {
            return new Index(rebase(i.base(), from, to), i.index());
        }
        return loc;
    }

    /** Is {@code loc} a part of {@code object} (a field or element of it, at any depth)? */
    static boolean partOf(Loc loc, Loc object) {
        for (Loc cur = enclosing(loc); cur != null; cur = enclosing(cur)) {
            if (cur.equals(object)) {
                return true;
            }
        }
        return false;
    }

    /** What a location is a part of, through fields and array elements: a variable or a pointer's target. */
    private static Loc container(Loc loc) {
        Loc cur = loc;
        while (true) {
            if (cur instanceof Field f) {
                cur = f.base();
            } else if (cur instanceof Index i) {
                cur = i.base();
            } else {
                return cur;
            }
        }
    }

    /** {@code scope} is "g" for globals, a frame id for locals. */
    final class Var implements Loc {
        private final String scope;
        private final String name;
        private final int hash;

        Var(String scope, String name) {
            this.scope = scope;
            this.name = name;
            this.hash = 31 * 574 + scope.hashCode() * 31 + name.hashCode() * 961;
        }

        public String scope() {
            return scope;
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
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Var o && hash == o.hash && scope.equals(o.scope) && name.equals(o.name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    final class Field implements Loc {
        private final Loc base;
        private final String field;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Field(Loc base, String field) {
            this.base = base;
            this.field = field;
            this.hash = 31 * 902 + base.hashCode() * 31 + field.hashCode() * 961;
            this.freshBits = base.freshBits();
            this.symBits = base.symBits();
        }

        public Loc base() {
            return base;
        }

        public String field() {
            return field;
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
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Field o && hash == o.hash && base.equals(o.base) && field.equals(o.field);
        }

        @Override
        public String toString() {
            return base instanceof Deref d ? d.pointer() + "->" + field : base + "." + field;
        }
    }

    final class Deref implements Loc {
        private final Term pointer;
        private final int hash;

        Deref(Term pointer) {
            this.pointer = pointer;
            this.hash = 31 * 944 + pointer.hashCode() * 31;
        }

        public Term pointer() {
            return pointer;
        }

        @Override
        public long freshBits() {
            return pointer.freshBits();
        }

        @Override
        public long symBits() {
            return pointer.symBits();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Deref o && hash == o.hash && pointer.equals(o.pointer);
        }

        @Override
        public String toString() {
            return "*" + pointer;
        }
    }

    final class Index implements Loc {
        private final Loc base;
        private final Term index;
        private final int hash;
        private final long freshBits;
        private final long symBits;

        Index(Loc base, Term index) {
            this.base = base;
            this.index = index;
            this.hash = 31 * 861 + base.hashCode() * 31 + index.hashCode() * 961;
            this.freshBits = base.freshBits() | index.freshBits();
            this.symBits = base.symBits() | index.symBits();
        }

        public Loc base() {
            return base;
        }

        public Term index() {
            return index;
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
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Index o && hash == o.hash && base.equals(o.base) && index.equals(o.index);
        }

        @Override
        public String toString() {
            return base + "[" + index + "]";
        }
    }
}
