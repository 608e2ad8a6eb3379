package org.opensdv.analysis;

import org.opensdv.rules.RuleSpec;

/**
 * How a path holds a resource. An ERESOURCE counts its holder's acquisitions, and each release
 * undoes one: the {@code _TWICE} modes are a hold its holder acquired again (recursively) and must
 * release twice. The count stops at two, so that a loop acquiring on every pass reaches a fixpoint;
 * UNKNOWN after a loop join lost track (no defect is claimed on it).
 */
enum Held {
    SHARED, EXCLUSIVE, SHARED_TWICE, EXCLUSIVE_TWICE, UNKNOWN;

    static Held of(RuleSpec.Mode mode) {
        return mode == RuleSpec.Mode.EXCLUSIVE ? EXCLUSIVE : SHARED;
    }

    /**
     * This hold after its holder acquires the resource again in {@code mode}: an exclusive hold
     * stays exclusive whatever the second mode; a shared holder's exclusive acquire is not a
     * recursion (it would wait for itself) and is taken as a new exclusive hold.
     */
    Held acquiredAgain(RuleSpec.Mode mode) {
        return switch (this) {
            case EXCLUSIVE, EXCLUSIVE_TWICE -> EXCLUSIVE_TWICE;
            case SHARED, SHARED_TWICE -> mode == RuleSpec.Mode.EXCLUSIVE ? EXCLUSIVE : SHARED_TWICE;
            case UNKNOWN -> of(mode);
        };
    }

    /** This hold after one release: the outer hold of a recursive one, else none (null). */
    Held releasedOnce() {
        return switch (this) {
            case EXCLUSIVE_TWICE -> EXCLUSIVE;
            case SHARED_TWICE -> SHARED;
            default -> null;
        };
    }

    /**
     * This hold after the holder converts it to {@code mode}, which changes every acquisition it
     * has; null if it is not exclusive (nothing to convert).
     */
    Held convertedTo(RuleSpec.Mode mode) {
        return switch (this) {
            case EXCLUSIVE -> of(mode);
            case EXCLUSIVE_TWICE -> of(mode).acquiredAgain(mode);
            default -> null;
        };
    }

    /** The mode a rule sees; null when unknown. */
    RuleSpec.Mode mode() {
        return switch (this) {
            case EXCLUSIVE, EXCLUSIVE_TWICE -> RuleSpec.Mode.EXCLUSIVE;
            case SHARED, SHARED_TWICE -> RuleSpec.Mode.SHARED;
            case UNKNOWN -> null;
        };
    }

    /** As a trace shows it: "exclusive", "shared twice", ... */
    String word() {
        return name().toLowerCase().replace('_', ' ');
    }
}
