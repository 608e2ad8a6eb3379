package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A join drops an unknown hold that another unknown hold covers ({@code &Slot->Resource} when
 * {@code &(some slot)->Resource} is unknown too) and renames one named through a loop's value.
 * A summary whose computation joined would do that to an entry's unknown holds too, so it fits
 * only entries whose unknown holds it would change alike. Found on cdfs by auditing every reuse
 * (see {@link SummaryReuseAuditTest}): a teardown's summary kept a caller's unknown hold that a
 * fresh computation for that caller dropped.
 */
class CoveredUnknownQuestionsTest {
    private static final Term SLOT = new Term.Sym("param:Slot", "Slot", false);
    private static final Term SOME_SLOT = new Term.Sym("widened:Walk:3:Slot", "Slot (some iteration)", true);
    private static final Term SLOT_RESOURCE = resourceOf(SLOT);
    private static final Term SOME_SLOT_RESOURCE = resourceOf(SOME_SLOT);

    private static Term resourceOf(Term pointer) {
        return new Term.Addr(new Loc.Field(new Loc.Deref(pointer), "Resource"));
    }

    /**
     * The callee's own unknown hold, looked at by its join, covers one only the second entry has:
     * a fresh computation for that entry drops it.
     */
    @Test
    void anEntryUnknownHoldThatALookedAtOneCoversIsAnAnswer() {
        Engine.Questions asked = new Engine.Questions();
        asked.coveredUnknown.add(SOME_SLOT_RESOURCE);
        asked.unknownsTidied = true;

        assertThat(asked.answeredAlike(Map.of(), Map.of(), Map.of(SLOT_RESOURCE, Held.UNKNOWN), Map.of()))
                .isFalse();
        assertThat(asked.answeredAlike(Map.of(), Map.of(), Map.of(SLOT_RESOURCE, Held.EXCLUSIVE), Map.of()))
                .as("a known hold is not the join's to drop").isTrue();
    }

    /** Entry unknown holds no question names: a join still drops the covered one and renames the vague one. */
    @Test
    void whatAJoinWouldTidyOfTheEntryIsAnAnswer() {
        Engine.Questions asked = new Engine.Questions();
        asked.unknownsTidied = true;
        Map<Term, Held> tidy = Map.of(SLOT_RESOURCE, Held.EXCLUSIVE);

        assertThat(asked.answeredAlike(tidy, Map.of(), Map.of(SOME_SLOT_RESOURCE, Held.UNKNOWN), Map.of()))
                .as("renamed to its shape").isFalse();
        assertThat(asked.answeredAlike(tidy, Map.of(), Map.of(SLOT_RESOURCE, Held.UNKNOWN), Map.of()))
                .as("nothing to tidy").isTrue();

        Engine.Questions noJoin = new Engine.Questions();
        assertThat(noJoin.answeredAlike(tidy, Map.of(), Map.of(SOME_SLOT_RESOURCE, Held.UNKNOWN), Map.of()))
                .as("a computation without a join asks nothing of them").isTrue();
    }
}
