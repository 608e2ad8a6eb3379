package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path's steps so far, shared between the states that forked from it (a persistent list). Where
 * a callee's ways out that differ only in facts were merged into one, its last step keeps each
 * way's trace and facts ({@link #mergedWays}): a caller shows one its own path agrees with, and a
 * witness replay may follow any of them.
 */
record Trace(Step step, Trace previous, int length, List<MergedWay> mergedWays) {
    /** {@code relative}, a callee's merged way out, as it goes on from {@code prefix} and {@code call}. */
    record Rebased(Trace prefix, Step call, MergedWay relative) implements MergedWay {
    }

    /**
     * One of a callee's ways out that were merged into one (they differ only in facts), with the
     * facts of that way: a caller shows the first whose facts agree with its own path.
     */
    record Merged(Trace trace, Facts facts) implements MergedWay {
    }

    /** At most this many merged ways out keep their own trace. */
    private static final int MAX_MERGED = 8;

    private static Trace materialised(MergedWay a) {
        return a instanceof Rebased r ? rebase(r.prefix(), r.call(), materialised(r.relative())) : ((Merged) a).trace();
    }

    /** The merged ways out this trace stands for, or just itself with {@code facts}. */
    List<Merged> ways(Facts facts) {
        List<Merged> out = new ArrayList<>();
        for (MergedWay j : mergedWays) {
            if (j instanceof Merged m) {
                out.add(m);
            }
        }
        return out.isEmpty() ? List.of(new Merged(this, facts)) : out;
    }

    /**
     * The trace of ways out merged into one, the first shown: its last step keeps them all (at
     * most {@value #MAX_MERGED}), so that a caller can show another ({@link #shownWhere}) and a
     * witness can follow any.
     */
    static Trace merged(List<Merged> ways) {
        List<Merged> kept = ways.size() > MAX_MERGED ? ways.subList(0, MAX_MERGED) : ways;
        Trace first = kept.get(0).trace();
        List<MergedWay> all = new ArrayList<>();
        for (MergedWay j : first.mergedWays) {
            if (!(j instanceof Merged)) {
                all.add(j); // a callee's, put after this trace
            }
        }
        all.addAll(kept);
        return new Trace(first.step, first.previous, first.length, List.copyOf(all));
    }

    /**
     * The way out to show on a caller's path: the first of the merged ways whose facts {@code agree}
     * with the caller's (the first if none does), still keeping the others.
     */
    Trace shownWhere(java.util.function.Predicate<Facts> agree) {
        List<Merged> ways = ways(null);
        if (ways.size() < 2 || agree.test(ways.get(0).facts())) {
            return this;
        }
        for (int i = 1; i < ways.size(); i++) {
            if (agree.test(ways.get(i).facts())) {
                List<Merged> reordered = new ArrayList<>(ways);
                reordered.add(0, reordered.remove(i));
                return merged(reordered);
            }
        }
        return this;
    }

    static Trace start(Step first) {
        return new Trace(first, null, 1, List.of());
    }

    Trace then(Step next) {
        return new Trace(next, this, length + 1, List.of());
    }

    /**
     * {@code relative}, a callee's trace (a summary's, whose first step is the call from whichever
     * site computed it), put after {@code prefix}: {@code call}, then the callee's steps; the ways
     * out merged in the callee come along, put after {@code prefix} when a witness asks for them.
     */
    static Trace rebase(Trace prefix, Step call, Trace relative) {
        List<Trace> nodes = new ArrayList<>(relative.length);
        for (Trace t = relative; t != null; t = t.previous) {
            nodes.add(t);
        }
        Collections.reverse(nodes);
        Trace out = prefix.then(call);
        for (int i = 1; i < nodes.size(); i++) {
            Trace node = nodes.get(i);
            out = out.then(node.step);
            if (!node.mergedWays.isEmpty()) {
                List<MergedWay> rebased = new ArrayList<>(node.mergedWays.size());
                for (MergedWay a : node.mergedWays) {
                    rebased.add(new Rebased(prefix, call, a));
                }
                out = new Trace(out.step, out.previous, out.length, List.copyOf(rebased));
            }
        }
        return out;
    }

    List<Step> steps() {
        List<Step> out = new ArrayList<>(length);
        for (Trace t = this; t != null; t = t.previous) {
            out.add(t.step);
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * This path and the merged ways out kept on it (and on those), at most {@code limit} in all,
     * this one first.
     */
    List<Trace> withMergedWays(int limit) {
        List<Trace> out = new ArrayList<>();
        Map<MergedWay, Boolean> seen = new IdentityHashMap<>();
        List<Trace> work = new ArrayList<>(List.of(this));
        while (!work.isEmpty() && out.size() < limit) {
            Trace t = work.remove(0);
            out.add(t);
            for (Trace n = t; n != null; n = n.previous) {
                for (MergedWay a : n.mergedWays) {
                    if (seen.put(a, Boolean.TRUE) == null) {
                        work.add(materialised(a));
                    }
                }
            }
        }
        return out;
    }
}
