package org.opensdv.analysis;

import java.util.List;
import org.opensdv.ir.SourceLoc;
import org.opensdv.rules.RuleSpec;

/**
 * One rule's result for a driver: the verdict, the defects (sorted by location), the routines
 * checked, and why anything was inconclusive (routine, where it is defined, and reason).
 */
public record RuleResult(RuleSpec rule, Verdict verdict, List<Defect> defects, int routinesChecked,
        List<Inconclusive> inconclusive) {

    public record Inconclusive(String routine, SourceLoc loc, String reason) {
    }
}
