package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.opensdv.ir.Arithmetic;
import java.util.function.UnaryOperator;

/** Folding, traversal and rewriting of terms. */
final class Terms {
    private Terms() {
    }

    static Term fold(String op, Term l, Term r) {
        if (l instanceof Term.Num a && r instanceof Term.Num b) {
            Long v = Arithmetic.binary(op, a.value(), b.value());
            if (v != null) {
                return new Term.Num(v);
            }
        }
        // one term for a comparison however it is written: b > a is a < b, b >= a is a <= b
        if (op.equals(">") || op.equals(">=")) {
            return fold(op.equals(">") ? "<" : "<=", r, l);
        }
        // and with a constant added on one side moved to the other: 0 <= i - 1 is 1 <= i
        if (op.equals("<") || op.equals("<=") || op.equals("==") || op.equals("!=")) {
            Term moved = constantMoved(op, l, r);
            if (moved != null) {
                return moved;
            }
        }
        if ((op.equals("==") || op.equals("!=")) && l.equals(r)) {
            return new Term.Num(op.equals("==") ? 1 : 0);
        }
        // "(x != 0) != 0" and friends, as BooleanFlagOn and casts to BOOLEAN produce them
        if (r instanceof Term.Num z && z.value() == 0 && isBoolean(l)) {
            if (op.equals("!=")) {
                return l;
            }
            if (op.equals("==")) {
                return negateBoolean(l);
            }
        }
        if (op.equals("&") && (l instanceof Term.Num z && z.value() == 0 || r instanceof Term.Num z2 && z2.value() == 0)) {
            return new Term.Num(0);
        }
        // Flags set or cleared on this path, then tested: (x | WAIT) & WAIT is WAIT, also with other
        // flags set after it ((x | WAIT) | RECURSIVE); (x & ~WAIT) & WAIT is 0.
        if (op.equals("&") && r instanceof Term.Num mask && l instanceof Term.Op inner) {
            if (mask.value() != 0 && (bitsSet(inner) & mask.value()) == mask.value()) {
                return mask;
            }
            if (inner.op().equals("&") && inner.right() instanceof Term.Num k && (k.value() & mask.value()) == 0) {
                return new Term.Num(0);
            }
        }
        if ((op.equals("+") || op.equals("|")) && r instanceof Term.Num z && z.value() == 0) {
            return l;
        }
        Term t = new Term.Op(op, l, r);
        return t.depth() > Term.MAX_DEPTH ? deep(t) : t;
    }

    /**
     * {@code t + c op k} as {@code t op k - c} (and {@code t - c}, and the constant on the left),
     * or null: a comparison of a value with a constant is about the value itself, whose range the
     * path condition keeps. Integers without a width, as everywhere in the engine; null where the
     * constant would overflow.
     */
    private static Term constantMoved(String op, Term l, Term r) {
        if (r instanceof Term.Num k && l instanceof Term.Op sum && sum.right() instanceof Term.Num c) {
            Long moved = moved(sum.op(), k.value(), c.value());
            return moved == null ? null : fold(op, sum.left(), new Term.Num(moved));
        }
        if (l instanceof Term.Num k && r instanceof Term.Op sum && sum.right() instanceof Term.Num c) {
            Long moved = moved(sum.op(), k.value(), c.value());
            return moved == null ? null : fold(op, new Term.Num(moved), sum.left());
        }
        return null;
    }

