package org.opensdv.report;

import java.nio.file.Path;
import java.util.List;
import org.opensdv.analysis.RuleResult;
import org.opensdv.analysis.Verdict;
import org.opensdv.frontend.SourceCache;
import org.opensdv.project.Diagnostic;

/** Everything a check run produced, for the text, SARIF and HTML writers. */
public record CheckReport(List<RuleResult> results, List<Diagnostic> diagnostics, SourceCache sources, Path base,
        String toolVersion) {

    public boolean hasDefects() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.DEFECT);
    }

    public boolean hasInconclusive() {
        return results.stream().anyMatch(r -> !r.inconclusive().isEmpty());
    }
}
