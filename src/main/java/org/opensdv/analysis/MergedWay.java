package org.opensdv.analysis;

/**
 * A way out of a callee that was merged with others into one (they differed only in facts), as a
 * trace keeps it: its own trace and facts, or that put after a caller's trace.
 */
sealed interface MergedWay permits Trace.Merged, Trace.Rebased {
}
