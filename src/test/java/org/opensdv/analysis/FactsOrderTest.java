package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a path condition knows from comparing a value with constants: the range it leaves the
 * value, whichever way round each comparison is written, and the value itself when the range
 * holds one (a loop up to a count that ran once, then one down from it).
 */
class FactsOrderTest {
    private static final Term COUNT = new Term.Load(new Loc.Field(new Loc.Deref(
            new Term.Sym("param:Device", "Device", false)), "SlotCount"));

    private static Term compare(Term a, String op, Term b) {
        return Terms.fold(op, a, b);
    }

    private static Term num(long k) {
        return new Term.Num(k);
    }

    @Test
    void aComparisonReadsTheSameWrittenEitherWayRound() {
        Facts facts = Facts.EMPTY.assume(compare(num(0), "<", COUNT), false);

        assertThat(facts.decide(compare(COUNT, ">", num(0)))).isEqualTo(Facts.Truth.FALSE);
        assertThat(facts.decide(compare(COUNT, "<=", num(0)))).isEqualTo(Facts.Truth.TRUE);
    }

    @Test
    void aRangeOfOneValueMakesTheValueKnown() {
        Facts facts = Facts.EMPTY.assume(compare(num(0), "<", COUNT), true)
                .assume(compare(num(1), "<", COUNT), false);

        assertThat(facts.decide(new Term.Op("==", COUNT, num(1)))).isEqualTo(Facts.Truth.TRUE);
        assertThat(facts.simplify(Terms.fold("-", COUNT, num(1)))).isEqualTo(num(0));
    }

    @Test
    void constantsKnownUnequalNarrowTheRange() {
        Facts facts = Facts.EMPTY.assume(compare(COUNT, "<", num(3)), true)
                .assume(compare(COUNT, ">=", num(0)), true)
                .assume(new Term.Op("==", COUNT, num(2)), false)
                .assume(new Term.Op("==", COUNT, num(0)), false);

        assertThat(facts.simplify(COUNT)).isEqualTo(num(1));
    }

    @Test
    void disjointRangesContradict() {
        Facts facts = Facts.EMPTY.assume(compare(COUNT, "<", num(2)), true);

        assertThat(facts.assume(compare(COUNT, ">", num(3)), true)).isNull();
        assertThat(facts.decide(compare(COUNT, "<=", num(5)))).isEqualTo(Facts.Truth.TRUE);
        assertThat(facts.decide(new Term.Op("==", COUNT, num(4)))).isEqualTo(Facts.Truth.FALSE);
        assertThat(facts.decide(compare(COUNT, "<", num(1)))).isEqualTo(Facts.Truth.UNKNOWN);
    }
    @Test
    void aConstantAddedToOrOredIntoAValueMovesItsRange() {
        Facts facts = Facts.EMPTY.assume(compare(num(2), "<=", COUNT), true);

        // fold would move the constant across the comparison: these are built as a join leaves them
        assertThat(facts.decide(new Term.Op("<", num(0), new Term.Op("|", COUNT, num(2)))))
                .isEqualTo(Facts.Truth.TRUE);
        assertThat(facts.decide(new Term.Op("<", num(1), new Term.Op("-", COUNT, num(1)))))
                .isEqualTo(Facts.Truth.UNKNOWN);
        assertThat(facts.decide(new Term.Op("<=", num(1), new Term.Op("-", COUNT, num(1)))))
                .isEqualTo(Facts.Truth.TRUE);
        assertThat(facts.decide(new Term.Op("<", new Term.Op("-", num(2), COUNT), num(1))))
                .isEqualTo(Facts.Truth.TRUE);
    }

    @Test
    void bitsOredIntoAValueThatMayBeNegativeSayNothingOfItsOrder() {
        Facts facts = Facts.EMPTY.assume(compare(COUNT, "<", num(8)), true);

        assertThat(facts.decide(new Term.Op("<", num(0), new Term.Op("|", COUNT, num(2)))))
                .isEqualTo(Facts.Truth.UNKNOWN);
    }
}
