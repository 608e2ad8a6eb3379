package org.opensdv.analysis;

import java.util.List;
import java.util.function.UnaryOperator;
import org.opensdv.ir.SourceLoc;
import org.opensdv.rules.RuleSpec;

/**
 * One rule's result for a driver: the verdict, the defects (sorted by location), the routines
 * checked, and why anything was inconclusive (routine, where it is defined, and reason).
 */
public record RuleResult(RuleSpec rule, Verdict verdict, List<Defect> defects, int routinesChecked,
        List<Inconclusive> inconclusive) {

    /**
     * A routine not decided: where it is defined, why, and the place the reason cites (the open
     * candidate defect, the code the parser could not read), or null. {@code why} names the cited
     * place as {@link #CITED}, so that each report writes it as it names files.
     */
    public record Inconclusive(String routine, SourceLoc loc, String why, SourceLoc cited) {
        /** Where {@code why} names {@code cited}. */
        public static final String CITED = "{cited}";

        public Inconclusive(String routine, SourceLoc loc, String why) {
            this(routine, loc, why, null);
        }

        /** Why, with the cited place as {@code fileName} names its file, and its line. */
        public String reason(UnaryOperator<String> fileName) {
            return cited == null ? why : why.replace(CITED, fileName.apply(cited.file()) + ":" + cited.line());
        }
    }
}
