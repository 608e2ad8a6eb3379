package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A path's steps so far, shared between the states that forked from it (a persistent list). */
record Trace(Step step, Trace previous, int length) {
    static Trace start(Step first) {
        return new Trace(first, null, 1);
    }

    Trace then(Step next) {
        return new Trace(next, this, length + 1);
    }

    List<Step> steps() {
        List<Step> out = new ArrayList<>(length);
        for (Trace t = this; t != null; t = t.previous) {
            out.add(t.step);
        }
        Collections.reverse(out);
        return out;
    }
}
