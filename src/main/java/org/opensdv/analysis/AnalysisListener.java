package org.opensdv.analysis;

import java.util.function.BiConsumer;
import org.opensdv.rules.RuleSpec;

/**
 * Told as the analysis of each routine ends, so a user interface can show progress. Called from the
 * analysis threads, possibly at the same time; {@code done} counts finished routines of this rule.
 */
public interface AnalysisListener {
    AnalysisListener NONE = (rule, routine, done, total) -> { };

    void routineDone(RuleSpec rule, String routine, int done, int total);

    /** Told once a rule's analysis is over, with what it did (the benchmark reports it). */
    default void ruleDone(RuleSpec rule, Engine.Statistics statistics) {
    }

    /** A listener told only when each rule is done. */
    static AnalysisListener whenRuleDone(BiConsumer<RuleSpec, Engine.Statistics> action) {
        return new AnalysisListener() {
            @Override
            public void routineDone(RuleSpec rule, String routine, int done, int total) {
            }

            @Override
            public void ruleDone(RuleSpec rule, Engine.Statistics statistics) {
                action.accept(rule, statistics);
            }
        };
    }
}
