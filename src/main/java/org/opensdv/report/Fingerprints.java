package org.opensdv.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.opensdv.analysis.Defect;
import org.opensdv.frontend.SourceText;

/**
 * A defect's identity across runs and across edits that only shift lines: rule, kind, file, the
 * enclosing function, the routine, the resource and the reported source line's text (not its number).
 */
final class Fingerprints {
    private Fingerprints() {
    }

    static String of(Defect d, CheckReport report) {
        SourceText text = report.sources().textOf(d.loc().file());
        String line = text == null ? "" : text.line(d.loc().line()).strip();
        String identity = String.join("\u0000", d.ruleId(), d.kind(), Paths.relative(d.loc().file(), report.base()),
                d.function(), d.routine(), d.resource(), line);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
