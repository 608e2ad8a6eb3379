package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways a candidate defect's witness went, for replaying it exactly: at each branch it passed,
 * the sides it took, and at each call site, the callees. A replay holds a branch to those sides
 * only in the calls the witness passed it inside of, so that a helper the witness called twice,
 * its second call cut short by the defect, can take its second call on either side of a branch
 * where the first call went one way (a try that failed in the first call and succeeds in the
 * second). Other branches go either way. A replay makes the calls the witness made, and others
 * only to functions that cannot acquire or release (a constructor, say) — until it has made the
 * call a witness ends in, whose callee the defect is inside: past that, any call, since the
 * defect is confirmed only when the callee returns. The trace a join keeps
 * is one joined path's, so a witness can be a mix: "the call at line 83 raised" and later "the
 * context that call creates exists", which only another path makes true, one that made the call
 * at line 83 and raised at line 85 instead; or one side of a test in a helper's first call and the
 * other in its second, where the real path took the same side in both. So where the witness
 * passed a branch, any side it took there in any call is allowed. Leaving out the calls that may
 * lock where the witness made none keeps the replay to the witness's locking, and a path longer
 * than twice the witness is not followed, so loops the witness did not bound end. A witness can
 * also take the callees' ways out merged into its trace ({@link Trace#withMergedWays}): any side
 * one of them took at a branch is allowed too, for the mixes whose own path no real path follows.
 * And a replay may let a path leave the witness at a few of the branches it passed (a detour):
 * a joined path can owe its defect to a value another joined path brought, and a real path one
 * branch from it often has that value.
 */
final class Witness {
    private final Map<List<Object>, Set<String>> ways = new HashMap<>();
    /** The branches the witness passed, each with the calls it was passed inside of. */
    private final Set<List<Object>> passed = new HashSet<>();
    private final int maxLength;
    /** The call each path the witness describes ends in, where its defect is inside that call. */
    private final Set<List<Object>> ends = new HashSet<>();
    /**
     * Per trace node a replay's path was allowed up to, the calls it was then inside of: a path is
     * checked from its last allowed node on, not from its start at every block (that was quadratic
     * in the path's length). A node belongs to one function's exploration, so the calls that led
     * to the function are the same whenever it is checked.
     */
    private final Map<Trace, Progress> allowedUpTo = new IdentityHashMap<>();
    /** How many branches a path of one function may pass on a side the witness did not take there. */
    private final int maxDetours;
    /** Per trace node checked for it, whether the path had made a call its witness ends in by then. */
    private final Map<Trace, Boolean> pastEnd = new IdentityHashMap<>();

    /** How many of the ways out merged into a witness's trace a replay may follow besides it. */
    private static final int MAX_MERGED_WAYS = 64;

    /**
     * Where a path checked up to a trace node stands: the calls it is inside of, and how many
     * branches it passed on a side the witness did not take there.
     */
    private record Progress(List<List<Object>> inside, int detours) {
    }

    /**
     * The witness's own path, and with {@code mergedWaysToo} the ways out merged into it as well;
     * a path of one function may leave them at up to {@code maxDetours} of the branches they passed.
     */
    Witness(Trace trace, boolean mergedWaysToo, int maxDetours) {
        this.maxDetours = maxDetours;
        int longest = 0;
        for (Trace path : mergedWaysToo ? trace.withMergedWays(1 + MAX_MERGED_WAYS) : List.of(trace)) {
            List<List<Object>> inside = new ArrayList<>(); // the calls the path is in, outermost first
            for (Step s : path.steps()) {
                if (s.kind() == Step.Kind.BRANCH || s.kind() == Step.Kind.CALL) {
                    ways.computeIfAbsent(place(s), k -> new HashSet<>()).add(s.message());
                }
                if (s.kind() == Step.Kind.BRANCH) {
                    passed.add(List.of(place(s), List.copyOf(inside)));
                } else if (s.kind() == Step.Kind.CALL) {
                    inside.add(site(s));
                } else if (s.kind() == Step.Kind.RETURN && !inside.isEmpty()) {
                    inside.remove(inside.size() - 1);
                }
            }
            longest = Math.max(longest, path.length());
            List<Step> steps = path.steps();
            Step last = steps.get(steps.size() - 1);
            if (last.kind() == Step.Kind.CALL) { // its defect is inside that call
                ends.add(List.of(place(last), last.message()));
            }
        }
        maxLength = 2 * longest;
    }

    private static List<Object> place(Step s) {
        return List.of(s.kind(), s.function(), s.loc());
    }

    private static List<Object> site(Step call) {
        return List.of(call.function(), call.loc());
    }

    /**
     * May a replay make this call: one the witness made there, one that cannot touch a lock, or
     * any once the path ({@code trace}, of the function making the call) has gone past where the
     * witness ends? A defect inside a callee is confirmed when the callee returns, and its witness
     * ends at the defect: what the callee locks after it, the witness does not show.
     */
    boolean allowsCall(Step call, boolean touchesLocks, Trace trace) {
        Set<String> made = ways.get(place(call));
        // one place can make several calls (a macro's), so a call that cannot touch a lock is made
        // even where the witness made another
        if (!touchesLocks || made != null && made.contains(call.message())) {
            return true;
        }
        return pastEnd(trace);
    }

    private boolean pastEnd(Trace trace) {
        List<Trace> unseen = new ArrayList<>();
        boolean past = false;
        for (Trace t = trace; t != null; t = t.previous()) {
            Boolean known = pastEnd.get(t);
            if (known != null) {
                past = known;
                break;
            }
            unseen.add(t);
        }
        for (int i = unseen.size() - 1; i >= 0; i--) {
            Step s = unseen.get(i).step();
            past = past || ends.contains(List.of(place(s), s.message()));
            pastEnd.put(unseen.get(i), past);
        }
        return past;
    }

    /**
     * May a replay go on along this path of one function: no longer than twice the witness, and at
     * every branch the witness passed inside the same calls a side it took, but for at most the
     * detours allowed? {@code calls} led to
     * the function, its own last: its trace starts with that call. (Its calls were allowed when
     * they were made.)
     */
    boolean allows(Trace trace, List<Step> calls) {
        if (trace.length() > maxLength) {
            return false;
        }
        List<Trace> unchecked = new ArrayList<>(); // newest first
        List<List<Object>> inside = null;
        int detours = 0;
        for (Trace t = trace; t != null; t = t.previous()) {
            Progress known = allowedUpTo.get(t);
            if (known != null) {
                inside = new ArrayList<>(known.inside());
                detours = known.detours();
                break;
            }
            unchecked.add(t);
        }
        if (inside == null) {
            inside = new ArrayList<>(calls.size());
            for (Step c : calls) {
                inside.add(site(c));
            }
        }
        for (int i = unchecked.size() - 1; i >= 0; i--) {
            Trace node = unchecked.get(i);
            Step s = node.step();
            if (node.previous() == null && s.kind() == Step.Kind.CALL) {
                continue; // the call into the function its trace starts with
            }
            if (s.kind() == Step.Kind.BRANCH) {
                if (passed.contains(List.of(place(s), inside)) && !ways.get(place(s)).contains(s.message())
                        && ++detours > maxDetours) {
                    return false;
                }
            } else if (s.kind() == Step.Kind.CALL) {
                inside.add(site(s));
            } else if (s.kind() == Step.Kind.RETURN && !inside.isEmpty()) {
                inside.remove(inside.size() - 1);
            }
        }
        allowedUpTo.put(trace, new Progress(List.copyOf(inside), detours));
        return true;
    }
}
