package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a path condition knows through chains of "a == b" facts: equality, inequality and constants
 * carry along them, also into terms built from them, and survive the death of a term in the chain.
 */
class FactsChainTest {
    private static final Term CURRENT = new Term.Sym("current", "Current", false);
    private static final Term LAST = new Term.Sym("last", "Last", false);
    private static final Term FCB = new Term.Sym("fcb", "Fcb", true);
    private static final Term MODE = new Term.Sym("mode", "Extension->Mode", false);

    private static Term eq(Term a, Term b) {
        return new Term.Op("==", a, b);
    }

    private static Term resourceOf(Term pointer) {
        return new Term.Addr(new Loc.Field(new Loc.Deref(pointer), "Resource"));
    }

    @Test
    void twoEqualitiesThroughAThirdTermMakeItsEndsEqual() {
        Facts facts = Facts.EMPTY.assume(eq(CURRENT, FCB), true).assume(eq(FCB, LAST), true);

        assertThat(facts.decide(eq(CURRENT, LAST))).isEqualTo(Facts.Truth.TRUE);
        assertThat(facts.provablyEqual(resourceOf(CURRENT), resourceOf(LAST))).isTrue();
        assertThat(facts.assume(eq(CURRENT, LAST), false)).isNull();
    }

    @Test
    void anInequalityAndAConstantCarryAlongTheChain() {
        Facts unequal = Facts.EMPTY.assume(eq(CURRENT, FCB), true).assume(eq(FCB, LAST), false);
        Facts constant = Facts.EMPTY.assume(eq(MODE, FCB), true).assume(eq(FCB, new Term.Num(2)), true);

        assertThat(unequal.decide(eq(CURRENT, LAST))).isEqualTo(Facts.Truth.FALSE);
        assertThat(unequal.provablyEqual(resourceOf(CURRENT), resourceOf(LAST))).isFalse();
        assertThat(constant.decide(eq(MODE, new Term.Num(2)))).isEqualTo(Facts.Truth.TRUE);
        assertThat(constant.decide(eq(MODE, new Term.Num(1)))).isEqualTo(Facts.Truth.FALSE);
    }

    @Test
    void twoChainsWithConstantsAreEqualExactlyWhenTheConstantsAre() {
        Term mask = new Term.Sym("mask", "Mask", true);
        Facts chains = Facts.EMPTY.assume(eq(CURRENT, FCB), true).assume(eq(LAST, mask), true)
                .assume(eq(FCB, new Term.Num(1)), true);

        assertThat(chains.assume(eq(mask, new Term.Num(2)), true).decide(eq(CURRENT, LAST)))
                .isEqualTo(Facts.Truth.FALSE);
        assertThat(chains.assume(eq(mask, new Term.Num(1)), true).decide(eq(CURRENT, LAST)))
                .isEqualTo(Facts.Truth.TRUE);
    }

    @Test
    void whatADeadTermLinkedIsKeptForTheTermsStillAlive() {
        Facts facts = Facts.EMPTY.assume(eq(CURRENT, FCB), true).assume(eq(FCB, LAST), true)
                .assume(eq(MODE, FCB), true);
        Facts withConstant = Facts.EMPTY.assume(eq(MODE, FCB), true).assume(eq(FCB, new Term.Num(2)), true);
        Facts withInequality = Facts.EMPTY.assume(eq(CURRENT, FCB), true).assume(eq(FCB, LAST), false);

        Facts withoutFcb = facts.without(FCB::equals);

        assertThat(withoutFcb.terms()).doesNotContain(FCB).contains(CURRENT, LAST, MODE);
        assertThat(withoutFcb.decide(eq(CURRENT, LAST))).isEqualTo(Facts.Truth.TRUE);
        assertThat(withoutFcb.decide(eq(MODE, LAST))).isEqualTo(Facts.Truth.TRUE);
        assertThat(withConstant.without(FCB::equals).decide(eq(MODE, new Term.Num(2)))).isEqualTo(Facts.Truth.TRUE);
        assertThat(withInequality.without(FCB::equals).decide(eq(CURRENT, LAST))).isEqualTo(Facts.Truth.FALSE);
    }

    @Test
    void withoutAChainNothingIsInvented() {
        Facts facts = Facts.EMPTY.assume(eq(CURRENT, FCB), true);

        assertThat(facts.decide(eq(CURRENT, LAST))).isEqualTo(Facts.Truth.UNKNOWN);
        assertThat(facts.without(FCB::equals).terms()).isEmpty();
    }
}
