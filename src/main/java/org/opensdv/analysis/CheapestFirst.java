package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order of a routine's witness replays ({@code Engine.replayWitnesses}). A replay that
 * confirms its candidate follows one path and costs little; one that finds no path like its
 * witness may cost as much as the exploration that found the candidate. Run in the order the
 * candidates were found, the costly ones would use up a routine's time before the cheap ones are
 * tried, so every replay first gets a small step limit, and only those that ran out of it are run
 * again with eight times as many steps, and so on up to the most a replay may take.
 */
final class CheapestFirst {
    enum Outcome {
        /** The replay showed its candidate on a real path. */
        CONFIRMED,
        /** The replay stopped at its step limit without showing the candidate. */
        RAN_OUT,
        /** The replay ended (or stopped for another reason) without showing the candidate. */
        ENDED,
        /** The routine's time is up: nothing more is replayed. */
        OUT_OF_TIME
    }

    /** Runs one replay within a step limit. */
    interface Replayer<T> {
        Outcome replay(T replay, long stepLimit);
    }

    private CheapestFirst() {
    }

    /**
     * Runs {@code replays} with {@code firstLimit} steps each, then those that ran out with eight
     * times as many, up to {@code mostLimit}. A replay is not run once its candidate (several
     * replays may share one) is confirmed.
     */
    static <T> void replay(List<T> replays, Function<T, ?> candidate, long firstLimit, long mostLimit,
            Replayer<T> replayer) {
        Set<Object> confirmed = new HashSet<>();
        List<T> pending = replays;
        for (long limit = Math.min(firstLimit, mostLimit); !pending.isEmpty(); limit = Math.min(mostLimit, limit * 8)) {
            List<T> ranOut = new ArrayList<>();
            for (T r : pending) {
                if (confirmed.contains(candidate.apply(r))) {
                    continue;
                }
                switch (replayer.replay(r, limit)) {
                    case CONFIRMED -> confirmed.add(candidate.apply(r));
                    case RAN_OUT -> ranOut.add(r);
                    case ENDED -> {
                    }
                    case OUT_OF_TIME -> {
                        return;
                    }
                }
            }
            if (limit == mostLimit) {
                return;
            }
            pending = ranOut;
        }
    }
}
