package org.opensdv.analysis;

import java.util.List;
import org.opensdv.rules.RuleSpec;

/**
 * One rule's result for a driver: the verdict, the defects (sorted by location), the routines
 * checked, and why anything was inconclusive (routine and reason).
 */
public record RuleResult(RuleSpec rule, Verdict verdict, List<Defect> defects, int routinesChecked,
        List<Inconclusive> inconclusive) {

    public record Inconclusive(String routine, String reason) {
    }
}
