package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Witness replays run cheapest first: a replay that confirms within a few steps is not left
 * waiting behind one that runs to the exploration's cost and confirms nothing, which under a
 * routine's time budget decided whether a defect was reported (fastfat, docs/performance.md).
 */
class CheapestFirstTest {
    /** A replay of {@code candidate} that needs {@code needs} steps to end, then confirms it or not. */
    record Replay(String name, String candidate, long needs, boolean confirms) {
    }

    private final List<String> runs = new ArrayList<>();

    private CheapestFirst.Outcome replay(Replay r, long limit) {
        runs.add(r.name() + "@" + limit);
        if (limit < r.needs()) {
            return CheapestFirst.Outcome.RAN_OUT;
        }
        return r.confirms() ? CheapestFirst.Outcome.CONFIRMED : CheapestFirst.Outcome.ENDED;
    }

    @Test
    void everyReplayIsTriedWithFewStepsBeforeAnyIsGivenMore() {
        Replay costly = new Replay("costly", "a", 1_000_000, false);
        Replay cheap = new Replay("cheap", "b", 500, true);
        Replay infeasible = new Replay("infeasible", "c", 300, false);

        CheapestFirst.replay(List.of(costly, cheap, infeasible), Replay::candidate, 10_000, 200_000, this::replay);

        assertThat(runs).containsExactly("costly@10000", "cheap@10000", "infeasible@10000", "costly@80000",
                "costly@200000");
    }

    @Test
    void aCandidateConfirmedByOneReplayIsNotReplayedAgain() {
        Replay ownPath = new Replay("own", "a", 50_000, false);
        Replay mergedWays = new Replay("merged", "a", 2_000, true);

        CheapestFirst.replay(List.of(ownPath, mergedWays), Replay::candidate, 10_000, 100_000, this::replay);

        assertThat(runs).containsExactly("own@10000", "merged@10000");
    }

    @Test
    void aReplayNeedingMoreThanTheFirstLimitIsStillConfirmedWithinTheMost() {
        Replay deep = new Replay("deep", "a", 70_000, true);
        Replay deeper = new Replay("deeper", "b", 150_000, true);

        CheapestFirst.replay(List.of(deep, deeper), Replay::candidate, 10_000, 120_000, this::replay);

        assertThat(runs).containsExactly("deep@10000", "deeper@10000", "deep@80000", "deeper@80000",
                "deeper@120000");
    }

    @Test
    void nothingIsReplayedOnceTheTimeIsUp() {
        Map<String, CheapestFirst.Outcome> outcomes = Map.of("first", CheapestFirst.Outcome.RAN_OUT, "second",
                CheapestFirst.Outcome.OUT_OF_TIME, "third", CheapestFirst.Outcome.CONFIRMED);

        CheapestFirst.replay(List.of("first", "second", "third"), name -> name, 10_000, 100_000, (name, limit) -> {
            runs.add(name + "@" + limit);
            return outcomes.get(name);
        });

        assertThat(runs).containsExactly("first@10000", "second@10000");
    }

    @Test
    void aCheapExplorationStillGivesEveryReplayTheFirstLimit() {
        Replay r = new Replay("r", "a", 1_000_000, false);

        CheapestFirst.replay(List.of(r), Replay::candidate, 10_000, 10_000, this::replay);

        assertThat(runs).containsExactly("r@10000");
    }
}
