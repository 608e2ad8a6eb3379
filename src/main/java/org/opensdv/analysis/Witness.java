package org.opensdv.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways a candidate defect's witness went, for replaying it exactly: at each branch it passed,
 * the sides it took, and at each call site, the callees. A replay takes those sides where the
 * witness passed and either side of other branches; it makes the calls the witness made, and
 * others only to functions that cannot acquire or release (a constructor, say). The trace a join
 * keeps is one joined path's, so a witness can say "the call at line 83 raised" and later "the
 * context that call creates exists", which only another path makes true: one that made the call
 * at line 83 and raised at line 85 instead. Leaving out the calls that may lock where the witness
 * made none keeps the replay to the witness's locking, and a path longer than twice the witness
 * is not followed, so loops the witness did not bound end.
 */
final class Witness {
    private final Map<List<Object>, Set<String>> ways = new HashMap<>();
    private final int maxLength;

    Witness(Trace trace) {
        for (Step s : trace.steps()) {
            if (s.kind() == Step.Kind.BRANCH || s.kind() == Step.Kind.CALL) {
                ways.computeIfAbsent(place(s), k -> new HashSet<>()).add(s.message());
            }
        }
        maxLength = 2 * trace.length();
    }

    private static List<Object> place(Step s) {
        return List.of(s.kind(), s.function(), s.loc());
    }

    /** May a replay make this call: one the witness made there, or one that cannot touch a lock? */
    boolean allowsCall(Step call, boolean touchesLocks) {
        Set<String> made = ways.get(place(call));
        return made == null ? !touchesLocks : made.contains(call.message());
    }

    /**
     * May a replay go on along this path: no longer than twice the witness, and at every branch
     * the witness passed, a side it took? (Its calls were allowed when they were made.)
     */
    boolean allows(Trace trace) {
        if (trace.length() > maxLength) {
            return false;
        }
        for (Trace t = trace; t != null; t = t.previous()) {
            Step s = t.step();
            if (s.kind() == Step.Kind.BRANCH) {
                Set<String> taken = ways.get(place(s));
                if (taken != null && !taken.contains(s.message())) {
                    return false;
                }
            }
        }
        return true;
    }
}
