package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opensdv.ir.SourceLoc;

/**
 * A replay makes the calls its witness made and, anywhere, calls that cannot acquire or release.
 * One place can make several calls: a macro's expansion is at its call site, so fastfat's
 * {@code FatAcquireExclusiveVolume(...)} acquires the volume and then walks its FCBs with
 * {@code FatGetNextFcbBottomUp}, both at one line and column. A replay used to refuse the walk
 * there because the witness had made the acquire at that place, and its candidate could never be
 * confirmed. Past where the witness ends, any call is made: a defect inside a callee is confirmed
 * when the callee returns, and the witness, which ends at the defect, does not show what the
 * callee locks after it (fastfat's resrcsup.c:70 inside {@code FatInvalidateVolumes}, whose walks
 * follow the second acquire).
 */
class WitnessCallsTest {
    private static final Step ENTER = step(Step.Kind.ENTER, 1, "entered");
    private static final Step ACQUIRE_VOLUME = step(Step.Kind.CALL, 10, "calls AcquireVolume");
    private static final Step NEXT_NODE = step(Step.Kind.CALL, 10, "calls NextNode");
    private static final Step RELEASE_ALL = step(Step.Kind.CALL, 10, "calls ReleaseAll");
    private static final Step ELSEWHERE_LOCKS = step(Step.Kind.CALL, 12, "calls AcquireVolume");
    private static final Step ELSEWHERE_PURE = step(Step.Kind.CALL, 12, "calls NextNode");

    private static Step step(Step.Kind kind, int line, String message) {
        return new Step(kind, new SourceLoc("walk.c", line, 5, null), "Routine", message, null, null);
    }

    /** A path at the witness's first step. */
    private static final Trace BEFORE = Trace.start(ENTER);

    private final Witness witness = new Witness(Trace.start(ENTER).then(ACQUIRE_VOLUME), false, 0);

    @Test
    void aCallThatCannotLockIsMadeWhereTheWitnessMadeAnother() {
        assertThat(witness.allowsCall(NEXT_NODE, false, BEFORE)).isTrue();
        assertThat(witness.allowsCall(ELSEWHERE_PURE, false, BEFORE)).isTrue();
    }

    @Test
    void aCallThatMayLockIsMadeOnlyWhereTheWitnessMadeIt() {
        assertThat(witness.allowsCall(ACQUIRE_VOLUME, true, BEFORE)).isTrue();
        assertThat(witness.allowsCall(RELEASE_ALL, true, BEFORE)).isFalse();
        assertThat(witness.allowsCall(ELSEWHERE_LOCKS, true, BEFORE)).isFalse();
    }

    @Test
    void pastWhereTheWitnessEndsAnyCallIsMade() {
        // the witness ends at the call its defect is in; a path that has made that call goes on
        // to the callee's return, locking as it must, where the defect is confirmed
        Trace past = Trace.start(ENTER).then(ACQUIRE_VOLUME);

        assertThat(witness.allowsCall(RELEASE_ALL, true, past)).isTrue();
        assertThat(witness.allowsCall(ELSEWHERE_LOCKS, true, past)).isTrue();
    }

    @Test
    void aPathStaysPastTheWitnessEndAfterFurtherSteps() {
        Step later = step(Step.Kind.BRANCH, 11, "Status == STATUS_SUCCESS is true");
        Trace farPast = Trace.start(ENTER).then(ACQUIRE_VOLUME).then(later).then(NEXT_NODE);

        assertThat(witness.allowsCall(RELEASE_ALL, true, farPast)).isTrue();
    }

    @Test
    void aWitnessEndingOutsideACallOpensNoCalls() {
        // a return holding a resource: the witness ends where the defect is, in the routine itself;
        // letting every call through after a step of it made such replays too costly to confirm
        Step exitTest = step(Step.Kind.BRANCH, 11, "Status == STATUS_SUCCESS is true");
        Witness atExit = new Witness(Trace.start(ENTER).then(ACQUIRE_VOLUME).then(exitTest), false, 0);
        Trace past = Trace.start(ENTER).then(ACQUIRE_VOLUME).then(exitTest);

        assertThat(atExit.allowsCall(RELEASE_ALL, true, past)).isFalse();
    }
}
