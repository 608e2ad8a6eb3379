package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The fresh-symbol signature of terms and locations ({@link Term#freshBits()}) only ever speeds up
 * an answer: what mentions a fresh symbol, and which ones a term holds, come out as a plain walk of
 * the term finds them. With 100 fresh symbols over 64 bits, signatures collide, so the exact check
 * behind a set bit is exercised too.
 */
class FreshSignatureTest {
    private static final List<Term> SYMBOLS = new ArrayList<>();

    static {
        for (int i = 0; i < 100; i++) {
            SYMBOLS.add(new Term.Sym("ret:f" + i, "f" + i + "(...)", true));
        }
        for (int i = 0; i < 10; i++) {
            SYMBOLS.add(new Term.Sym("param:p" + i, "p" + i, false));
        }
    }

    @Property(tries = 2000, seed = "")
    void signatureAnswersAsAPlainWalk(@ForAll long seed) {
        Random random = new Random(seed);
        Term t = term(random, 5);

        Set<Term> walked = new HashSet<>();
        Terms.mentions(t, x -> {
            if (x instanceof Term.Sym s && s.fresh()) {
                walked.add(x);
            }
            return false;
        });
        Set<Term> collected = new HashSet<>();
        Terms.collectFresh(t, collected);

        assertThat(collected).isEqualTo(walked);
        assertThat(t.freshBits() == 0).isEqualTo(walked.isEmpty());
        for (Term s : SYMBOLS) {
            assertThat(Terms.mentionsFresh(t, s)).as("%s in %s", s, t).isEqualTo(Terms.mentions(t, s::equals));
        }
        if (t instanceof Term.Addr a) {
            for (Term s : SYMBOLS) {
                assertThat(Terms.mentionsFresh(a.loc(), s)).isEqualTo(Terms.mentions(a.loc(), s::equals));
            }
        }
    }

    /** A renamer skips what lacks its names' bits; it renames exactly as a plain walk does. */
    @Property(tries = 1000, seed = "")
    void aRenamerRewritesAsAPlainWalk(@ForAll long seed) {
        Random random = new Random(seed);
        Term t = term(random, 5);
        Map<Term, Term> names = new HashMap<>();
        long[] bits = {0};
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            Term from = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            names.put(from, new Term.Sym("renamed:" + i, "r" + i, random.nextBoolean()));
            bits[0] |= from.symBits();
        }
        UnaryOperator<Term> plain = x -> names.getOrDefault(x, x);
        Terms.Renamer renamer = new Terms.Renamer() {
            @Override
            public Term apply(Term x) {
                return names.getOrDefault(x, x);
            }

            @Override
            public long bits() {
                return bits[0];
            }
        };

        assertThat(Terms.rewrite(t, renamer)).isEqualTo(Terms.rewrite(t, plain));
        boolean mentionsOne = Terms.mentions(t, names::containsKey);
        assertThat(Terms.rewrite(t, renamer) == t).isEqualTo(!mentionsOne);
    }

    private static Term term(Random random, int depth) {
        int kind = depth == 0 ? random.nextInt(2) : random.nextInt(8);
        return switch (kind) {
            case 0 -> SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            case 1 -> new Term.Num(random.nextInt(4));
            case 2 -> new Term.Op(random.nextBoolean() ? "|" : "==", term(random, depth - 1), term(random, depth - 1));
            case 3 -> new Term.Un("!", term(random, depth - 1));
            case 4 -> new Term.Addr(loc(random, depth - 1));
            case 5 -> new Term.Load(loc(random, depth - 1));
            case 6 -> Terms.deep(new Term.Op("*", term(random, depth - 1), term(random, depth - 1))); // its atoms count
            default -> new Term.Fn("Callback" + random.nextInt(3));
        };
    }

    private static Loc loc(Random random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(4);
        return switch (kind) {
            case 0 -> new Loc.Var("g", "Global" + random.nextInt(3));
            case 1 -> new Loc.Field(loc(random, depth - 1), "Resource");
            case 2 -> new Loc.Deref(term(random, depth - 1));
            default -> new Loc.Index(loc(random, depth - 1), term(random, depth - 1));
        };
    }
}
