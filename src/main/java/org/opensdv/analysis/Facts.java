package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The path condition, kept small: what the branches taken so far said about terms — "t == k",
 * "t != k", "a == b", "a != b", "t < k" and the like — and what follows through chains of
 * "a == b" and from the range comparisons with constants leave a term. Enough to decide the flag,
 * return-value and loop-count tests of real drivers and to keep infeasible paths out.
 */
final class Facts {
    enum Truth { TRUE, FALSE, UNKNOWN }

    static final Facts EMPTY = new Facts(Map.of(), Map.of(), Set.of(), Set.of());

    // immutable: a new fact copies an array of references and shares the entries
    private final CopyOnWriteMap<Term, Long> equal;
    private final CopyOnWriteMap<Term, Set<Long>> unequal;
    private final CopyOnWriteSet<List<Term>> same;
    private final CopyOnWriteSet<List<Term>> differ;

    private Facts(Map<Term, Long> equal, Map<Term, Set<Long>> unequal, Set<List<Term>> same, Set<List<Term>> differ) {
        this.equal = equal instanceof CopyOnWriteMap<Term, Long> p ? p : CopyOnWriteMap.from(equal);
        this.unequal = unequal instanceof CopyOnWriteMap<Term, Set<Long>> p ? p : CopyOnWriteMap.from(unequal);
        this.same = same instanceof CopyOnWriteSet<List<Term>> p ? p : CopyOnWriteSet.from(same);
        this.differ = differ instanceof CopyOnWriteSet<List<Term>> p ? p : CopyOnWriteSet.from(differ);
    }

    /** Replaces terms known to equal a constant and folds what becomes constant. */
    Term simplify(Term t) {
        Long k = equal.get(t);
        if (k != null) {
            return new Term.Num(k);
        }
        if (t instanceof Term.Op op) {
            Term l = simplify(op.left());
            Term r = simplify(op.right());
            Term folded = Terms.fold(op.op(), l, r);
            if (folded instanceof Term.Num) {
                return folded;
            }
            Long k2 = equal.get(folded);
            return k2 == null ? folded : new Term.Num(k2);
        }
        if (t instanceof Term.Un un) {
            Term folded = Terms.fold(un.op(), simplify(un.operand()));
            Long k2 = equal.get(folded);
            return k2 == null ? folded : new Term.Num(k2);
        }
        return t;
    }

    /** Is {@code cond != 0} decided by what the path knows? */
    Truth decide(Term cond) {
        Term c = simplify(cond);
        if (c instanceof Term.Num n) {
            return n.value() != 0 ? Truth.TRUE : Truth.FALSE;
        }
        if (c instanceof Term.Un u && u.op().equals("!")) {
            return negate(decide(u.operand()));
        }
        if (c instanceof Term.Op op && (op.op().equals("==") || op.op().equals("!="))) {
            Truth eq = decideEquality(op.left(), op.right());
            return op.op().equals("==") ? eq : negate(eq);
        }
        if (c instanceof Term.Addr || c instanceof Term.Fn) {
            return Truth.TRUE; // the address of an object is never null
        }
        Truth zero = decideEquality(c, new Term.Num(0));
        if (zero != Truth.UNKNOWN) {
            return negate(zero);
        }
        return c instanceof Term.Op op && ordered() ? decideOrder(op) : Truth.UNKNOWN;
    }

    /**
     * A comparison of a term with a constant ({@code i < 8}, {@code 0 < Count}) decided by the
     * range the other order facts about that term leave it.
     */
    private Truth decideOrder(Term.Op op) {
        boolean strict = op.op().equals("<");
        if (!strict && !op.op().equals("<=")) {
            return Truth.UNKNOWN;
        }
        if (op.right() instanceof Term.Num k && !(op.left() instanceof Term.Num)) {
            long[] r = range(op.left());
            long most = strict ? below(k.value()) : k.value(); // t < k is t <= k - 1
            return r[1] <= most ? Truth.TRUE : r[0] > most ? Truth.FALSE : Truth.UNKNOWN;
        }
        if (op.left() instanceof Term.Num k && !(op.right() instanceof Term.Num)) {
            long[] r = range(op.right());
            long least = strict ? above(k.value()) : k.value(); // k < t is t >= k + 1
            return r[0] >= least ? Truth.TRUE : r[1] < least ? Truth.FALSE : Truth.UNKNOWN;
        }
        return Truth.UNKNOWN;
    }

