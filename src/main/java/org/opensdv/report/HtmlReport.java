package org.opensdv.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opensdv.analysis.Defect;
import org.opensdv.analysis.RuleResult;
import org.opensdv.analysis.Step;
import org.opensdv.frontend.SourceText;
import org.opensdv.ir.Problem;
import org.opensdv.project.Diagnostic;

/**
 * The defect viewer: one self-contained HTML file with each rule's verdict, the defects, and for the
 * selected defect its trace beside the source, stepped through with buttons or keys. Only files that
 * some trace passes through are embedded. The page is rendered by a Mustache template, which
 * HTML-escapes every value; the only raw insertions are our own stylesheet and script, and a
 * Content-Security-Policy admits exactly those two by hash, so nothing else on the page can run.
 */
public final class HtmlReport {
    private static final String STYLE = resource("viewer.css");
    private static final String SCRIPT = resource("viewer.js");
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("org/opensdv/report")
            .compile("viewer.html.mustache");
    /** Deeper calls are drawn at the deepest indentation the stylesheet has. */
    private static final int DEEPEST_INDENT = 6;

    record RuleView(String id, String description, String verdict, String verdictClass, String summary,
            List<InconclusiveView> inconclusive) {
    }

    record InconclusiveView(String routine, String reason) {
    }

    record StepView(int defectIndex, int number, String fileId, String stepFile, int stepLine, String stepKind,
            String stepMessage, String held, String heldClass, int depthClass) {
    }

    record DefectView(int index, String ruleId, String kind, String file, int line, String function, String routine,
            String message, String resource, List<StepView> steps) {
    }

    record LineView(int number, String text) {
    }

    record FileView(String fileId, String path, List<LineView> lines) {
    }

    private HtmlReport() {
    }

    public static String render(CheckReport report) {
        Map<String, String> fileIds = new LinkedHashMap<>();
        List<DefectView> defects = new ArrayList<>();
        for (RuleResult r : report.results()) {
            for (Defect d : r.defects()) {
                defects.add(defectView(report, d, defects.size(), fileIds));
            }
        }
        List<FileView> files = new ArrayList<>();
        fileIds.forEach((path, id) -> files.add(fileView(report, path, id)));
        List<RuleView> rules = report.results().stream().map(r -> new RuleView(r.rule().id(),
                r.rule().shortDescription(), r.verdict().toString(), r.verdict().toString().toLowerCase(Locale.ROOT),
                TextReport.verdictDetail(r), r.inconclusive().stream()
                        .map(i -> new InconclusiveView(i.routine(), report.reason(i))).toList())).toList();
        List<String> notices = notices(report);

        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", title(report, fileIds.keySet()));
        page.put("toolVersion", report.toolVersion());
        page.put("base", report.base() == null ? "" : report.base().toString());
        page.put("fileCount", report.filesRead().size());
        page.put("rules", rules);
        page.put("hasNotices", !notices.isEmpty());
        page.put("noticeCount", notices.size());
        page.put("notices", notices);
        page.put("defectCount", defects.size());
        page.put("defects", defects);
        page.put("files", files);
        page.put("style", STYLE);
        page.put("styleHash", cspHash(STYLE));
        page.put("script", SCRIPT);
        page.put("scriptHash", cspHash(SCRIPT));
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, page);
        return out.toString();
    }

    /** The folder the defects are in (their deepest common folder), else the base folder's name. */
    private static String title(CheckReport report, Collection<String> tracedFiles) {
        Path common = null;
        for (String file : tracedFiles) {
            Path folder = Path.of(file).toAbsolutePath().getParent();
            if (folder == null) {
                continue;
            }
            if (common == null) {
                common = folder;
            }
            while (common != null && !folder.startsWith(common)) {
                common = common.getParent();
            }
        }
        Path named = common != null && common.getFileName() != null ? common : report.base();
        return named == null || named.getFileName() == null ? "driver" : named.getFileName().toString();
    }

    private static DefectView defectView(CheckReport report, Defect d, int index, Map<String, String> fileIds) {
        List<String> held = TraceFacts.heldAfterEachStep(d);
        List<Integer> depths = TraceFacts.callDepths(d);
        List<StepView> steps = new ArrayList<>();
        for (int i = 0; i < d.trace().size(); i++) {
            Step s = d.trace().get(i);
            String fileId = fileIds.computeIfAbsent(s.loc().file(), f -> "f" + fileIds.size());
            steps.add(new StepView(index, i + 1, fileId, Paths.relative(s.loc().file(), report.base()), s.loc().line(),
                    s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), s.message(), held.get(i),
                    held.get(i).split(" ")[0], Math.min(DEEPEST_INDENT, depths.get(i))));
        }
        return new DefectView(index, d.ruleId(), d.kind(), Paths.relative(d.loc().file(), report.base()), d.loc().line(),
                d.function(), d.routine(), d.message(), d.resource(), steps);
    }

    private static FileView fileView(CheckReport report, String path, String id) {
        SourceText text = report.sources().textOf(path);
        List<LineView> lines = new ArrayList<>();
        if (text != null) {
            for (int n = 1; n <= text.lineCount(); n++) {
                lines.add(new LineView(n, text.line(n)));
            }
        }
        return new FileView(id, Paths.relative(path, report.base()), lines);
    }

    private static List<String> notices(CheckReport report) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) {
            out.add(Paths.relative(d.file(), report.base()) + (d.line() > 0 ? ":" + d.line() : "") + ": "
                    + d.severity().name().toLowerCase(Locale.ROOT) + ": " + d.message());
        }
        for (Problem p : report.frontend().problems()) {
            out.add(Paths.relative(p.file(), report.base()) + ":" + p.line() + ": the parser could not read this"
                    + (p.function() == null ? "" : " (in " + p.function() + ")") + ": " + p.message());
        }
        for (var inc : report.frontend().unresolvedIncludes()) {
            out.add(Paths.relative(inc.file(), report.base()) + ":" + inc.line() + ": include not found: " + inc.name());
        }
        return out;
    }

    private static String cspHash(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
