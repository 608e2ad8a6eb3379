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
 * confirmed.
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

    private final Witness witness = new Witness(Trace.start(ENTER).then(ACQUIRE_VOLUME), false);

    @Test
    void aCallThatCannotLockIsMadeWhereTheWitnessMadeAnother() {
        assertThat(witness.allowsCall(NEXT_NODE, false)).isTrue();
        assertThat(witness.allowsCall(ELSEWHERE_PURE, false)).isTrue();
    }

    @Test
    void aCallThatMayLockIsMadeOnlyWhereTheWitnessMadeIt() {
        assertThat(witness.allowsCall(ACQUIRE_VOLUME, true)).isTrue();
        assertThat(witness.allowsCall(RELEASE_ALL, true)).isFalse();
        assertThat(witness.allowsCall(ELSEWHERE_LOCKS, true)).isFalse();
    }
}
