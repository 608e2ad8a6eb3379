package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensdv.ir.SourceLoc;

/**
 * A join keeps one path's trace, so a candidate's witness can take the wrong side of a test the
 * real path decides the other way: fastfat's exception filter returns "handle it" both when its
 * IRP context is absent and when it is present, the merged exit keeps the shorter path ("absent"),
 * and its callers had created the context. The paths joined into a trace travel with it, also
 * through a callee's summary put after its caller's trace, and a witness may follow them when its
 * own path shows nothing.
 */
class JoinedWitnessTest {
    private static final Step ENTER = step(Step.Kind.ENTER, "Routine", 1, "entered");
    private static final Step CALL = step(Step.Kind.CALL, "Routine", 5, "calls Filter");
    private static final Step ABSENT = step(Step.Kind.BRANCH, "Filter", 20, "Context != NULL is false");
    private static final Step PRESENT = step(Step.Kind.BRANCH, "Filter", 20, "Context != NULL is true");
    private static final Step EXPECTED = step(Step.Kind.BRANCH, "Filter", 22, "Expected(Code) is true");

    private static Step step(Step.Kind kind, String function, int line, String message) {
        return new Step(kind, new SourceLoc("filter.c", line, 1, null), function, message, null, null);
    }

    /** The filter's two ways out with one result, merged: the shorter trace kept, the other joined. */
    private static Trace mergedFilterExit() {
        Trace absent = Trace.start(CALL).then(ABSENT);
        Trace present = Trace.start(CALL).then(PRESENT).then(EXPECTED);
        return absent.joinedWith(present);
    }

    /** The routine's path into the filter, as the replay sees it at the filter's test. */
    private static Trace realPath() {
        return Trace.start(ENTER).then(CALL).then(PRESENT).then(EXPECTED);
    }

    @Test
    void aReportShowsOnlyTheKeptPath() {
        Trace witness = Trace.rebase(Trace.start(ENTER), CALL, mergedFilterExit());

        assertThat(witness.steps()).containsExactly(ENTER, CALL, ABSENT);
        assertThat(witness.withJoined(10)).hasSize(2);
    }

    @Test
    void aWitnessFollowsTheJoinedPathsOnlyWhenAskedTo() {
        Trace witness = Trace.rebase(Trace.start(ENTER), CALL, mergedFilterExit());

        assertThat(new Witness(witness, false).allows(realPath(), List.of())).isFalse();
        assertThat(new Witness(witness, true).allows(realPath(), List.of())).isTrue();
    }

    @Test
    void theJoinedPathsKeepTheirPlaceInsideTheCall() {
        // in the callee's summary the joined path starts with the call; after the caller's prefix it
        // is the caller's path into the call, then the callee's steps
        Trace prefix = Trace.start(ENTER);
        List<Trace> paths = Trace.rebase(prefix, CALL, mergedFilterExit()).withJoined(10);

        assertThat(paths.get(1).steps()).containsExactly(ENTER, CALL, PRESENT, EXPECTED);
    }

    @Test
    void aTraceKeepsAtMostAFewJoinedPathsPerStep() {
        Trace kept = Trace.start(ENTER);
        for (int i = 0; i < 10; i++) {
            kept = kept.joinedWith(Trace.start(ENTER).then(step(Step.Kind.BRANCH, "Routine", 2 + i, "x is true")));
        }

        assertThat(kept.joined()).hasSize(4);
        assertThat(kept.withJoined(3)).hasSize(3);
    }
}
