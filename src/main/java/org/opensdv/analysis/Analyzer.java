package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensdv.driver.DriverModel;
import org.opensdv.driver.Routine;
import org.opensdv.ir.Function;
import org.opensdv.ir.SourceLoc;
import org.opensdv.rules.RuleSpec;

/** Checks one rule on every routine of a driver and decides the rule's verdict. */
public final class Analyzer {
    private Analyzer() {
    }

    public static RuleResult check(DriverModel model, RuleSpec rule, Engine.Budget budget, int jobs) {
        return check(model, rule, budget, jobs, AnalysisListener.NONE);
    }

    public static RuleResult check(DriverModel model, RuleSpec rule, Engine.Budget budget, int jobs,
            AnalysisListener listener) {
        return check(model, rule, budget, jobs, listener, Long.MAX_VALUE);
    }

    /** Calls nested up to Engine.MAX_CALL_DEPTH deep recurse in the engine, a few KiB of stack each. */
    private static final long ANALYSIS_STACK_BYTES = 16L << 20;

    /**
     * As above, with a time limit for the whole run ({@link System#currentTimeMillis()} based): a
     * routine still being analysed then stops, and one not started is not analysed; both are
     * Inconclusive, named, with the reason.
     */
    public static RuleResult check(DriverModel model, RuleSpec rule, Engine.Budget budget, int jobs,
            AnalysisListener listener, long deadlineMillis) {
        Engine engine = new Engine(model, rule, budget);
        if (!engine.applies()) {
            return new RuleResult(rule, Verdict.NOT_APPLICABLE, List.of(), 0, List.of());
        }
        List<Routine> routines = model.routines().stream().filter(engine::reaches).toList();
        List<RuleResult.Inconclusive> inconclusive = new ArrayList<>();
        List<Defect> defects = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(null, r, "opensdv-analysis", ANALYSIS_STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Engine.RoutineResult>> futures = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            // the routines that reach the most code start first, so a long one does not run alone at
            // the end; results are still collected in the driver's order
            List<Integer> byReach = new ArrayList<>();
            for (int i = 0; i < routines.size(); i++) {
                byReach.add(i);
            }
            byReach.sort(Comparator.comparingInt((Integer i) -> -engine.reach(routines.get(i).function())));
            List<Future<Engine.RoutineResult>> started = new ArrayList<>();
            routines.forEach(r -> started.add(null));
            for (int i : byReach) {
                Routine r = routines.get(i);
                started.set(i, pool.submit(() -> {
                    try {
                        return engine.analyse(r, deadlineMillis);
                    } finally {
                        listener.routineDone(rule, r.name(), done.incrementAndGet(), routines.size());
                    }
                }));
            }
            futures.addAll(started);
            for (int i = 0; i < routines.size(); i++) {
                Routine r = routines.get(i);
                SourceLoc at = r.function().loc();
                Engine.RoutineResult result;
                try {
                    result = futures.get(i).get();
                } catch (ExecutionException e) {
                    inconclusive.add(new RuleResult.Inconclusive(r.name(), at, "internal error: " + e.getCause()));
                    continue;
                }
                defects.addAll(result.defects());
                if (!result.complete()) {
                    String why = result.reason().startsWith("not analysed") ? result.reason()
                            : "not fully explored: " + result.reason();
                    inconclusive.add(new RuleResult.Inconclusive(r.name(), at, why, result.cited()));
                }
                for (Function f : engine.relevantCallees(r.function())) {
                    if (f.hasProblems()) {
                        var p = f.problems().get(0);
                        inconclusive.add(new RuleResult.Inconclusive(r.name(), at, "reaches " + f.name()
                                + ", which has code the parser could not read (" + RuleResult.Inconclusive.CITED + ")",
                                new SourceLoc(p.file(), p.line(), 0, null)));
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        listener.ruleDone(rule, engine.statistics());
        defects.sort(Comparator.comparing((Defect d) -> d.loc().file()).thenComparingInt(d -> d.loc().line())
                .thenComparingInt(d -> d.loc().column()).thenComparing(Defect::kind).thenComparing(Defect::routine));
        Verdict verdict = !defects.isEmpty() ? Verdict.DEFECT
                : !inconclusive.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.PASS;
        return new RuleResult(rule, verdict, defects, routines.size(), inconclusive);
    }
}
