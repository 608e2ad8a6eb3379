package org.opensdv.report;

import java.nio.file.Path;
import java.util.List;
import org.opensdv.analysis.RuleResult;
import org.opensdv.analysis.Verdict;
import org.opensdv.frontend.Prelude;
import org.opensdv.frontend.SourceCache;
import org.opensdv.project.Diagnostic;

/**
 * Everything a check run produced, for the text, SARIF and HTML writers: the rule results, what the
 * frontend could not read (input diagnostics, parse problems, unresolved includes), the files read
 * and the folder that reported paths are relative to.
 */
public record CheckReport(List<RuleResult> results, ParseReport frontend, SourceCache sources, Path base,
        String toolVersion) {

    public List<Diagnostic> diagnostics() {
        return frontend.diagnostics();
    }

    /** The driver's files and headers whose text was read, without OpenSDV's own prelude. */
    public List<String> filesRead() {
        return sources.readPaths().stream().filter(p -> !Prelude.isPreludePath(p)).toList();
    }

    public boolean hasDefects() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.DEFECT);
    }

    /** Why a routine is inconclusive, naming the place it cites as the report names files. */
    public String reason(RuleResult.Inconclusive inconclusive) {
        return inconclusive.reason(file -> Paths.relative(file, base));
    }

    public boolean hasInconclusive() {
        return results.stream().anyMatch(r -> !r.inconclusive().isEmpty());
    }
}
