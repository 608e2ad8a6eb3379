package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensdv.ir.SourceLoc;

/**
 * A callee's ways out that differ only in facts are merged into one, which used to keep the
 * shorter way's trace: fastfat's exception filter returns "handle it" both when its IRP context
 * is absent and when it is present, and its callers, which had created the context, showed (and
 * their witnesses followed) the way where it is absent. The merged ways keep their traces and
 * facts: a caller shows one its own path agrees with, and a witness may follow any.
 */
class MergedWaysTest {
    private static final Term CONTEXT = new Term.Sym("param:IrpContext", "IrpContext", false);
    private static final Term PRESENT_TERM = new Term.Op("!=", CONTEXT, new Term.Num(0));
    private static final Facts ABSENT_FACTS = Facts.EMPTY.assume(PRESENT_TERM, false);
    private static final Facts PRESENT_FACTS = Facts.EMPTY.assume(PRESENT_TERM, true);

    private static final Step ENTER = step(Step.Kind.ENTER, "Routine", 1, "entered");
    private static final Step CALL = step(Step.Kind.CALL, "Routine", 5, "calls Filter");
    private static final Step ABSENT = step(Step.Kind.BRANCH, "Filter", 20, "IrpContext != NULL is false");
    private static final Step PRESENT = step(Step.Kind.BRANCH, "Filter", 20, "IrpContext != NULL is true");
    private static final Step EXPECTED = step(Step.Kind.BRANCH, "Filter", 22, "Expected(Code) is true");

    private static Step step(Step.Kind kind, String function, int line, String message) {
        return new Step(kind, new SourceLoc("filter.c", line, 1, null), function, message, null, null);
    }

    /** The filter's two ways out with one result, merged, the shorter first. */
    private static Trace mergedFilterExit() {
        Trace absent = Trace.start(CALL).then(ABSENT);
        Trace present = Trace.start(CALL).then(PRESENT).then(EXPECTED);
        return Trace.merged(List.of(new Trace.Merged(absent, ABSENT_FACTS), new Trace.Merged(present, PRESENT_FACTS)));
    }

    /** The routine's path into the filter, as a replay sees it at the filter's test. */
    private static Trace realPath() {
        return Trace.start(ENTER).then(CALL).then(PRESENT).then(EXPECTED);
    }

    @Test
    void aCallerShowsAWayOutItsOwnPathAgreesWith() {
        Facts callerKnows = PRESENT_FACTS; // it created the context
        Trace shown = mergedFilterExit().shownWhere(f -> callerKnows.and(f) != null);

        assertThat(Trace.rebase(Trace.start(ENTER), CALL, shown).steps())
                .containsExactly(ENTER, CALL, PRESENT, EXPECTED);
        assertThat(mergedFilterExit().shownWhere(f -> true).steps()).containsExactly(CALL, ABSENT);
    }

    @Test
    void aWitnessFollowsTheMergedWaysOnlyWhenAskedTo() {
        Trace witness = Trace.rebase(Trace.start(ENTER), CALL, mergedFilterExit());

        assertThat(witness.steps()).containsExactly(ENTER, CALL, ABSENT);
        assertThat(new Witness(witness, false, 0).allows(realPath(), List.of())).isFalse();
        assertThat(new Witness(witness, true, 0).allows(realPath(), List.of())).isTrue();
    }

    @Test
    void theMergedWaysKeepTheirPlaceAfterTheCaller() {
        // in the callee's summary a way starts with the call; after the caller's trace it is the
        // caller's path into the call, then the callee's steps
        List<Trace> paths = Trace.rebase(Trace.start(ENTER), CALL, mergedFilterExit()).withMergedWays(10);

        assertThat(paths).extracting(Trace::steps).contains(List.of(ENTER, CALL, PRESENT, EXPECTED));
    }

    @Test
    void mergingMergedWaysKeepsEachWayOnceAndAtMostEight() {
        List<Trace.Merged> ways = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Trace way = Trace.start(CALL).then(step(Step.Kind.BRANCH, "Filter", 30 + i, "x is true"));
            ways.addAll(way.ways(Facts.EMPTY));
        }
        Trace merged = Trace.merged(ways);
        Trace mergedAgain = Trace.merged(merged.ways(Facts.EMPTY));

        assertThat(merged.ways(Facts.EMPTY)).hasSize(8);
        assertThat(mergedAgain.ways(Facts.EMPTY)).isEqualTo(merged.ways(Facts.EMPTY));
    }
}