    /**
     * The least and the greatest value {@code t} may have by the facts comparing it with constants
     * ({@code 0 < t}, {@code !(t < 2)}), narrowed past the constants it is known not to equal; of
     * a constant added to, taken from or or-ed into a term, by that term's range.
     */
    long[] range(Term t) {
        if (t instanceof Term.Num n) {
            return new long[] {n.value(), n.value()};
        }
        Long known = equal.get(t);
        if (known != null) {
            return new long[] {known, known};
        }
        long[] r = {Long.MIN_VALUE, Long.MAX_VALUE};
        if (!ordered()) {
            return r;
        }
        long[] derived = rangeOfArithmetic(t);
        if (derived != null) {
            r[0] = derived[0];
            r[1] = derived[1];
        }
        equal.forEach((c, v) -> narrow(r, c, v != 0, t));
        unequal.forEach((c, vs) -> {
            if (vs.contains(0L)) {
                narrow(r, c, true, t);
            } else if (vs.contains(1L) && isComparison(c)) {
                narrow(r, c, false, t); // a comparison is 0 or 1
            }
        });
        Set<Long> not = unequal.getOrDefault(t, Set.of());
        while (r[0] < r[1] && not.contains(r[0])) {
            r[0]++;
        }
        while (r[0] < r[1] && not.contains(r[1])) {
            r[1]--;
        }
        return r;
    }

    /**
     * The range of {@code u + k}, {@code k + u}, {@code u - k}, {@code k - u} or {@code u | k}
     * (k a constant) by the range of {@code u}, or null for any other term. Numbers are whole
     * numbers here, as everywhere in the engine: an unsigned wrap-around is not modelled.
     */
    private long[] rangeOfArithmetic(Term t) {
        if (!(t instanceof Term.Op op)) {
            return null;
        }
        Term l = op.left();
        Term r = op.right();
        switch (op.op()) {
            case "+" -> {
                if (r instanceof Term.Num k) {
                    return shifted(range(l), k.value());
                }
                return l instanceof Term.Num k ? shifted(range(r), k.value()) : null;
            }
            case "-" -> {
                if (r instanceof Term.Num k && k.value() != Long.MIN_VALUE) {
                    return shifted(range(l), -k.value());
                }
                if (l instanceof Term.Num k) {
                    long[] u = range(r);
                    return shifted(new long[] {negated(u[1]), negated(u[0])}, k.value());
                }
                return null;
            }
            case "|" -> {
                if (!(r instanceof Term.Num k) || k.value() < 0) {
                    return null;
                }
                long[] u = range(l);
                // a value that is not negative with bits set is at least those bits, at most their sum
                return u[0] < 0 ? null : new long[] {Math.max(u[0], k.value()), plus(u[1], k.value())};
            }
            default -> {
                return null;
            }
        }
    }

    private static long[] shifted(long[] range, long k) {
        return new long[] {plus(range[0], k), plus(range[1], k)};
    }

