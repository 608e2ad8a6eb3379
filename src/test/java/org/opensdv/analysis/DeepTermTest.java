package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An expression too deep to keep ({@link Terms#deep}) stays a function of what it was computed
 * from: renaming one of its atoms (a callee's name for its argument renamed back into a caller, a
 * fresh value retired) gives the value the same expression has over the new atom.
 */
class DeepTermTest {
    private static final Term KEY = new Term.Sym("in:0", "Key", true);
    private static final Term SEED = new Term.Load(new Loc.Field(new Loc.Deref(new Term.Sym("param:Table", "Table", false)), "Seed"));
    private static final Term FIRST_KEY = new Term.Sym("ret:DhKeyOfName@1", "DhKeyOfName(...)", true);
    private static final Term SECOND_KEY = new Term.Sym("ret:DhKeyOfName@2", "DhKeyOfName(...)", true);

    /** {@code key ^ seed} multiplied by 31 until the expression is too deep to keep. */
    private static Term hash(Term key) {
        Term h = Terms.fold("^", key, SEED);
        for (int round = 0; !Terms.isDeep(h); round++) {
            assertThat(round).isLessThanOrEqualTo(Term.MAX_DEPTH);
            h = Terms.fold("*", h, new Term.Num(31));
        }
        return h;
    }

    @Test
    void tooDeepAnExpressionBecomesAnUnknownOverItsAtoms() {
        Term h = hash(KEY);

        assertThat(((Term.Sym) h).atoms()).containsExactly(KEY, SEED);
        assertThat(((Term.Sym) h).id()).contains("(#0 ^ #1) * 31");
        assertThat(Terms.mentionsFresh(h, KEY)).isTrue();
        Set<Term> fresh = new HashSet<>();
        Terms.collectFresh(h, fresh);
        assertThat(fresh).containsExactly(KEY);
    }

    @Test
    void theSameExpressionOverTheSameAtomsIsOneValue() {
        assertThat(hash(FIRST_KEY)).isEqualTo(hash(FIRST_KEY)).hasSameHashCodeAs(hash(FIRST_KEY));
        assertThat(hash(FIRST_KEY)).isNotEqualTo(hash(SECOND_KEY));
    }

    @Test
    void renamingAnAtomGivesTheValueOverTheNewAtom() {
        Term inCallee = hash(KEY);
        Term first = Terms.rewrite(inCallee, t -> t.equals(KEY) ? FIRST_KEY : t);
        Term second = Terms.rewrite(inCallee, t -> t.equals(KEY) ? SECOND_KEY : t);

        assertThat(first).isEqualTo(hash(FIRST_KEY));
        assertThat(second).isEqualTo(hash(SECOND_KEY));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aRenamerReachesTheAtomsThroughTheValuesBits() {
        Map<Term, Term> named = Map.of(KEY, FIRST_KEY);
        Terms.Renamer renamer = new Terms.Renamer() {
            @Override
            public Term apply(Term t) {
                return named.getOrDefault(t, t);
            }

            @Override
            public long bits() {
                return KEY.symBits(); // only the atom's bit: the deep value must carry it
            }
        };

        assertThat(Terms.rewrite(hash(KEY), renamer)).isEqualTo(hash(FIRST_KEY));
    }

    @Test
    void aDeepValueOverAJoinsUnknownMayBeAnyValue() {
        Term widened = new Term.Sym("widened:loop:i", "i (some iteration)", true);

        assertThat(Terms.mayUnify(hash(widened), hash(FIRST_KEY))).isTrue();
        assertThat(Terms.mayUnify(hash(SECOND_KEY), hash(FIRST_KEY))).isFalse();
    }
}