    /** {@code k} less {@code c} added, or plus {@code c} subtracted; null for another operation or an overflow. */
    private static Long moved(String op, long k, long c) {
        try {
            return op.equals("+") ? Long.valueOf(Math.subtractExact(k, c))
                    : op.equals("-") ? Long.valueOf(Math.addExact(k, c)) : null;
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /**
     * An expression too deep to keep (a hash mixed over many rounds), as an unknown that stands for
     * its operations (its shape, the id) on its atoms: the symbols, loaded values and addresses it
     * is computed from. Renaming an atom renames the value ({@link #rewrite}), so a helper's hash
     * of its argument is another value for another argument, and the same for the same one.
     */
    static Term.Sym deep(Term t) {
        List<Term> atoms = new ArrayList<>();
        StringBuilder shape = new StringBuilder("deep:");
        appendShape(t, atoms, shape);
        return new Term.Sym(shape.toString(), "(...)", false, atoms);
    }

    private static void appendShape(Term t, List<Term> atoms, StringBuilder shape) {
        if (t instanceof Term.Op op) {
            shape.append('(');
            appendShape(op.left(), atoms, shape);
            shape.append(' ').append(op.op()).append(' ');
            appendShape(op.right(), atoms, shape);
            shape.append(')');
        } else if (t instanceof Term.Un u) {
            shape.append(u.op());
            appendShape(u.operand(), atoms, shape);
        } else if (t instanceof Term.Num n) {
            shape.append(n.value());
        } else {
            int i = atoms.indexOf(t);
            if (i < 0) {
                i = atoms.size();
                atoms.add(t);
            }
            shape.append('#').append(i);
        }
    }

    static Term fold(String op, Term operand) {
        if (operand instanceof Term.Num n) {
            return new Term.Num(Arithmetic.unary(op, n.value()));
        }
        if (op.equals("!") && isBoolean(operand)) {
            return negateBoolean(operand);
        }
        if (op.equals("!") && (operand instanceof Term.Addr || operand instanceof Term.Fn)) {
            return new Term.Num(0);
        }
        return new Term.Un(op, operand);
    }

    private static boolean isBoolean(Term t) {
        return t instanceof Term.Op op && switch (op.op()) {
            case "==", "!=", "<", "<=", ">", ">=" -> true;
            default -> false;
        } || t instanceof Term.Un u && u.op().equals("!");
    }

    private static Term negateBoolean(Term t) {
        if (t instanceof Term.Un u && u.op().equals("!")) {
            return isBoolean(u.operand()) ? u.operand() : new Term.Op("!=", u.operand(), new Term.Num(0));
        }
        Term.Op op = (Term.Op) t;
        return switch (op.op()) {
            case "==" -> new Term.Op("!=", op.left(), op.right());
            case "!=" -> new Term.Op("==", op.left(), op.right());
            case "<" -> new Term.Op("<=", op.right(), op.left()); // not a < b: b <= a
            case "<=" -> new Term.Op("<", op.right(), op.left());
            case ">" -> new Term.Op("<=", op.left(), op.right());
            default -> new Term.Op("<", op.left(), op.right());
        };
    }

    static boolean mentions(Term t, Predicate<Term> p) {
        if (p.test(t)) {
            return true;
        }
        if (t instanceof Term.Op op) {
            return mentions(op.left(), p) || mentions(op.right(), p);
        }
        if (t instanceof Term.Un u) {
            return mentions(u.operand(), p);
        }
        if (t instanceof Term.Addr a) {
            return mentions(a.loc(), p);
        }
        if (t instanceof Term.Load l) {
            return mentions(l.loc(), p);
        }
        if (t instanceof Term.Sym s) {
            for (Term a : s.atoms()) {
                if (mentions(a, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean mentions(Loc l, Predicate<Term> p) {
        if (l instanceof Loc.Field f) {
            return mentions(f.base(), p);
        }
        if (l instanceof Loc.Deref d) {
            return mentions(d.pointer(), p);
        }
        if (l instanceof Loc.Index i) {
            return mentions(i.base(), p) || mentions(i.index(), p);
        }
        return false;
    }

    /**
     * A rewriting that replaces symbols only, each with its bit ({@link Term#symBits()}) in
     * {@link #bits()}: {@link #rewrite} leaves a term without any of those bits as it is, unwalked.
     */
    interface Renamer extends UnaryOperator<Term> {
        long bits();
    }

    static Term rewrite(Term t, UnaryOperator<Term> f) {
        if (f instanceof Renamer r && (t.symBits() & r.bits()) == 0) {
            return t;
        }
        Term mapped = f.apply(t);
        if (mapped != t) {
            return mapped;
        }
        if (t instanceof Term.Op op) {
            Term l = rewrite(op.left(), f);
            Term r = rewrite(op.right(), f);
            return l == op.left() && r == op.right() ? t : new Term.Op(op.op(), l, r);
        }
        if (t instanceof Term.Un u) {
            Term o = rewrite(u.operand(), f);
            return o == u.operand() ? t : new Term.Un(u.op(), o);
        }
        if (t instanceof Term.Addr a) {
            Loc l = rewrite(a.loc(), f);
            return l == a.loc() ? t : Term.addressOf(l);
        }
        if (t instanceof Term.Load ld) {
            Loc l = rewrite(ld.loc(), f);
            return l == ld.loc() ? t : new Term.Load(l);
        }
        if (t instanceof Term.Sym s && !s.atoms().isEmpty()) {
            List<Term> atoms = null;
            for (int i = 0; i < s.atoms().size(); i++) {
                Term a = s.atoms().get(i);
                Term b = rewrite(a, f);
                if (b != a) {
                    if (atoms == null) {
                        atoms = new ArrayList<>(s.atoms());
                    }
                    atoms.set(i, b);
                }
            }
            return atoms == null ? t : s.withAtoms(atoms);
        }
        return t;
    }

    static Loc rewrite(Loc l, UnaryOperator<Term> f) {
        if (f instanceof Renamer r && (l.symBits() & r.bits()) == 0) {
            return l;
        }
        if (l instanceof Loc.Field fl) {
            Loc b = rewrite(fl.base(), f);
            return b == fl.base() ? l : new Loc.Field(b, fl.field());
        }
        if (l instanceof Loc.Deref d) {
            Term p = rewrite(d.pointer(), f);
            return p == d.pointer() ? l : Loc.deref(p);
        }
        if (l instanceof Loc.Index i) {
            Loc b = rewrite(i.base(), f);
            Term x = rewrite(i.index(), f);
            return b == i.base() && x == i.index() ? l : new Loc.Index(b, x);
        }
        return l;
    }

    /** Rewrites only the index terms of array elements inside {@code t}. */
    static Term rewriteIndices(Term t, UnaryOperator<Term> f) {
        if (t instanceof Term.Addr a) {
            Loc l = rewriteIndices(a.loc(), f);
            return l == a.loc() ? t : Term.addressOf(l);
        }
        if (t instanceof Term.Load ld) {
            Loc l = rewriteIndices(ld.loc(), f);
            return l == ld.loc() ? t : new Term.Load(l);
        }
        if (t instanceof Term.Op op) {
            Term l = rewriteIndices(op.left(), f);
            Term r = rewriteIndices(op.right(), f);
            return l == op.left() && r == op.right() ? t : new Term.Op(op.op(), l, r);
        }
        return t;
    }

    private static Loc rewriteIndices(Loc l, UnaryOperator<Term> f) {
        if (l instanceof Loc.Index i) {
            Loc b = rewriteIndices(i.base(), f);
            Term x = f.apply(i.index());
            return b == i.base() && x == i.index() ? l : new Loc.Index(b, x);
        }
        if (l instanceof Loc.Field fl) {
            Loc b = rewriteIndices(fl.base(), f);
            return b == fl.base() ? l : new Loc.Field(b, fl.field());
        }
        if (l instanceof Loc.Deref d) {
            Term p = rewriteIndices(d.pointer(), f);
            return p == d.pointer() ? l : Loc.deref(p);
        }
        return l;
    }

    /**
     * Could {@code a} and {@code b} be the same value if every widened symbol were any value, and
     * so every value read from an array at such an index?
     */
    static boolean mayUnify(Term a, Term b) {
        return match(a, b, Terms::mayBeAny, Terms::mayBeAny);
    }

    /**
     * A vague term, or a value read from an array at a vague index: any value the array holds
     * ({@code Held[HeldCount - 1]} after a loop's join, a stack of the resources a routine took).
     */
    private static boolean mayBeAny(Term t) {
        if (isVague(t)) {
            return true;
        }
        if (t instanceof Term.Load l) {
            for (Loc cur = l.loc(); cur != null; cur = Loc.enclosing(cur)) {
                if (cur instanceof Loc.Index i && containsWidened(i.index())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * May {@code general} be every value {@code specific} may be: the same term where the first
     * has a widened symbol in place of some values ({@code Queue[some i]} covers {@code Queue[2]})?
     */
    static boolean covers(Term general, Term specific) {
        return match(general, specific, Terms::isVague, t -> false);
    }

    /** {@code t} with each part that may be any value ({@link #isVague}) replaced by {@code any}. */
    static Term anyValueFor(Term t, Term any) {
        return rewrite(t, x -> isVague(x) ? any : x);
    }

    /**
     * A join's unknown, or arithmetic on one ({@code i - 1}, {@code Flags | WAIT}, a too-deep
     * expression): it may be any value.
     */
    private static boolean isVague(Term t) {
        boolean arithmetic = t instanceof Term.Op || t instanceof Term.Un || isDeep(t);
        return isWidened(t) || arithmetic && containsWidened(t);
    }

    /** Structural equality where a wildcard term (of its side) matches anything. */
    private static boolean match(Term a, Term b, Predicate<Term> wildA, Predicate<Term> wildB) {
        if (a.equals(b) || wildA.test(a) || wildB.test(b)) {
            return true;
        }
        if (a instanceof Term.Op x && b instanceof Term.Op y) {
            return x.op().equals(y.op()) && match(x.left(), y.left(), wildA, wildB)
                    && match(x.right(), y.right(), wildA, wildB);
        }
        if (a instanceof Term.Un x && b instanceof Term.Un y) {
            return x.op().equals(y.op()) && match(x.operand(), y.operand(), wildA, wildB);
        }
        if (a instanceof Term.Addr x && b instanceof Term.Addr y) {
            return match(x.loc(), y.loc(), wildA, wildB);
        }
        if (a instanceof Term.Load x && b instanceof Term.Load y) {
            return match(x.loc(), y.loc(), wildA, wildB);
        }
        return false;
    }

    private static boolean match(Loc a, Loc b, Predicate<Term> wildA, Predicate<Term> wildB) {
        if (a.equals(b)) {
            return true;
        }
        if (a instanceof Loc.Field x && b instanceof Loc.Field y) {
            return x.field().equals(y.field()) && match(x.base(), y.base(), wildA, wildB);
        }
        if (a instanceof Loc.Deref x && b instanceof Loc.Deref y) {
            return match(x.pointer(), y.pointer(), wildA, wildB);
        }
        if (a instanceof Loc.Index x && b instanceof Loc.Index y) {
            return match(x.base(), y.base(), wildA, wildB) && match(x.index(), y.index(), wildA, wildB);
        }
        return false;
    }

    /** Adds the fresh symbols {@code t} mentions to {@code out}. */
    static void collectFresh(Term t, java.util.Set<Term> out) {
        if (t.freshBits() == 0) {
            return;
        }
        if (t instanceof Term.Sym s) {
            if (s.atoms().isEmpty()) {
                out.add(t);
            } else {
                s.atoms().forEach(a -> collectFresh(a, out));
            }
        } else if (t instanceof Term.Op op) {
            collectFresh(op.left(), out);
            collectFresh(op.right(), out);
        } else if (t instanceof Term.Un u) {
            collectFresh(u.operand(), out);
        } else if (t instanceof Term.Addr a) {
            collectFresh(a.loc(), out);
        } else if (t instanceof Term.Load l) {
            collectFresh(l.loc(), out);
        }
    }

    /** Adds the fresh symbols the address of {@code l} mentions to {@code out}. */
    static void collectFresh(Loc l, java.util.Set<Term> out) {
        if (l.freshBits() == 0) {
            return;
        }
        if (l instanceof Loc.Field f) {
            collectFresh(f.base(), out);
        } else if (l instanceof Loc.Deref d) {
            collectFresh(d.pointer(), out);
        } else if (l instanceof Loc.Index i) {
            collectFresh(i.base(), out);
            collectFresh(i.index(), out);
        }
    }

    /** Does {@code t} mention {@code sym}? Quick for a fresh symbol: its bit is checked first. */
    static boolean mentionsFresh(Term t, Term sym) {
        return (sym.freshBits() == 0 || (t.freshBits() & sym.freshBits()) != 0) && mentions(t, sym::equals);
    }

    /** Does the address of {@code l} mention {@code sym}? */
    static boolean mentionsFresh(Loc l, Term sym) {
        return (sym.freshBits() == 0 || (l.freshBits() & sym.freshBits()) != 0) && mentions(l, sym::equals);
    }

    /**
     * The bits a value certainly has set: a constant's, those OR-ed in ({@code x | WAIT}), less
     * those cleared since ({@code (x | WAIT | FLUSH) & ~FLUSH} still has WAIT).
     */
    static long bitsSet(Term t) {
        if (t instanceof Term.Num n) {
            return n.value();
        }
        if (t instanceof Term.Op op && op.op().equals("|")) {
            return bitsSet(op.left()) | bitsSet(op.right());
        }
        if (t instanceof Term.Op op && op.op().equals("&")) {
            return bitsSet(op.left()) & bitsSet(op.right());
        }
        return 0;
    }

    /** Is {@code t} an expression too deep to keep ({@link #deep})? */
    static boolean isDeep(Term t) {
        return t instanceof Term.Sym s && !s.atoms().isEmpty();
    }

    static boolean isWidened(Term t) {
        return t instanceof Term.Sym s && s.id().startsWith("widened:");
    }

    static boolean containsWidened(Term t) {
        return mentions(t, Terms::isWidened);
    }
}
