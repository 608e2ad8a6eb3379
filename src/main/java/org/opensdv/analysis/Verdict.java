package org.opensdv.analysis;

/** A rule's verdict for a run (RULES.md): never a silent Pass. */
public enum Verdict {
    DEFECT("Defect"), PASS("Pass"), NOT_APPLICABLE("NotApplicable"), INCONCLUSIVE("Inconclusive");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
