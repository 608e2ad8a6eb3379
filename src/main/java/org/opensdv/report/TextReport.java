package org.opensdv.report;

import org.opensdv.analysis.Defect;
import org.opensdv.analysis.RuleResult;
import org.opensdv.analysis.Step;
import org.opensdv.frontend.SourceText;
import org.opensdv.ir.SourceLoc;

/**
 * The report for people: each defect as {@code file:line: rule kind: message}, then its numbered
 * trace with file:line and the source line; then a summary per rule.
 */
public final class TextReport {
    private TextReport() {
    }

    public static String render(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        for (RuleResult result : report.results()) {
            for (Defect d : result.defects()) {
                sb.append(where(report, d.loc())).append(": ").append(d.ruleId()).append(' ').append(d.kind())
                        .append(": ").append(d.message()).append('\n');
                int n = 1;
                for (Step s : d.trace()) {
                    String held = s.heldMode() == null ? "" : "   [" + s.resource() + ": " + s.heldMode() + "]";
                    sb.append(String.format("  %3d. %s: %s%s%n", n++, where(report, s.loc()), s.message(), held));
                    String line = sourceLine(report, s.loc());
                    if (!line.isEmpty()) {
                        sb.append("         | ").append(line).append('\n');
                    }
                }
                sb.append('\n');
            }
        }
        sb.append(summary(report));
        return sb.toString();
    }

    /** Each rule's verdict, with what was checked and anything inconclusive, a line each. */
    public static String summary(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        for (RuleResult result : report.results()) {
            sb.append(result.rule().id()).append(": ").append(result.verdict()).append(" — ")
                    .append(verdictDetail(result)).append('\n');
            for (RuleResult.Inconclusive i : result.inconclusive()) {
                sb.append("  inconclusive: ").append(i.routine()).append(": ").append(report.reason(i)).append('\n');
            }
        }
        return sb.toString();
    }

    /** What a verdict rests on: the defects and routines counted, or why there is nothing to count. */
    static String verdictDetail(RuleResult result) {
        int defects = result.defects().size();
        int routines = result.routinesChecked();
        String checked = routines + " routine" + (routines == 1 ? "" : "s") + " checked";
        return switch (result.verdict()) {
            case DEFECT -> defects + " defect" + (defects == 1 ? "" : "s") + " in " + checked;
            case PASS -> checked + ", every path explored";
            case NOT_APPLICABLE -> "the driver calls none of the rule's functions";
            case INCONCLUSIVE -> "no defect found in " + routines + " routines checked, but "
                    + result.inconclusive().size() + " could not be fully explored";
        };
    }

    private static String where(CheckReport report, SourceLoc loc) {
        return Paths.relative(loc.file(), report.base()) + ":" + loc.line();
    }

    private static String sourceLine(CheckReport report, SourceLoc loc) {
        SourceText text = report.sources().textOf(loc.file());
        return text == null ? "" : text.line(loc.line()).strip();
    }
}
