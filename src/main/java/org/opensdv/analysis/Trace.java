package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path's steps so far, shared between the states that forked from it (a persistent list). Where
 * paths were joined into this one, its last step also keeps theirs ({@link #joined}): a report
 * shows one path, but a witness replay may follow any of them.
 */
record Trace(Step step, Trace previous, int length, List<JoinedPath> joined) implements JoinedPath {
    /** At most this many other paths are kept at one step; a join with more keeps the first. */
    private static final int MAX_JOINED = 4;

    /** {@code relative}, a callee's trace starting with {@code call}, as it goes on from {@code prefix}. */
    record Rebased(Trace prefix, Step call, JoinedPath relative) implements JoinedPath {
    }

    private static Trace materialised(JoinedPath a) {
        return a instanceof Rebased r ? rebase(r.prefix(), r.call(), materialised(r.relative())) : (Trace) a;
    }

    static Trace start(Step first) {
        return new Trace(first, null, 1, List.of());
    }

    Trace then(Step next) {
        return new Trace(next, this, length + 1, List.of());
    }

    /** This trace, recording that {@code other} was joined into it here. */
    Trace joinedWith(Trace other) {
        if (other == this || joined.size() >= MAX_JOINED) {
            return this;
        }
        List<JoinedPath> more = new ArrayList<>(joined.size() + 1);
        more.addAll(joined);
        more.add(other);
        return new Trace(step, previous, length, List.copyOf(more));
    }

    /**
     * {@code relative}, a callee's trace that starts with {@code call}, put after {@code prefix}:
     * the call, then the callee's steps; the paths joined into the callee's come along, put after
     * {@code prefix} when a witness asks for them.
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
            if (!node.joined.isEmpty()) {
                List<JoinedPath> rebased = new ArrayList<>(node.joined.size());
                for (JoinedPath a : node.joined) {
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
     * This path and those joined into it on the way (and into those), at most {@code limit} in all,
     * this one first.
     */
    List<Trace> withJoined(int limit) {
        List<Trace> out = new ArrayList<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        List<JoinedPath> work = new ArrayList<>(List.of(this));
        while (!work.isEmpty() && out.size() < limit) {
            JoinedPath a = work.remove(0);
            if (seen.put(a, Boolean.TRUE) != null) {
                continue;
            }
            Trace t = materialised(a);
            out.add(t);
            for (Trace n = t; n != null; n = n.previous) {
                work.addAll(n.joined);
            }
        }
        return out;
    }
}
