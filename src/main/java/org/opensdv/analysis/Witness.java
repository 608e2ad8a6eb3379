package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 */
final class Witness {
    private final Map<List<Object>, Set<String>> ways = new HashMap<>();
    /** The branches the witness passed, each with the calls it was passed inside of. */
    private final Set<List<Object>> passed = new HashSet<>();
    private final int maxLength;
    /** The call each path the witness describes ends in, where its defect is inside that call. */
    private final Set<List<Object>> ends = new HashSet<>();

    /** How many of the ways out merged into a witness's trace a replay may follow besides it. */
    private static final int MAX_MERGED_WAYS = 64;

    /** The witness's own path, and with {@code mergedWaysToo} the ways out merged into it as well. */
    Witness(Trace trace, boolean mergedWaysToo) {
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
        for (Step s : trace.steps()) {
            if (ends.contains(List.of(place(s), s.message()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * May a replay go on along this path of one function: no longer than twice the witness, and at
     * every branch the witness passed inside the same calls, a side it took? {@code calls} led to
     * the function, its own last: its trace starts with that call. (Its calls were allowed when
     * they were made.)
     */
    boolean allows(Trace trace, List<Step> calls) {
        if (trace.length() > maxLength) {
            return false;
        }
        List<Step> steps = trace.steps();
        List<List<Object>> inside = new ArrayList<>(calls.size());
        calls.forEach(c -> inside.add(site(c)));
        for (int i = steps.get(0).kind() == Step.Kind.CALL ? 1 : 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.kind() == Step.Kind.BRANCH) {
                if (passed.contains(List.of(place(s), inside)) && !ways.get(place(s)).contains(s.message())) {
                    return false;
                }
            } else if (s.kind() == Step.Kind.CALL) {
                inside.add(site(s));
            } else if (s.kind() == Step.Kind.RETURN && !inside.isEmpty()) {
                inside.remove(inside.size() - 1);
            }
        }
        return true;
    }
}
