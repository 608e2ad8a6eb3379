package org.opensdv.report;

import java.util.ArrayList;
import java.util.List;
import org.opensdv.analysis.Defect;
import org.opensdv.analysis.Step;
import org.opensdv.ir.SourceLoc;

/**
 * What SARIF and HTML show beside a defect's trace, derived from its steps in one place: the
 * resource's held mode after each step, each step's call depth, and the earlier step that explains
 * the violation (the acquire of a resource held at exit or acquired twice, the release before a
 * second release).
 */
final class TraceFacts {
    /** The step a violation refers back to, with a short message naming it. */
    record Related(SourceLoc loc, String message) {
    }

    private TraceFacts() {
    }

    /**
     * The held mode of the defect's resource after each step. The engine records a mode only on the
     * steps that change it (and keeps only the defect's resource among them), so it carries forward
     * from "none" at the routine's entry.
     */
    static List<String> heldAfterEachStep(Defect d) {
        List<String> out = new ArrayList<>(d.trace().size());
        String held = "none";
        for (Step s : d.trace()) {
            if (s.heldMode() != null) {
                held = s.heldMode();
            }
            out.add(held);
        }
        return out;
    }

    /** How many calls deep each step is, the routine itself being 0. */
    static List<Integer> callDepths(Defect d) {
        List<Integer> out = new ArrayList<>(d.trace().size());
        int depth = 0;
        for (Step s : d.trace()) {
            if (s.kind() == Step.Kind.RETURN) {
                depth = Math.max(0, depth - 1);
            }
            out.add(depth);
            if (s.kind() == Step.Kind.CALL) {
                depth++;
            }
        }
        return out;
    }

    /**
     * The location the defect refers back to, or null when the trace has no such step. A release
     * that left the resource held undid a recursive acquire: the two are passed over together, so
     * a leak after acquire, acquire, release refers to the first acquire.
     */
    static Related related(Defect d) {
        List<Step> steps = d.trace();
        int undone = 0;
        for (int i = steps.size() - 2; i >= 0; i--) {
            Step s = steps.get(i);
            if (s.resource() == null) {
                continue;
            }
            switch (s.kind()) {
                case ACQUIRE:
                    if (undone > 0) {
                        undone--;
                        break;
                    }
                    return new Related(s.loc(), s.resource() + " acquired " + s.heldMode() + " here");
                case RELEASE:
                    if (!"none".equals(s.heldMode())) {
                        undone++;
                        break;
                    }
                    return new Related(s.loc(), s.resource() + " released here");
                case HAND_OFF:
                    return new Related(s.loc(), s.resource() + " handed to another owner here");
                case DELETE:
                    return new Related(s.loc(), s.resource() + " deleted here");
                case FAILED_ACQUIRE:
                    return new Related(s.loc(), "the non-blocking acquire of " + s.resource() + " failed here");
                default:
                    break;
            }
        }
        return d.related() == null ? null : new Related(d.related(), d.resource() + " acquired here");
    }
}
