package org.opensdv.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways a candidate defect's witness went, for replaying it exactly: at each branch it passed,
 * the sides it took, and at each call site, the callees. A replay keeps to them where the witness
 * passed and may go any way elsewhere: the trace a join keeps is one joined path's, so the witness
 * can say "the call at line 83 raised" and later "the IRP context exists", which only another path
 * (raising at line 85) makes true; that path takes no branch the witness took the other way. A
 * path longer than twice the witness is not followed, so loops the witness did not bound end.
 */
final class Witness {
    private final Map<List<Object>, Set<String>> ways = new HashMap<>();
    private final int maxLength;

    Witness(Trace trace) {
        for (Step s : trace.steps()) {
            if (choosesAWay(s)) {
                ways.computeIfAbsent(place(s), k -> new HashSet<>()).add(s.message());
            }
        }
        maxLength = 2 * trace.length();
    }

    private static boolean choosesAWay(Step s) {
        return s.kind() == Step.Kind.BRANCH || s.kind() == Step.Kind.CALL;
    }

    private static List<Object> place(Step s) {
        return List.of(s.kind(), s.function(), s.loc());
    }

    /** Does this step go a way the witness went, or somewhere the witness did not pass? */
    boolean allows(Step s) {
        if (!choosesAWay(s)) {
            return true;
        }
        Set<String> taken = ways.get(place(s));
        return taken == null || taken.contains(s.message());
    }

    /** Does every step of this path? */
    boolean allows(Trace trace) {
        if (trace.length() > maxLength) {
            return false;
        }
        for (Trace t = trace; t != null; t = t.previous()) {
            if (!allows(t.step())) {
                return false;
            }
        }
        return true;
    }
}
