package org.opensdv.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensdv.driver.DriverModel;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;

/** Runs the whole pipeline on one driver, as `opensdv check` does. */
final class DriverCheck {
    private DriverCheck() {
    }

    static RuleResult check(Path driver, Engine.Budget budget) {
        return check(List.of(driver), budget);
    }

    static RuleResult check(List<Path> inputs, Engine.Budget budget) {
        return check(inputs, budget, AnalysisListener.NONE);
    }

    static RuleResult check(List<Path> inputs, Engine.Budget budget, AnalysisListener listener) {
        return check(inputs, budget, 2, listener);
    }

    /** On {@code jobs} threads: one analyses the routines in a fixed order. */
    static RuleResult check(List<Path> inputs, Engine.Budget budget, int jobs, AnalysisListener listener) {
        return Analyzer.check(model(inputs, jobs), rule(), budget, jobs, listener);
    }

    /** The driver model of {@code inputs}, read with no compiler options, the frontend on {@code jobs} threads. */
    static DriverModel model(List<Path> inputs, int jobs) {
        Project project = InputCollector.collect(inputs, new CompilerOptions(List.of(), Map.of()));
        return DriverModel.of(ProgramBuilder.build(project, jobs).program(), project::isOwnFile);
    }

    static RuleSpec rule() {
        return RuleCatalog.shipped().byId("ExclusiveResourceAccess").orElseThrow();
    }
}
