package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One path's knowledge at a program point: the current frame's variables, memory (globals, heap,
 * locals whose address was taken), the held mode of every resource touched, the path condition and
 * the trace. Immutable: every change makes a new state.
 */
final class State {
    final CopyOnWriteMap<String, Term> env;
    final CopyOnWriteMap<Loc, Term> heap;
    final CopyOnWriteMap<Term, Held> held;
    final Facts facts;
    final Trace trace;
    /** A routine path name taken on this path ("StartDevice"), or null. */
    final String pathName;
    /** On a function's exit states: the returned value. */
    final Term returned;
    /** Where each held resource was (last) acquired. */
    final CopyOnWriteMap<Term, Acquired> acquiredAt;
    /**
     * Defects found inside a callee that is being summarised independently of its callers: they are
     * reported when a caller's path condition is found compatible with them on return.
     */
    final List<Pending> pending;
    /**
     * Whether this state came through a join that forgot values or facts some path had (beyond
     * loop widening): a defect found from it may be on no real path and needs confirming.
     */
    final boolean approximate;
    /**
     * Values and memory a join of paths with the same lock state made vaguer than either path had
     * them (see {@code Engine}): a branch that cannot be decided on them may be infeasible for
     * every path joined, so taking it makes the state {@link #approximate}.
     */
    final CopyOnWriteSet<Term> weakened;

