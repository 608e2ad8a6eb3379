package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The path condition against every assignment of four values to four variables, under equalities
 * and order comparisons of them (a constant added, or not) with constants and with each other:
 * whatever it decides holds in every assignment its facts allow, it finds a contradiction only
 * when no assignment is left, and dropping the facts about one variable keeps only what held.
 */
class FactsOracleTest {
    private static final int VARIABLES = 4;
    private static final int VALUES = 4;
    private static final Term[] VARIABLE = new Term[VARIABLES];

    static {
        for (int i = 0; i < VARIABLES; i++) {
            VARIABLE[i] = new Term.Sym("v" + i, "V" + i, true);
        }
    }

    private static final String[] OPERATORS = {"==", "==", "<", "<=", ">", ">="};

    /**
     * "(Vleft | bits) + offset op Vright", or "(Vleft | bits) + offset op constant" when
     * {@code right} is negative (constant -right - 1), op one of {@link #OPERATORS} (equality twice
     * as likely); no bits or-ed in when {@code bits} is 0.
     */
    record Equality(int op, int left, int bits, int offset, int right) {
        Term term() {
            Term r = right >= 0 ? VARIABLE[right] : new Term.Num(-right - 1);
            Term v = bits != 0 ? new Term.Op("|", VARIABLE[left], new Term.Num(bits)) : VARIABLE[left];
            Term l = offset > 0 ? new Term.Op("+", v, new Term.Num(offset))
                    : offset < 0 ? new Term.Op("-", v, new Term.Num(-offset)) : v;
            return new Term.Op(OPERATORS[op], l, r);
        }

        boolean holdsIn(int[] values) {
            int l = (values[left] | bits) + offset;
            int r = right >= 0 ? values[right] : -right - 1;
            return switch (OPERATORS[op]) {
                case "==" -> l == r;
                case "<" -> l < r;
                case "<=" -> l <= r;
                case ">" -> l > r;
                default -> l >= r;
            };
        }

        boolean mentions(int variable) {
            return left == variable || right == variable;
        }

        @Override
        public String toString() {
            return (bits == 0 ? "V" + left : "(V" + left + " | " + bits + ")")
                    + (offset == 0 ? "" : offset > 0 ? " + " + offset : " - " + -offset) + " "
                    + OPERATORS[op] + " " + (right >= 0 ? "V" + right : String.valueOf(-right - 1));
        }
    }

    record Assumption(Equality equality, boolean holds) {
    }

    @Provide
    Arbitrary<List<Assumption>> assumptions() {
        return Combinators.combine(queries(), Arbitraries.of(true, false)).as(Assumption::new).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Equality> queries() {
        return Combinators.combine(Arbitraries.integers().between(0, OPERATORS.length - 1),
                Arbitraries.integers().between(0, VARIABLES - 1), Arbitraries.of(0, 0, 0, 0, 1, 2),
                Arbitraries.of(0, 0, 0, 1, -1, 2),
                Arbitraries.integers().between(-5, VARIABLES - 1)).as(Equality::new);
    }

    @Property(tries = 3000)
    void decisionsHoldInEveryAssignmentTheFactsAllow(@ForAll("assumptions") List<Assumption> assumptions,
            @ForAll("queries") Equality query, @ForAll("queries") Equality other) {
        Facts facts = Facts.EMPTY;
        List<int[]> allowed = everyAssignment();
        for (Assumption a : assumptions) {
            allowed.removeIf(values -> a.equality().holdsIn(values) != a.holds());
            facts = facts.assume(a.equality().term(), a.holds());
            if (facts == null) {
                assertThat(allowed).as("a contradiction found where an assignment is left").isEmpty();
                return;
            }
        }
        check(facts, allowed, query);
        check(facts, allowed, other);
        // the facts about the last variable dropped: what is left still holds where the facts did
        int gone = VARIABLES - 1;
        Facts without = facts.without(t -> t.equals(VARIABLE[gone]));
        assertThat(without.terms()).doesNotContain(VARIABLE[gone]);
        for (Equality q : List.of(query, other)) {
            if (!q.mentions(gone)) {
                check(without, allowed, q);
            }
        }
    }

    private static void check(Facts facts, List<int[]> allowed, Equality query) {
        Facts.Truth truth = facts.decide(query.term());
        if (truth == Facts.Truth.TRUE) {
            assertThat(allowed).as(query + " decided true").allMatch(query::holdsIn);
        } else if (truth == Facts.Truth.FALSE) {
            assertThat(allowed).as(query + " decided false").noneMatch(query::holdsIn);
        }
    }

    private static List<int[]> everyAssignment() {
        List<int[]> out = new ArrayList<>();
        int count = 1;
        for (int i = 0; i < VARIABLES; i++) {
            count *= VALUES;
        }
        for (int n = 0; n < count; n++) {
            int[] values = new int[VARIABLES];
            int rest = n;
            for (int i = 0; i < VARIABLES; i++) {
                values[i] = rest % VALUES;
                rest /= VALUES;
            }
            out.add(values);
        }
        return out;
    }
}
