package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways a candidate defect's witness went, for replaying it exactly: at each branch it passed,
 * the sides it took, and at each call site, the callees — each in the calls it was made inside of,
 * so that a callee the witness entered twice is held to what each of its calls did (the first call
 * failed an acquire the second one makes). A replay takes those sides where the witness passed
 * and either side of other branches; it makes the calls the witness made, and others only to
 * functions that cannot acquire or release (a constructor, say). The trace a join keeps is one
 * joined path's, so a witness can say "the call at line 83 raised" and later "the context that
 * call creates exists", which only another path makes true: one that made the call at line 83 and
 * raised at line 85 instead. Leaving out the calls that may lock where the witness made none keeps
 * the replay to the witness's locking, and a path longer than twice the witness is not followed,
 * so loops the witness did not bound end.
 */
final class Witness {
    private final Map<List<Object>, Set<String>> ways = new HashMap<>();
    private final int maxLength;

    Witness(Trace trace) {
        List<List<Object>> inside = new ArrayList<>(); // the calls the witness is in, outermost first
        for (Step s : trace.steps()) {
            if (s.kind() == Step.Kind.BRANCH || s.kind() == Step.Kind.CALL) {
                ways.computeIfAbsent(place(s, inside), k -> new HashSet<>()).add(s.message());
            }
            if (s.kind() == Step.Kind.CALL) {
                inside.add(site(s));
            } else if (s.kind() == Step.Kind.RETURN && !inside.isEmpty()) {
                inside.remove(inside.size() - 1);
            }
        }
        maxLength = 2 * trace.length();
    }

    private static List<Object> site(Step s) {
        return List.of(s.function(), s.loc());
    }

    private static List<Object> place(Step s, List<List<Object>> inside) {
        return List.of(s.kind(), s.function(), s.loc(), List.copyOf(inside));
    }

    private static List<List<Object>> sites(List<Step> calls) {
        List<List<Object>> out = new ArrayList<>(calls.size());
        calls.forEach(c -> out.add(site(c)));
        return out;
    }

    /**
     * May a replay make this call inside {@code calls} (the calls that led to the caller): one the
     * witness made there, or one that cannot touch a lock?
     */
    boolean allowsCall(Step call, boolean touchesLocks, List<Step> calls) {
        Set<String> made = ways.get(place(call, sites(calls)));
        return made == null ? !touchesLocks : made.contains(call.message());
    }

    /**
     * May a replay go on along this path of one function: no longer than twice the witness, and at
     * every branch the witness passed in the same calls, a side it took? {@code calls} led to the
     * function, its own last: its trace starts with that call. (Its calls were allowed when they
     * were made.)
     */
    boolean allows(Trace trace, List<Step> calls) {
        if (trace.length() > maxLength) {
            return false;
        }
        List<Step> steps = trace.steps();
        List<List<Object>> inside = sites(calls);
        for (int i = steps.get(0).kind() == Step.Kind.CALL ? 1 : 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.kind() == Step.Kind.BRANCH) {
                Set<String> taken = ways.get(place(s, inside));
                if (taken != null && !taken.contains(s.message())) {
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