    /**
     * A defect waiting for its callee summary to be applied at a call site. Two are the same defect
     * whatever path led to them: the trace is not part of their identity, nor whether that path was
     * {@code approximate} when it reached the defect (what the path does after the defect, a join in
     * a loop that follows, say, does not make the path to it less real).
     */
    record Pending(org.opensdv.rules.RuleSpec.DefectSpec spec, org.opensdv.ir.SourceLoc loc, String function,
            String shown, String violation, org.opensdv.ir.SourceLoc related, Trace trace, boolean approximate) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pending p && spec.kind().equals(p.spec.kind()) && loc.equals(p.loc)
                    && shown.equals(p.shown);
        }

        @Override
        public int hashCode() {
            return Objects.hash(spec.kind(), loc, shown);
        }
    }

    State(Map<String, Term> env, Map<Loc, Term> heap, Map<Term, Held> held, Facts facts, Trace trace,
            String pathName, Term returned, Map<Term, Acquired> acquiredAt) {
        this(env, heap, held, facts, trace, pathName, returned, acquiredAt, List.of());
    }

    State(Map<String, Term> env, Map<Loc, Term> heap, Map<Term, Held> held, Facts facts, Trace trace,
            String pathName, Term returned, Map<Term, Acquired> acquiredAt, List<Pending> pending) {
        this(env, heap, held, facts, trace, pathName, returned, acquiredAt, pending, false);
    }

    State(Map<String, Term> env, Map<Loc, Term> heap, Map<Term, Held> held, Facts facts, Trace trace,
            String pathName, Term returned, Map<Term, Acquired> acquiredAt, List<Pending> pending,
            boolean approximate) {
        this(env, heap, held, facts, trace, pathName, returned, acquiredAt, pending, approximate,
                CopyOnWriteSet.empty());
    }

    State(Map<String, Term> env, Map<Loc, Term> heap, Map<Term, Held> held, Facts facts, Trace trace,
            String pathName, Term returned, Map<Term, Acquired> acquiredAt, List<Pending> pending,
            boolean approximate, CopyOnWriteSet<Term> weakened) {
        this.weakened = weakened;
        this.pending = pending;
        this.approximate = approximate;
        this.env = persistent(env);
        this.heap = persistent(heap);
        this.held = persistent(held);
        this.facts = facts;
        this.trace = trace;
        this.pathName = pathName;
        this.returned = returned;
        this.acquiredAt = persistent(acquiredAt);
    }

    private static <K, V> CopyOnWriteMap<K, V> persistent(Map<K, V> m) {
        return m instanceof CopyOnWriteMap<K, V> p ? p : CopyOnWriteMap.from(m);
    }

    State withEnv(String name, Term value) {
        return new State(env.plus(name, value), heap, held, facts, trace, pathName, returned, acquiredAt, pending,
                approximate, weakened);
    }

    /** The location written: what was written to its parts before is gone with it (a whole object's write). */
    State withHeap(Loc loc, Term value) {
        return new State(env, withoutPartsOf(heap, java.util.Set.of(loc)).plus(loc, value), held, facts, trace,
                pathName, returned, acquiredAt, pending, approximate, weakened);
    }

    State withHeapCells(CopyOnWriteMap<Loc, Term> cells) {
        if (cells == heap) {
            return this;
        }
        return new State(env, cells, held, facts, trace, pathName, returned, acquiredAt, pending, approximate,
                weakened);
    }

    /** {@code heap} without the cells that are parts of a location in {@code written}. */
    static CopyOnWriteMap<Loc, Term> withoutPartsOf(CopyOnWriteMap<Loc, Term> heap, java.util.Set<Loc> written) {
        CopyOnWriteMap<Loc, Term> out = heap;
        for (Loc cell : heap.keySet()) {
            for (Loc whole = Loc.enclosing(cell); whole != null; whole = Loc.enclosing(whole)) {
                if (written.contains(whole)) {
                    out = out.minus(cell);
                    break;
                }
            }
        }
        return out;
    }

    /** Where a held resource was acquired and how the code there named it. */
    record Acquired(org.opensdv.ir.SourceLoc loc, String shown) {
    }

    State withHeld(Term resource, Held mode, Acquired where) {
        if (mode == null) {
            return new State(env, heap, held.minus(resource), facts, trace, pathName, returned,
                    acquiredAt.minus(resource), pending, approximate, weakened);
        }
        return new State(env, heap, held.plus(resource, mode), facts, trace, pathName, returned,
                where == null ? acquiredAt : acquiredAt.plus(resource, where), pending, approximate,
                weakened);
    }

    /**
     * This state, also carrying {@code other}'s waiting defects: for a state equal to it in all but
     * those (and its trace). Approximate if either is.
     */
    State withPendingOf(State other) {
        return new State(env, heap, held, facts, trace, pathName, returned, acquiredAt,
                pendingOfBoth(pending, other.pending), approximate || other.approximate, weakened.plusAll(other.weakened));
    }

    State withPending(Pending p) {
        List<Pending> more = pendingOfBoth(pending, List.of(p));
        return more == pending ? this : new State(env, heap, held, facts, trace, pathName, returned, acquiredAt, more,
                approximate, weakened);
    }

    /**
     * The waiting defects of two paths together, in order; of one defect on both, the one a real
     * path reached (then its trace) — {@code a} itself when that changes nothing.
     */
    static List<Pending> pendingOfBoth(List<Pending> a, List<Pending> b) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        Map<Pending, Pending> both = new java.util.LinkedHashMap<>();
        a.forEach(p -> both.put(p, p));
        boolean changed = false;
        for (Pending p : b) {
            Pending had = both.get(p);
            if (had == null || had.approximate() && !p.approximate()) {
                both.put(p, p);
                changed = true;
            }
        }
        return changed ? List.copyOf(both.values()) : a;
    }

    State withFacts(Facts f) {
        return new State(env, heap, held, f, trace, pathName, returned, acquiredAt, pending,
                approximate, weakened);
    }

    State then(Step step) {
        return new State(env, heap, held, facts, trace.then(step), pathName, returned, acquiredAt, pending,
                approximate, weakened);
    }

    State withPathName(String name) {
        return new State(env, heap, held, facts, trace, name, returned, acquiredAt, pending,
                approximate, weakened);
    }

    State withHolds(Map<Term, Held> newHeld, Map<Term, Acquired> newAcquiredAt) {
        return new State(env, heap, newHeld, facts, trace, pathName, returned, newAcquiredAt, pending, approximate,
                weakened);
    }

    /**
     * The state as a caller applies a callee's exit: without the callee's variables and memory
     * (the caller takes the memory the callee wrote separately), so renaming it back is cheap.
     */
    State withoutFrame() {
        return env.isEmpty() && heap.isEmpty() ? this
                : new State(Map.of(), Map.of(), held, facts, trace, pathName, returned, acquiredAt, pending,
                        approximate, weakened);
    }

    /** The same state with only those values a join made vaguer that pass {@code keep}. */
    State keepingWeakened(Predicate<Term> keep) {
        Set<Term> kept = new HashSet<>();
        for (Term t : weakened) {
            if (keep.test(t)) {
                kept.add(t);
            }
        }
        return kept.size() == weakened.size() ? this
                : new State(env, heap, held, facts, trace, pathName, returned, acquiredAt, pending, approximate,
                        CopyOnWriteSet.from(kept));
    }

    State approximated() {
        return approximate ? this
                : new State(env, heap, held, facts, trace, pathName, returned, acquiredAt, pending, true,
                        weakened);
    }

    State returning(Term value) {
        return new State(env, heap, held, facts, trace, pathName, value, acquiredAt, pending, approximate,
                weakened);
    }

    /**
     * What makes two states at a block the same for the rest of the path: the live variables,
     * memory, held modes and the facts that can still matter. The trace is not part of it.
     */
    Object key(Set<String> live, Set<Term> pinned) {
        Map<String, Term> liveEnv = liveEnv(live);
        return key(liveEnv, relevantFacts(liveEnv, pinned));
    }

    private Object key(Map<String, Term> liveEnv, Facts relevant) {
        return List.of(liveEnv, heap, held, relevant, Objects.toString(pathName), pending);
    }

    /**
     * The same state without the facts {@link #relevantFacts} finds irrelevant here, with its
     * {@link #key}. States that differ only in those facts are the same at this block; dropping
     * them makes the path condition no weaker for anything still to run, and keeps it small.
     */
    Keyed withRelevantFacts(Set<String> live, Set<Term> pinned) {
        Map<String, Term> liveEnv = liveEnv(live);
        Facts relevant = relevantFacts(liveEnv, pinned);
        State pruned = relevant == facts ? this : withFacts(relevant);
        return new Keyed(pruned, pruned.key(liveEnv, relevant));
    }

    record Keyed(State state, Object key) {
    }

    /** The variables in {@code live} with their values: often all the state has (then no copy is made). */
    CopyOnWriteMap<String, Term> liveEnv(Set<String> live) {
        return env.onlyKeys(live);
    }

    /**
     * Facts about fresh values nothing in the state refers to any more cannot decide anything here;
     * {@code pinned} values (a summary's inputs) still matter to the caller.
     */
    Facts relevantFacts(Map<String, Term> liveEnv, Set<Term> pinned) {
        Set<Term> inFacts = facts.freshSymbols();
        if (pinned.containsAll(inFacts)) {
            return facts; // nothing to look for in the state
        }
        long present = 0;
        for (Term t : liveEnv.values()) {
            present |= t.freshBits();
        }
        for (var e : heap.entrySet()) {
            present |= e.getKey().freshBits() | e.getValue().freshBits();
        }
        for (Term t : held.keySet()) {
            present |= t.freshBits();
        }
        Set<Term> dead = null;
        for (Term t : inFacts) {
            if (!pinned.contains(t) && ((present & t.freshBits()) == 0 || !mentions(liveEnv.values(), t))) {
                if (dead == null) {
                    dead = new HashSet<>();
                }
                dead.add(t);
            }
        }
        if (dead == null) {
            return facts;
        }
        Set<Term> gone = dead;
        return facts.without(t -> Terms.mentions(t, gone::contains));
    }

    /** The fresh symbols in the given variable values, in memory and in the held resources. */
    Set<Term> freshSymbols(java.util.Collection<Term> envValues) {
        Set<Term> out = new HashSet<>();
        envValues.forEach(t -> Terms.collectFresh(t, out));
        heap.values().forEach(t -> Terms.collectFresh(t, out));
        heap.keySet().forEach(l -> Terms.collectFresh(l, out));
        held.keySet().forEach(t -> Terms.collectFresh(t, out));
        return out;
    }

    /** Does the state refer to this fresh symbol anywhere? */
    boolean mentions(Term sym) {
        return mentions(env.values(), sym) || facts.anyTerm(t -> Terms.mentionsFresh(t, sym));
    }

    /** Do these variable values, memory or the held resources mention the fresh symbol {@code sym}? */
    private boolean mentions(java.util.Collection<Term> envValues, Term sym) {
        for (Term t : envValues) {
            if (Terms.mentionsFresh(t, sym)) {
                return true;
            }
        }
        for (var e : heap.entrySet()) {
            if (Terms.mentionsFresh(e.getValue(), sym) || Terms.mentionsFresh(e.getKey(), sym)) {
                return true;
            }
        }
        for (Term t : held.keySet()) {
            if (Terms.mentionsFresh(t, sym)) {
                return true;
            }
        }
        return false;
    }

    private CopyOnWriteSet<Term> renamedWeakened(UnaryOperator<Term> f) {
        // most renamings touch few of the terms: those are replaced, the set is not rebuilt
        List<Term> gone = new ArrayList<>();
        List<Term> renamed = new ArrayList<>();
        for (Term t : weakened) {
            Term r = Terms.rewrite(t, f);
            if (r != t) {
                gone.add(t);
                renamed.add(r);
            }
        }
        return gone.isEmpty() ? weakened : weakened.minusAll(gone).plusAll(CopyOnWriteSet.from(renamed));
    }

    /** Does this term depend on something a join made vaguer? */
    boolean dependsOnWeakened(Term t) {
        return !weakened.isEmpty() && Terms.mentions(t, weakened::contains);
    }

    /** The same state with every term rewritten (used to retire an old value of a fresh symbol). */
    State rename(UnaryOperator<Term> f) {
        return new State(renamed(env, k -> k, f), renamed(heap, k -> Terms.rewrite(k, f), f), renamedKeys(held, f),
                facts.rename(t -> Terms.rewrite(t, f)), trace, pathName,
                returned == null ? null : Terms.rewrite(returned, f), renamedKeys(acquiredAt, f), pending, approximate,
                renamedWeakened(f));
    }

    /** The map with keys and values rewritten; the same map when nothing changes. */
    private static <K, V> Map<K, V> renamed(CopyOnWriteMap<K, V> m, UnaryOperator<K> key, UnaryOperator<Term> f) {
        HashMap<K, V> out = new HashMap<>();
        boolean changed = false;
        for (Map.Entry<K, V> e : m.entrySet()) {
            K k = key.apply(e.getKey());
            @SuppressWarnings("unchecked")
            V v = e.getValue() instanceof Term t ? (V) Terms.rewrite(t, f) : e.getValue();
            changed |= k != e.getKey() || v != e.getValue();
            out.put(k, v);
        }
        return changed ? CopyOnWriteMap.from(out) : m;
    }

    private static <V> Map<Term, V> renamedKeys(CopyOnWriteMap<Term, V> m, UnaryOperator<Term> f) {
        return renamed(m, k -> Terms.rewrite(k, f), f);
    }
}
