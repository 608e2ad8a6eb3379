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
        for (RuleResult result : report.results()) {
            sb.append(result.rule().id()).append(": ").append(result.verdict());
            switch (result.verdict()) {
                case DEFECT -> sb.append(" — ").append(result.defects().size()).append(" defect")
                        .append(result.defects().size() == 1 ? "" : "s").append(" in ")
                        .append(result.routinesChecked()).append(" routine").append(result.routinesChecked() == 1 ? "" : "s")
                        .append(" checked");
                case PASS -> sb.append(" — ").append(result.routinesChecked()).append(" routine")
                        .append(result.routinesChecked() == 1 ? "" : "s").append(" checked, every path explored");
                case NOT_APPLICABLE -> sb.append(" — the driver calls none of the rule's functions");
                case INCONCLUSIVE -> sb.append(" — no defect found in ").append(result.routinesChecked())
                        .append(" routines checked, but ").append(result.inconclusive().size())
                        .append(" could not be fully explored");
            }
            sb.append('\n');
            for (RuleResult.Inconclusive i : result.inconclusive()) {
                sb.append("  inconclusive: ").append(i.routine()).append(": ").append(i.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String where(CheckReport report, SourceLoc loc) {
        return Paths.relative(loc.file(), report.base()) + ":" + loc.line();
    }

    private static String sourceLine(CheckReport report, SourceLoc loc) {
        SourceText text = report.sources().textOf(loc.file());
        return text == null ? "" : text.line(loc.line()).strip();
    }
}