    /** {@code bound + k}, where an unbounded end stays unbounded and a sum past a long's range is unbounded. */
    private static long plus(long bound, long k) {
        if (bound == Long.MIN_VALUE || bound == Long.MAX_VALUE) {
            return bound;
        }
        long sum = bound + k;
        if (((bound ^ sum) & (k ^ sum)) < 0) {
            return k > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    private static long negated(long bound) {
        return bound == Long.MIN_VALUE ? Long.MAX_VALUE : bound == Long.MAX_VALUE ? Long.MIN_VALUE : -bound;
    }

    /** Narrows {@code range} of {@code t} by "{@code c} is {@code holds}" when c compares t with a constant. */
    private static void narrow(long[] range, Term c, boolean holds, Term t) {
        if (!(c instanceof Term.Op op) || !isComparison(c)) {
            return;
        }
        boolean strict = op.op().equals("<");
        if (op.left().equals(t) && op.right() instanceof Term.Num k) {
            if (holds) { // t < k, t <= k
                range[1] = Math.min(range[1], strict ? below(k.value()) : k.value());
            } else { // k <= t, k < t
                range[0] = Math.max(range[0], strict ? k.value() : above(k.value()));
            }
        } else if (op.right().equals(t) && op.left() instanceof Term.Num k) {
            if (holds) { // k < t, k <= t
                range[0] = Math.max(range[0], strict ? above(k.value()) : k.value());
            } else { // t <= k, t < k
                range[1] = Math.min(range[1], strict ? k.value() : below(k.value()));
            }
        }
    }

    private static boolean isComparison(Term c) {
        return c instanceof Term.Op op && (op.op().equals("<") || op.op().equals("<="));
    }

    private static long above(long k) {
        return k == Long.MAX_VALUE ? k : k + 1;
    }

    private static long below(long k) {
        return k == Long.MIN_VALUE ? k : k - 1;
    }

    /** Whether some fact compares a term by order (else no range is narrower than any value). */
    boolean ordered() {
        Boolean found = comparesOrder;
        if (found == null) {
            found = equal.keySet().stream().anyMatch(Facts::isComparison)
                    || unequal.keySet().stream().anyMatch(Facts::isComparison);
            comparesOrder = found;
        }
        return found;
    }

    /** {@link #ordered()}, found once (facts are immutable). */
    private Boolean comparesOrder;

    private Truth decideEquality(Term a, Term b) {
        if (a.equals(b)) {
            return Truth.TRUE;
        }
        if (a instanceof Term.Num x && b instanceof Term.Num y) {
            return x.value() == y.value() ? Truth.TRUE : Truth.FALSE;
        }
        if (b instanceof Term.Num k) {
            return equalityWithConstant(a, k.value());
        }
        if (a instanceof Term.Num k) {
            return equalityWithConstant(b, k.value());
        }
        List<Term> pair = pair(a, b);
        if (same.contains(pair)) {
            return Truth.TRUE;
        }
        if (differ.contains(pair)) {
            return Truth.FALSE;
        }
        if (a instanceof Term.Addr x && b instanceof Term.Addr y && distinctObjects(x.loc(), y.loc())) {
            return Truth.FALSE;
        }
        if (same.isEmpty()) {
            return Truth.UNKNOWN;
        }
        Truth byClasses = equalityOfClasses(a, b);
        return byClasses != Truth.UNKNOWN || !congruent(a, b) ? byClasses : Truth.TRUE;
    }

    /**
     * Are two terms of one shape equal because their differing parts are ({@code &A->Resource}
     * and {@code &B->Resource} when {@code A == B})? Only ever proves equality: different parts
     * may still give the same value.
     */
    private boolean congruent(Term a, Term b) {
        if (a.equals(b)) {
            return true;
        }
        if (a instanceof Term.Addr x && b instanceof Term.Addr y) {
            return congruent(x.loc(), y.loc());
        }
        if (a instanceof Term.Load x && b instanceof Term.Load y) {
            return congruent(x.loc(), y.loc());
        }
        if (a instanceof Term.Op x && b instanceof Term.Op y && x.op().equals(y.op())) {
            return provablyEqual(x.left(), y.left()) && provablyEqual(x.right(), y.right());
        }
        return false;
    }

    private boolean congruent(Loc a, Loc b) {
        if (a.equals(b)) {
            return true;
        }
        if (a instanceof Loc.Field x && b instanceof Loc.Field y) {
            return x.field().equals(y.field()) && congruent(x.base(), y.base());
        }
        if (a instanceof Loc.Deref x && b instanceof Loc.Deref y) {
            return provablyEqual(x.pointer(), y.pointer());
        }
        if (a instanceof Loc.Index x && b instanceof Loc.Index y) {
            return congruent(x.base(), y.base()) && provablyEqual(x.index(), y.index());
        }
        return false;
    }

    /**
     * Whether {@code a} and {@code b} are equal by what is known of the terms known equal to
     * them: "a == c" and "c == b" make them equal, "c != b" unequal, "c == 1" and "b == 2" too.
     */
    private Truth equalityOfClasses(Term a, Term b) {
        Set<Term> as = equalTo(a);
        if (as.contains(b)) {
            return Truth.TRUE;
        }
        Set<Term> bs = equalTo(b);
        if (as.size() == 1 && bs.size() == 1) {
            return Truth.UNKNOWN;
        }
        Long ka = constantOf(as);
        Long kb = constantOf(bs);
        if (ka != null && kb != null) {
            return ka.equals(kb) ? Truth.TRUE : Truth.FALSE;
        }
        for (Term x : as) {
            for (Term y : bs) {
                if (differ.contains(pair(x, y)) || x instanceof Term.Addr p && y instanceof Term.Addr q
                        && distinctObjects(p.loc(), q.loc())) {
                    return Truth.FALSE;
                }
            }
        }
        if (ka != null && bs.stream().anyMatch(y -> unequal.getOrDefault(y, Set.of()).contains(ka))
                || kb != null && as.stream().anyMatch(x -> unequal.getOrDefault(x, Set.of()).contains(kb))) {
            return Truth.FALSE;
        }
        return Truth.UNKNOWN;
    }

    /** {@code t} and every term the "a == b" facts make equal to it, through any chain of them. */
    private Set<Term> equalTo(Term t) {
        Set<Term> out = new HashSet<>();
        out.add(t);
        List<Term> work = new java.util.ArrayList<>(List.of(t));
        while (!work.isEmpty()) {
            Term x = work.remove(work.size() - 1);
            for (List<Term> p : same) {
                Term other = p.get(0).equals(x) ? p.get(1) : p.get(1).equals(x) ? p.get(0) : null;
                if (other != null && out.add(other)) {
                    work.add(other);
                }
            }
        }
        return out;
    }

    /** The constant one of these terms is known to equal, or null. */
    private Long constantOf(Set<Term> terms) {
        for (Term t : terms) {
            if (t instanceof Term.Num n) {
                return n.value();
            }
            Long k = equal.get(t);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private static boolean distinctObjects(Loc a, Loc b) {
        return a instanceof Loc.Var va && b instanceof Loc.Var vb && !va.equals(vb);
    }

    private Truth equalityWithConstant(Term t, long k) {
        Long known = equal.get(t);
        if (known != null) {
            return known == k ? Truth.TRUE : Truth.FALSE;
        }
        Set<Long> not = unequal.get(t);
        if (not != null && not.contains(k)) {
            return Truth.FALSE;
        }
        if (ordered()) {
            long[] r = range(t);
            if (k < r[0] || k > r[1]) {
                return Truth.FALSE;
            }
            if (r[0] == r[1]) {
                return Truth.TRUE;
            }
        }
        if (k == 0 && (t instanceof Term.Addr || t instanceof Term.Fn)) {
            return Truth.FALSE;
        }
        if (!same.isEmpty()) {
            Set<Term> ts = equalTo(t);
            if (ts.size() > 1) {
                Long c = constantOf(ts);
                if (c != null) {
                    return c == k ? Truth.TRUE : Truth.FALSE;
                }
                for (Term x : ts) {
                    if (unequal.getOrDefault(x, Set.of()).contains(k)
                            || k == 0 && (x instanceof Term.Addr || x instanceof Term.Fn)) {
                        return Truth.FALSE;
                    }
                }
            }
        }
        return Truth.UNKNOWN;
    }

    private static Truth negate(Truth t) {
        return t == Truth.TRUE ? Truth.FALSE : t == Truth.FALSE ? Truth.TRUE : Truth.UNKNOWN;
    }

    /** The facts plus "{@code cond} is {@code holds}", or null when that contradicts them. */
    Facts assume(Term cond, boolean holds) {
        Term c = simplify(cond);
        Truth known = decide(c);
        if (known != Truth.UNKNOWN) {
            return (known == Truth.TRUE) == holds ? this : null;
        }
        if (c instanceof Term.Un u && u.op().equals("!")) {
            return assume(u.operand(), !holds);
        }
        if (c instanceof Term.Op op && (op.op().equals("==") || op.op().equals("!="))) {
            boolean eq = op.op().equals("==") == holds;
            Term a = op.left();
            Term b = op.right();
            if (b instanceof Term.Num k) {
                return withConstant(a, k.value(), eq);
            }
            if (a instanceof Term.Num k) {
                return withConstant(b, k.value(), eq);
            }
            return withPair(a, b, eq);
        }
        return withConstant(c, 0, !holds);
    }

    private Facts withConstant(Term t, long k, boolean eq) {
        Facts f;
        if (eq) {
            f = new Facts(equal.plus(t, k), unequal.minus(t), same, differ);
        } else {
            Set<Long> s = new HashSet<>(unequal.getOrDefault(t, Set.of()));
            s.add(k);
            f = new Facts(equal, unequal.plus(t, Set.copyOf(s)), same, differ);
        }
        if (isComparison(t)) {
            Term.Op c = (Term.Op) t;
            return f.pinned(c.right() instanceof Term.Num ? c.left() : c.left() instanceof Term.Num ? c.right() : null);
        }
        return eq || !f.ordered() ? f : f.pinned(t); // a constant excluded at the edge of its range
    }

    /**
     * After a comparison of {@code t} with a constant, or a constant excluded: none of its values
     * may be left (null), or one only, which is then its value ({@code 0 < Count} and
     * {@code !(1 < Count)}: {@code Count == 1}, so {@code Count - 1} folds to 0).
     */
    private Facts pinned(Term t) {
        if (t == null || t instanceof Term.Num || equal.containsKey(t)) {
            return this;
        }
        long[] r = range(t);
        if (r[0] > r[1]) {
            return null;
        }
        if (r[0] < r[1]) {
            return this;
        }
        return decideEquality(t, new Term.Num(r[0])) == Truth.FALSE ? null
                : new Facts(equal.plus(t, r[0]), unequal.minus(t), same, differ);
    }

    private Facts withPair(Term a, Term b, boolean eq) {
        List<Term> p = pair(a, b);
        return eq ? new Facts(equal, unequal, same.plus(p), differ) : new Facts(equal, unequal, same, differ.plus(p));
    }

    private static List<Term> pair(Term a, Term b) {
        // a canonical order; hashes are content-based, the text only breaks their ties
        int c = Integer.compare(a.hashCode(), b.hashCode());
        if (c == 0) {
            c = a.toString().compareTo(b.toString());
        }
        return c <= 0 ? List.of(a, b) : List.of(b, a);
    }

    /**
     * Could these facts prove {@code t} equal to a term other than itself? An address, symbol or
     * loaded value that equals no constant only if a branch compared it with another term;
     * arithmetic may fold into anything.
     */
    boolean mayProveEqual(Term t) {
        Term s = simplify(t);
        if (s instanceof Term.Num || s instanceof Term.Op || s instanceof Term.Un) {
            return true;
        }
        for (List<Term> p : same) {
            if (p.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The terms these facts make 0 (a NULL pointer, a clear flag): directly, or equal to one. */
    List<Term> zeroTerms() {
        List<Term> out = new ArrayList<>();
        equal.forEach((t, k) -> {
            if (k == 0) {
                out.add(t);
            }
        });
        if (!out.isEmpty()) {
            for (List<Term> p : same) {
                for (Term t : p) {
                    if (!out.contains(t) && decideEquality(t, new Term.Num(0)) == Truth.TRUE) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /** Do the facts make {@code a} and {@code b} the same value (for resource identity)? */
    boolean provablyEqual(Term a, Term b) {
        return decideEquality(simplify(a), simplify(b)) == Truth.TRUE;
    }

    /** The facts shared by both (a join loses what only one path knew). */
    Facts intersect(Facts o) {
        if (o.equals(this)) {
            return this;
        }
        // a join's paths often differ by what one of them learned since they forked: the other's
        // facts are then the intersection, and nothing need be built
        if (within(o)) {
            return this;
        }
        if (o.within(this)) {
            return o;
        }
        HashMap<Term, Long> e = new HashMap<>();
        equal.forEach((t, k) -> {
            if (k.equals(o.equal.get(t))) {
                e.put(t, k);
            }
        });
        HashMap<Term, Set<Long>> u = new HashMap<>();
        unequal.forEach((t, ks) -> {
            Set<Long> other = o.unequal.get(t);
            if (other != null) {
                Set<Long> both = new HashSet<>(ks);
                both.retainAll(other);
                if (!both.isEmpty()) {
                    u.put(t, Set.copyOf(both));
                }
            }
        });
        HashSet<List<Term>> s = new HashSet<>(same);
        s.retainAll(o.same);
        HashSet<List<Term>> d = new HashSet<>(differ);
        d.retainAll(o.differ);
        return new Facts(e, u, s, d);
    }

    /** Is every fact of these one of {@code o}'s too? */
    private boolean within(Facts o) {
        if (equal.size() > o.equal.size() || unequal.size() > o.unequal.size() || same.size() > o.same.size()
                || differ.size() > o.differ.size()) {
            return false;
        }
        for (Map.Entry<Term, Long> x : equal.entrySet()) {
            if (!x.getValue().equals(o.equal.get(x.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<Term, Set<Long>> x : unequal.entrySet()) {
            Set<Long> other = o.unequal.get(x.getKey());
            if (other == null || !other.containsAll(x.getValue())) {
                return false;
            }
        }
        return o.same.containsAll(same) && o.differ.containsAll(differ);
    }

    /** Both sets of facts at once, or null when they contradict each other. */
    Facts and(Facts other) {
        if (other == EMPTY || other.equals(this)) {
            return this;
        }
        Facts f = this;
        for (var e : other.equal.entrySet()) {
            f = f.assume(new Term.Op("==", e.getKey(), new Term.Num(e.getValue())), true);
            if (f == null) {
                return null;
            }
        }
        for (var e : other.unequal.entrySet()) {
            for (long k : e.getValue()) {
                f = f.assume(new Term.Op("==", e.getKey(), new Term.Num(k)), false);
                if (f == null) {
                    return null;
                }
            }
        }
        for (List<Term> p : other.same) {
            f = f.assume(new Term.Op("==", p.get(0), p.get(1)), true);
            if (f == null) {
                return null;
            }
        }
        for (List<Term> p : other.differ) {
            f = f.assume(new Term.Op("==", p.get(0), p.get(1)), false);
            if (f == null) {
                return null;
            }
        }
        return f;
    }

    /** Drops facts about terms {@code dead} says can no longer matter. */
    Facts without(Predicate<Term> dead) {
        if (equal.keySet().stream().noneMatch(dead) && unequal.keySet().stream().noneMatch(dead)
                && same.stream().flatMap(List::stream).noneMatch(dead)
                && differ.stream().flatMap(List::stream).noneMatch(dead)) {
            return this;
        }
        HashMap<Term, Long> e = new HashMap<>(equal);
        HashMap<Term, Set<Long>> u = new HashMap<>(unequal);
        HashSet<List<Term>> s = new HashSet<>(same);
        HashSet<List<Term>> d = new HashSet<>(differ);
        keepWhatFollows(dead, e, u, s, d);
        e.keySet().removeIf(dead);
        u.keySet().removeIf(dead);
        s.removeIf(p -> p.stream().anyMatch(dead));
        d.removeIf(p -> p.stream().anyMatch(dead));
        return new Facts(e, u, s, d);
    }

    /**
     * Before facts about dead terms go, what they say about the others through "a == b" facts:
     * "a == t" and "t == b" leave "a == b", "t == 2" leaves "a == 2", "t != c" leaves "a != c"
     * (a local copy of a field, compared and then dead, still decides the field's later tests).
     */
    private void keepWhatFollows(Predicate<Term> dead, Map<Term, Long> e, Map<Term, Set<Long>> u,
            Set<List<Term>> s, Set<List<Term>> d) {
        Map<Term, Term> alive = new HashMap<>(); // per term of a class with a dead member: a live member
        for (List<Term> p : same) {
            if (!dead.test(p.get(0)) && !dead.test(p.get(1))) {
                continue;
            }
            for (Term t : p) {
                if (alive.containsKey(t)) {
                    continue;
                }
                Set<Term> members = equalTo(t);
                Term representative = null;
                for (Term m : members) {
                    if (!dead.test(m) && (representative == null || pair(m, representative).get(0) == m)) {
                        representative = m; // the first in the pairs' order, whichever the walk found first
                    }
                }
                for (Term m : members) {
                    alive.put(m, representative);
                }
                if (representative == null) {
                    continue;
                }
                Long k = constantOf(members);
                Set<Long> not = new HashSet<>();
                for (Term m : members) {
                    if (!dead.test(m) && !m.equals(representative)) {
                        s.add(pair(representative, m));
                    }
                    not.addAll(unequal.getOrDefault(m, Set.of()));
                }
                if (k != null && !(representative instanceof Term.Num)) {
                    e.put(representative, k);
                } else if (!not.isEmpty() && !(representative instanceof Term.Num)) {
                    not.addAll(u.getOrDefault(representative, Set.of()));
                    u.put(representative, Set.copyOf(not));
                }
            }
        }
        for (List<Term> p : differ) {
            Term a = dead.test(p.get(0)) ? alive.get(p.get(0)) : p.get(0);
            Term b = dead.test(p.get(1)) ? alive.get(p.get(1)) : p.get(1);
            if (a != null && b != null && !a.equals(b)) {
                d.add(pair(a, b));
            }
        }
    }

    /**
     * The values (symbols and memory reads) that facts of this set, but not of {@code kept}, are
     * about: what a join that kept only {@code kept} forgot something about.
     */
    Set<Term> forgottenIn(Facts kept) {
        if (kept.equals(this)) {
            return Set.of();
        }
        Set<Term> lost = new HashSet<>();
        equal.forEach((t, k) -> {
            if (!k.equals(kept.equal.get(t))) {
                lost.add(t);
            }
        });
        unequal.forEach((t, ks) -> {
            if (!ks.equals(kept.unequal.get(t))) {
                lost.add(t);
            }
        });
        same.stream().filter(p -> !kept.same.contains(p)).forEach(lost::addAll);
        differ.stream().filter(p -> !kept.differ.contains(p)).forEach(lost::addAll);
        Set<Term> leaves = new HashSet<>();
        for (Term t : lost) {
            Terms.mentions(t, x -> {
                if (x instanceof Term.Sym || x instanceof Term.Load) {
                    leaves.add(x);
                }
                return false;
            });
        }
        return leaves;
    }

    /** The fresh symbols the facts mention; found once (facts are immutable), read at every block. */
    private Set<Term> freshSymbols;

    Set<Term> freshSymbols() {
        Set<Term> found = freshSymbols;
        if (found == null) {
            Set<Term> out = new HashSet<>();
            equal.keySet().forEach(t -> Terms.collectFresh(t, out));
            unequal.keySet().forEach(t -> Terms.collectFresh(t, out));
            same.forEach(p -> p.forEach(t -> Terms.collectFresh(t, out)));
            differ.forEach(p -> p.forEach(t -> Terms.collectFresh(t, out)));
            found = out.isEmpty() ? Set.of() : out; // read only: not copied
            freshSymbols = found;
        }
        return found;
    }

    /**
     * Does a term some fact mentions satisfy {@code p}? Asked of every path's facts where callees
     * return and fresh values retire, so the terms are not collected into a set first.
     */
    boolean anyTerm(Predicate<Term> p) {
        for (Term t : equal.keySet()) {
            if (p.test(t)) {
                return true;
            }
        }
        for (Term t : unequal.keySet()) {
            if (p.test(t)) {
                return true;
            }
        }
        for (List<Term> pair : same) {
            if (p.test(pair.get(0)) || p.test(pair.get(1))) {
                return true;
            }
        }
        for (List<Term> pair : differ) {
            if (p.test(pair.get(0)) || p.test(pair.get(1))) {
                return true;
            }
        }
        return false;
    }

    /** Every term a fact mentions. */
    Set<Term> terms() {
        Set<Term> out = new HashSet<>();
        forEachTerm(out::add);
        return out;
    }

    /** Each term a fact mentions (once per fact that mentions it). */
    void forEachTerm(java.util.function.Consumer<Term> action) {
        equal.keySet().forEach(action);
        unequal.keySet().forEach(action);
        same.forEach(pair -> {
            action.accept(pair.get(0));
            action.accept(pair.get(1));
        });
        differ.forEach(pair -> {
            action.accept(pair.get(0));
            action.accept(pair.get(1));
        });
    }

    Facts rename(java.util.function.UnaryOperator<Term> f) {
        if (!anyTerm(t -> f.apply(t) != t)) {
            return this;
        }
        HashMap<Term, Long> e = new HashMap<>();
        equal.forEach((t, k) -> e.put(f.apply(t), k));
        HashMap<Term, Set<Long>> u = new HashMap<>();
        unequal.forEach((t, k) -> u.put(f.apply(t), k));
        HashSet<List<Term>> s = new HashSet<>();
        same.forEach(p -> s.add(pair(f.apply(p.get(0)), f.apply(p.get(1)))));
        HashSet<List<Term>> d = new HashSet<>();
        differ.forEach(p -> d.add(pair(f.apply(p.get(0)), f.apply(p.get(1)))));
        return new Facts(e, u, s, d);
    }

    @Override
    public String toString() {
        return "eq" + equal + " ne" + unequal + " same" + same + " differ" + differ;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Facts f && hashCode() == f.hashCode() && equal.equals(f.equal) && unequal.equals(f.unequal) && same.equals(f.same)
                && differ.equals(f.differ);
    }

    private int hash;

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = ((equal.hashCode() * 31 + unequal.hashCode()) * 31 + same.hashCode()) * 31 + differ.hashCode();
            hash = h;
        }
        return h;
    }
}
