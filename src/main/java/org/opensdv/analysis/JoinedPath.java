package org.opensdv.analysis;

/** A path joined into a trace: a trace, or a callee's trace to be put after its caller's. */
sealed interface JoinedPath permits Trace, Trace.Rebased, Trace.Merged {
}
