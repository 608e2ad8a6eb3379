package org.opensdv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensdv.analysis.Defect;
import org.opensdv.analysis.RuleResult;
import org.opensdv.analysis.Step;
import org.opensdv.ir.Problem;
import org.opensdv.ir.SourceLoc;
import org.opensdv.project.Diagnostic;
import org.opensdv.rules.RuleSpec;

/**
 * SARIF 2.1.0 for code-scanning services and editors: one rule descriptor per rule (its metadata and
 * help come from the rule's spec and docs), one result per defect with its trace as a code flow, the
 * held mode of the resource at every step, fingerprints that survive line shifts, the files read,
 * what the frontend could not read as tool notifications, and the verdict per rule.
 * Files below the report's base folder are named relative to {@code %SRCROOT%}.
 */
public final class SarifReport {
    public static final String INFORMATION_URI = "https://github.com/opensdv/opensdv";
    private static final String SRCROOT = "%SRCROOT%";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    public static String render(CheckReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "OpenSDV");
        driver.put("version", report.toolVersion());
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleResult r : report.results()) {
            ruleIndex.put(r.rule().id(), ruleIndex.size());
            rules.add(ruleDescriptor(r.rule()));
        }
        run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", baseUri(report.base()));
        ArrayNode artifacts = run.putArray("artifacts");
        for (String file : report.filesRead()) {
            ObjectNode artifact = artifacts.addObject();
            artifact.set("location", artifactLocation(report, file));
            artifact.put("sourceLanguage", "c");
        }
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        for (RuleResult r : report.results()) {
            for (Defect d : r.defects()) {
                results.add(result(report, d, r.rule(), ruleIndex.get(d.ruleId())));
            }
        }
        ObjectNode verdicts = run.putObject("properties").putObject("opensdv/verdicts");
        for (RuleResult r : report.results()) {
            verdicts.put(r.rule().id(), r.verdict().toString());
        }
        run.set("invocations", JSON.createArrayNode().add(invocation(report)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode ruleDescriptor(RuleSpec rule) {
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("id", rule.id());
        descriptor.put("name", rule.id());
        descriptor.putObject("shortDescription").put("text", rule.shortDescription());
        descriptor.putObject("fullDescription").put("text", rule.metadata().fullDescription());
        if (!rule.helpText().isEmpty()) {
            ObjectNode help = descriptor.putObject("help");
            help.put("text", rule.helpText());
            help.put("markdown", rule.helpText());
        }
        descriptor.put("helpUri", INFORMATION_URI + "/blob/main/docs/rules/" + rule.help());
        descriptor.putObject("defaultConfiguration").put("level", rule.metadata().level());
        ObjectNode props = descriptor.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        rule.metadata().tags().forEach(tags::add);
        props.put("precision", rule.metadata().precision());
        ArrayNode kinds = props.putArray("opensdv/kinds");
        rule.kinds().forEach(kinds::add);
        return descriptor;
    }

    private static ObjectNode result(CheckReport report, Defect d, RuleSpec rule, int ruleIndex) {
        ObjectNode res = JSON.createObjectNode();
        res.put("ruleId", d.ruleId());
        res.put("ruleIndex", ruleIndex);
        res.put("level", rule.metadata().level());
        res.putObject("message").put("text", d.message());
        res.putArray("locations").add(location(report, d.loc(), d.function(), null));
        TraceFacts.Related related = TraceFacts.related(d);
        if (related != null) {
            ObjectNode rel = location(report, related.loc(), null, related.message());
            rel.put("id", 1);
            res.putArray("relatedLocations").add(rel);
        }
        List<String> held = TraceFacts.heldAfterEachStep(d);
        List<Integer> depths = TraceFacts.callDepths(d);
        ArrayNode steps = res.putArray("codeFlows").addObject().putArray("threadFlows").addObject()
                .putArray("locations");
        for (int i = 0; i < d.trace().size(); i++) {
            Step s = d.trace().get(i);
            ObjectNode step = steps.addObject();
            step.set("location", location(report, s.loc(), s.function(), s.message()));
            step.putArray("kinds").add(s.kind().name().toLowerCase().replace('_', '-'));
            step.putObject("state").putObject(d.resource()).put("text", held.get(i));
            step.put("nestingLevel", depths.get(i));
            step.put("executionOrder", i + 1);
            step.put("importance", s.resource() != null || s.kind() == Step.Kind.VIOLATION ? "essential" : "important");
        }
        ObjectNode props = res.putObject("properties");
        props.put("kind", d.kind());
        props.put("routine", d.routine());
        props.put("resource", d.resource());
        res.putObject("partialFingerprints").put("opensdv/v1", Fingerprints.of(d, report));
        return res;
    }

    private static ObjectNode invocation(CheckReport report) {
        ObjectNode invocation = JSON.createObjectNode();
        invocation.put("executionSuccessful", true);
        ArrayNode notes = invocation.putArray("toolExecutionNotifications");
        for (Diagnostic diag : report.diagnostics()) {
            String level = switch (diag.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case NOTE -> "note";
            };
            notes.add(notification(report, "opensdv/input", level, diag.message(), diag.file(), diag.line()));
        }
        ParseReport frontend = report.frontend();
        for (Problem p : frontend.problems()) {
            String text = (p.function() == null ? "" : "in " + p.function() + ": ") + "the parser could not read this: "
                    + p.message();
            notes.add(notification(report, "opensdv/parse-problem", "warning", text, p.file(), p.line()));
        }
        for (var inc : frontend.unresolvedIncludes()) {
            notes.add(notification(report, "opensdv/unresolved-include", "warning",
                    "include not found: " + inc.name(), inc.file(), inc.line()));
        }
        for (RuleResult r : report.results()) {
            for (RuleResult.Inconclusive i : r.inconclusive()) {
                ObjectNode n = notification(report, "opensdv/inconclusive", "warning",
                        i.routine() + ": " + report.reason(i), i.loc().file(), i.loc().line());
                if (i.cited() != null) { // after the routine: the place its reason cites
                    ObjectNode phys = n.withArray("locations").addObject().putObject("physicalLocation");
                    phys.set("artifactLocation", artifactLocation(report, i.cited().file()));
                    phys.putObject("region").put("startLine", Math.max(1, i.cited().line()));
                }
                n.putObject("associatedRule").put("id", r.rule().id());
                notes.add(n);
            }
        }
        return invocation;
    }

    private static ObjectNode notification(CheckReport report, String id, String level, String text, String file,
            int line) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("descriptor").put("id", id);
        n.put("level", level);
        n.putObject("message").put("text", text);
        if (file != null && !file.isEmpty()) {
            ObjectNode phys = n.putArray("locations").addObject().putObject("physicalLocation");
            phys.set("artifactLocation", artifactLocation(report, file));
            if (line > 0) {
                phys.putObject("region").put("startLine", line);
            }
        }
        return n;
    }

    private static ObjectNode location(CheckReport report, SourceLoc loc, String function, String message) {
        ObjectNode l = JSON.createObjectNode();
        ObjectNode phys = l.putObject("physicalLocation");
        phys.set("artifactLocation", artifactLocation(report, loc.file()));
        ObjectNode region = phys.putObject("region");
        region.put("startLine", Math.max(1, loc.line()));
        region.put("startColumn", Math.max(1, loc.column()));
        if (function != null) {
            ObjectNode logical = l.putArray("logicalLocations").addObject();
            logical.put("name", function);
            logical.put("fullyQualifiedName", function);
            logical.put("kind", "function");
        }
        if (message != null) {
            l.putObject("message").put("text", message);
        }
        return l;
    }

    /** Relative to %SRCROOT% when the file is below the base folder, else an absolute file URI. */
    private static ObjectNode artifactLocation(CheckReport report, String file) {
        ObjectNode art = JSON.createObjectNode();
        String relative = Paths.relative(file, report.base());
        if (!relative.equals(file) || !Path.of(file).isAbsolute()) {
            art.put("uri", encodePath(relative));
            art.put("uriBaseId", SRCROOT);
        } else {
            art.put("uri", Path.of(file).toUri().toString());
        }
        return art;
    }

    private static String encodePath(String relative) {
        try {
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            return relative;
        }
    }

    private static String baseUri(Path base) {
        String uri = (base == null ? Path.of("") : base).toAbsolutePath().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
