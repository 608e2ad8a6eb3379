package org.opensdv.cli;

import java.io.PrintWriter;
import org.opensdv.analysis.AnalysisListener;
import org.opensdv.rules.RuleSpec;

/**
 * A one-line progress bar redrawn in place on a terminal's stderr: the phase, a bar, routines done
 * of all, and the routine that just finished. Redraws at most every 100 ms; {@link #finish} erases it
 * so that nothing of it stays in the terminal.
 */
final class ProgressBar implements AnalysisListener {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final String ERASE_LINE = "\r\u001b[K";

    private final PrintWriter err;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    synchronized void phase(String text) {
        draw(text);
    }

    @Override
    public synchronized void routineDone(RuleSpec rule, String routine, int done, int total) {
        long now = System.nanoTime();
        if (done < total && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        draw(rule.id() + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + " routines  " + routine);
    }

    synchronized void finish() {
        if (drawn) {
            err.print(ERASE_LINE);
            err.flush();
            drawn = false;
        }
    }

    private void draw(String line) {
        err.print(ERASE_LINE + (line.length() > 100 ? line.substring(0, 100) : line));
        err.flush();
        drawn = true;
    }
}
