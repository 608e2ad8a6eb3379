package org.opensdv.analysis;

import org.opensdv.ir.SourceLoc;

/**
 * One step of a defect's trace: where, in which function, what happened, and for acquire/release
 * steps the resource and its held mode afterwards ("none", "shared", "exclusive", or "shared twice" and
 * "exclusive twice" for a hold its holder acquired again).
 */
public record Step(Kind kind, SourceLoc loc, String function, String message, String resource, String heldMode) {
    public enum Kind {
        ENTER, CALL, RETURN, BRANCH, EXCEPTION, ACQUIRE, RELEASE, FAILED_ACQUIRE, HAND_OFF, DELETE, VIOLATION
    }
}
