package org.opensdv.cli;

/** The exit codes of the output contract (docs/architecture.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int DEFECTS = 1;
    static final int INPUT_ERROR = 2;
    static final int INCONCLUSIVE = 3;

    private ExitCodes() {
    }
}
