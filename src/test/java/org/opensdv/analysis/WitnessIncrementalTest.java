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
import org.opensdv.ir.SourceLoc;

/**
 * A replay checks each path against its witness from the last node it allowed on (the paths of an
 * exploration share their prefixes), not from the start at every block. Whatever order the paths
 * grow in, each answer must be the one a witness that has checked nothing gives.
 */
class WitnessIncrementalTest {
    /** One step of a path or witness: a branch at one of four lines either way, a call or a return. */
    private static Step step(int code) {
        int kind = code % 4;
        int line = code / 4 % 4 + 1;
        return switch (kind) {
            case 0 -> new Step(Step.Kind.BRANCH, at(line), "F", "c" + line + " is true", null, null);
            case 1 -> new Step(Step.Kind.BRANCH, at(line), "F", "c" + line + " is false", null, null);
            case 2 -> new Step(Step.Kind.CALL, at(10 + line % 2), "F", "calls G" + line % 2, null, null);
            default -> new Step(Step.Kind.RETURN, at(10 + line % 2), "F", "G" + line % 2 + " returns", null, null);
        };
    }

    private static SourceLoc at(int line) {
        return new SourceLoc("w.c", line, 1, null);
    }

    /** A witness, and paths grown one step at a time, each from an earlier path (index) or the start (-1). */
    record Case(List<Integer> witness, boolean fromCall, List<List<Integer>> growth) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Integer>> witness = Arbitraries.integers().between(0, 15).list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<List<Integer>> grow = Arbitraries.integers().between(-1, 40).list().ofSize(2);
        return Combinators.combine(witness, Arbitraries.of(true, false), grow.list().ofMinSize(1).ofMaxSize(40))
                .as(Case::new);
    }

    @Property(tries = 300)
    void answersFromWhereAPathWasLastAllowedAreThoseOfAFreshCheck(@ForAll("cases") Case c) {
        Step first = c.fromCall() ? new Step(Step.Kind.CALL, at(20), "Caller", "calls F", null, null)
                : new Step(Step.Kind.ENTER, at(1), "F", "entered", null, null);
        Trace witnessTrace = Trace.start(first);
        for (int code : c.witness()) {
            witnessTrace = witnessTrace.then(step(code));
        }
        List<Step> calls = c.fromCall() ? List.of(first) : List.of();
        Witness incremental = new Witness(witnessTrace, false, 0);
        List<Trace> paths = new ArrayList<>();
        for (List<Integer> g : c.growth()) {
            int from = g.get(0);
            Trace base = from < 0 || paths.isEmpty() ? Trace.start(first) : paths.get(from % paths.size());
            Trace grown = base.then(step(g.get(1)));
            paths.add(grown);
            Witness fresh = new Witness(witnessTrace, false, 0);
            assertThat(incremental.allows(grown, calls)).as("path %s", grown.steps())
                    .isEqualTo(fresh.allows(grown, calls));
            // a call the witness never made: allowed only once the path has made the one it ends in
            Step elsewhere = new Step(Step.Kind.CALL, at(30), "F", "calls H", null, null);
            assertThat(incremental.allowsCall(elsewhere, true, grown)).as("call on path %s", grown.steps())
                    .isEqualTo(fresh.allowsCall(elsewhere, true, grown));
        }
    }
}
