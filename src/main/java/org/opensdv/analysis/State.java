package org.opensdv.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * One path's knowledge at a program point: the current frame's variables, memory (globals, heap,
 * locals whose address was taken), the held mode of every resource touched, the path condition and
 * the trace. Immutable: every change makes a new state.
 */
final class State {
    final PMap<String, Term> env;
    final PMap<Loc, Term> heap;
    final PMap<Term, Held> held;
    final Facts facts;
    final Trace trace;
    /** A routine path name taken on this path ("StartDevice"), or null. */
    final String pathName;
    /** On a function's exit states: the returned value. */
    final Term returned;
    /** Where each held resource was (last) acquired. */
    final PMap<Term, Acquired> acquiredAt;
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
    final PSet<Term> weakened;

    /**
     * A defect waiting for its callee summary to be applied at a call site. Two are the same defect
     * whatever path led to them: the trace is not part of their identity.
     */
    record Pending(org.opensdv.rules.RuleSpec.DefectSpec spec, org.opensdv.ir.SourceLoc loc, String function,
            String shown, String violation, org.opensdv.ir.SourceLoc related, Trace trace) {
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
                HashTreePSet.empty());
    }

    State(Map<String, Term> env, Map<Loc, Term> heap, Map<Term, Held> held, Facts facts, Trace trace,
            String pathName, Term returned, Map<Term, Acquired> acquiredAt, List<Pending> pending,
            boolean approximate, PSet<Term> weakened) {
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

    private static <K, V> PMap<K, V> persistent(Map<K, V> m) {
        return m instanceof PMap<K, V> p ? p : HashTreePMap.from(m);
    }

    State withEnv(String name, Term value) {
        return new State(env.plus(name, value), heap, held, facts, trace, pathName, returned, acquiredAt, pending,
                approximate, weakened);
    }

    State withHeap(Loc loc, Term value) {
        return new State(env, heap.plus(loc, value), held, facts, trace, pathName, returned, acquiredAt, pending,
                approximate, weakened);
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

    State withPending(Pending p) {
        if (pending.contains(p)) {
            return this;
        }
        List<Pending> more = new java.util.ArrayList<>(pending);
        more.add(p);
        return new State(env, heap, held, facts, trace, pathName, returned, acquiredAt, List.copyOf(more),
                approximate, weakened);
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
        Map<String, Term> liveEnv = new HashMap<>();
        for (String v : live) {
            Term t = env.get(v);
            if (t != null) {
                liveEnv.put(v, t);
            }
        }
        return List.of(liveEnv, heap, held, relevantFacts(liveEnv, pinned), Objects.toString(pathName), pending);
    }

    /**
     * Facts about fresh values nothing in the state refers to any more cannot decide anything here;
     * {@code pinned} values (a summary's inputs) still matter to the caller.
     */
    Facts relevantFacts(Map<String, Term> liveEnv, Set<Term> pinned) {
        Set<Term> referenced = freshSymbols(liveEnv.values());
        referenced.addAll(pinned);
        return facts.without(t -> Terms.mentions(t, x -> x instanceof Term.Sym s && s.fresh() && !referenced.contains(x)));
    }

    /** The fresh symbols in the given variable values, in memory and in the held resources. */
    Set<Term> freshSymbols(java.util.Collection<Term> envValues) {
        Set<Term> out = new HashSet<>();
        envValues.forEach(t -> Terms.collectFresh(t, out));
        heap.values().forEach(t -> Terms.collectFresh(t, out));
        heap.keySet().forEach(l -> Terms.collectFresh(new Term.Load(l), out));
        held.keySet().forEach(t -> Terms.collectFresh(t, out));
        return out;
    }

    /** Does the state refer to this fresh symbol anywhere? */
    boolean mentions(Term sym) {
        for (Term t : env.values()) {
            if (Terms.mentions(t, sym::equals)) {
                return true;
            }
        }
        for (var e : heap.entrySet()) {
            if (Terms.mentions(e.getValue(), sym::equals) || Terms.mentions(e.getKey(), sym::equals)) {
                return true;
            }
        }
        for (Term t : held.keySet()) {
            if (Terms.mentions(t, sym::equals)) {
                return true;
            }
        }
        return facts.terms().stream().anyMatch(t -> Terms.mentions(t, sym::equals));
    }

    private PSet<Term> renamedWeakened(UnaryOperator<Term> f) {
        PSet<Term> out = HashTreePSet.empty();
        for (Term t : weakened) {
            out = out.plus(Terms.rewrite(t, f));
        }
        return out;
    }

    /** Does this term depend on something a join made vaguer? */
    boolean dependsOnWeakened(Term t) {
        return !weakened.isEmpty() && Terms.mentions(t, weakened::contains);
    }

    /** The same state with every term rewritten (used to retire an old value of a fresh symbol). */
    State rename(UnaryOperator<Term> f) {
        Map<String, Term> e = new HashMap<>();
        env.forEach((k, v) -> e.put(k, Terms.rewrite(v, f)));
        Map<Loc, Term> h = new HashMap<>();
        heap.forEach((k, v) -> h.put(Terms.rewrite(k, f), Terms.rewrite(v, f)));
        Map<Term, Held> hd = new HashMap<>();
        held.forEach((k, v) -> hd.put(Terms.rewrite(k, f), v));
        Map<Term, Acquired> at = new HashMap<>();
        acquiredAt.forEach((k, v) -> at.put(Terms.rewrite(k, f), v));
        return new State(e, h, hd, facts.rename(t -> Terms.rewrite(t, f)), trace, pathName,
                returned == null ? null : Terms.rewrite(returned, f), at, pending, approximate, renamedWeakened(f));
    }
}
