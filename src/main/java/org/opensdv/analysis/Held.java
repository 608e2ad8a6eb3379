package org.opensdv.analysis;

import org.opensdv.rules.RuleSpec;

/** How a path holds a resource; UNKNOWN after a loop join lost track (no defect is claimed on it). */
enum Held {
    SHARED, EXCLUSIVE, UNKNOWN;

    static Held of(RuleSpec.Mode mode) {
        return mode == RuleSpec.Mode.EXCLUSIVE ? EXCLUSIVE : SHARED;
    }

    String word() {
        return name().toLowerCase();
    }
}
