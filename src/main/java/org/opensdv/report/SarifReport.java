package org.opensdv.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensdv.analysis.Defect;
import org.opensdv.analysis.RuleResult;
import org.opensdv.analysis.Step;
import org.opensdv.ir.SourceLoc;

/**
 * SARIF 2.1.0 output with the fields of the output contract: ruleId, properties.kind, locations with
 * logical locations naming the enclosing function, a code flow per defect and the verdict per rule.
 */
public final class SarifReport {
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
        driver.put("informationUri", "https://github.com/opensdv/opensdv");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleResult r : report.results()) {
            ruleIndex.put(r.rule().id(), ruleIndex.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", r.rule().id());
            rule.put("name", r.rule().id());
            rule.putObject("shortDescription").put("text", r.rule().shortDescription());
            rule.putObject("fullDescription").put("text", r.rule().shortDescription());
            if (!r.rule().helpText().isEmpty()) {
                ObjectNode help = rule.putObject("help");
                help.put("text", r.rule().helpText());
                help.put("markdown", r.rule().helpText());
            }
            rule.putObject("defaultConfiguration").put("level", "error");
            ObjectNode props = rule.putObject("properties");
            props.putArray("tags").add("correctness").add("locking").add("windows-driver");
            props.put("precision", "high");
            ArrayNode kinds = props.putArray("kinds");
            r.rule().kinds().forEach(kinds::add);
        }
        run.putObject("originalUriBaseIds").putObject("%SRCROOT%").put("uri",
                report.base() == null ? "file:///" : report.base().toAbsolutePath().toUri().toString());
        ArrayNode results = run.putArray("results");
        for (RuleResult r : report.results()) {
            for (Defect d : r.defects()) {
                ObjectNode res = results.addObject();
                res.put("ruleId", d.ruleId());
                res.put("ruleIndex", ruleIndex.get(d.ruleId()));
                res.put("level", "error");
                res.putObject("message").put("text", d.message());
                res.putArray("locations").add(location(report, d.loc(), d.function(), null));
                if (d.related() != null) {
                    ObjectNode rel = location(report, d.related(), null, "acquired here");
                    rel.put("id", 1);
                    res.putArray("relatedLocations").add(rel);
                }
                ArrayNode steps = res.putArray("codeFlows").addObject().putArray("threadFlows").addObject()
                        .putArray("locations");
                for (Step s : d.trace()) {
                    ObjectNode step = steps.addObject();
                    step.set("location", location(report, s.loc(), s.function(), s.message()));
                    if (s.resource() != null && s.heldMode() != null) {
                        step.putObject("state").putObject(s.resource()).put("text", s.heldMode());
                    }
                    step.putArray("kinds").add(s.kind().name().toLowerCase());
                }
                ObjectNode props = res.putObject("properties");
                props.put("kind", d.kind());
                props.put("routine", d.routine());
                props.put("resource", d.resource());
                res.putObject("partialFingerprints").put("opensdv/v1", Fingerprints.of(d, report));
            }
        }
        ObjectNode verdicts = run.putObject("properties").putObject("opensdv/verdicts");
        for (RuleResult r : report.results()) {
            verdicts.put(r.rule().id(), r.verdict().toString());
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notes = invocation.putArray("toolExecutionNotifications");
        report.diagnostics().forEach(diag -> {
            ObjectNode n = notes.addObject();
            n.putObject("message").put("text", diag.toString());
            n.put("level", diag.severity().name().equals("ERROR") ? "error" : "warning");
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode location(CheckReport report, SourceLoc loc, String function, String message) {
        ObjectNode l = JSON.createObjectNode();
        ObjectNode phys = l.putObject("physicalLocation");
        ObjectNode art = phys.putObject("artifactLocation");
        art.put("uri", Paths.relative(loc.file(), report.base()));
        art.put("uriBaseId", "%SRCROOT%");
        ObjectNode region = phys.putObject("region");
        region.put("startLine", Math.max(1, loc.line()));
        region.put("startColumn", Math.max(1, loc.column()));
        if (function != null) {
            ObjectNode logical = l.putArray("logicalLocations").addObject();
            logical.put("name", function);
            logical.put("kind", "function");
        }
        if (message != null) {
            l.putObject("message").put("text", message);
        }
        return l;
    }
}
