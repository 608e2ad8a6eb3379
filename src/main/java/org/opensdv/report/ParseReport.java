package org.opensdv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensdv.frontend.Prelude;
import org.opensdv.ir.Function;
import org.opensdv.ir.Problem;
import org.opensdv.ir.TranslationUnit;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.Diagnostic;

/**
 * What {@code opensdv parse} reports: how much of the source the frontend read exactly. A function
 * "with problems" has a node the parser or the lowering could not read; a definition the parser lost
 * entirely (a top-level problem that contains a body) counts as one too.
 */
public record ParseReport(
        int files,
        int lines,
        int functions,
        int functionsWithProblems,
        List<Problem> problems,
        List<TranslationUnit.UnresolvedInclude> unresolvedIncludes,
        List<Diagnostic> diagnostics) {

    public static ParseReport of(ProgramBuilder.Result result) {
        List<Function> functions = result.ownFunctions();
        Set<String> withProblems = new LinkedHashSet<>();
        Set<Problem> problems = new LinkedHashSet<>();
        Set<TranslationUnit.UnresolvedInclude> unresolved = new LinkedHashSet<>();
        int lines = 0;
        for (Function f : functions) {
            if (f.hasProblems()) {
                withProblems.add(f.loc().file() + ":" + f.name());
            }
            problems.addAll(f.problems());
        }
        Set<String> defined = new LinkedHashSet<>();
        functions.forEach(f -> defined.add(f.name()));
        int lost = 0;
        for (TranslationUnit tu : result.program().units()) {
            lines += tu.lines();
            for (Problem p : tu.problems()) {
                if (Prelude.isPreludePath(p.file())) {
                    continue;
                }
                if (problems.add(p) && p.function() != null && !defined.contains(p.function())) {
                    lost++;
                }
            }
            unresolved.addAll(tu.unresolvedIncludes());
        }
        List<Problem> sortedProblems = new ArrayList<>(problems);
        sortedProblems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
        List<TranslationUnit.UnresolvedInclude> sortedIncludes = new ArrayList<>(unresolved);
        sortedIncludes.sort(Comparator.comparing(TranslationUnit.UnresolvedInclude::file)
                .thenComparingInt(TranslationUnit.UnresolvedInclude::line));
        return new ParseReport(result.program().units().size(), lines, functions.size() + lost,
                withProblems.size() + lost, sortedProblems, sortedIncludes, result.diagnostics());
    }

    public double cleanFunctionRatio() {
        return functions == 0 ? 1.0 : (functions - functionsWithProblems) / (double) functions;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(d).append('\n');
        }
        for (Problem p : problems) {
            sb.append(p.file()).append(':').append(p.line()).append(": problem");
            if (p.function() != null) {
                sb.append(" in ").append(p.function());
            }
            sb.append(": ").append(p.message()).append('\n');
        }
        for (var inc : unresolvedIncludes) {
            sb.append(inc.file()).append(':').append(inc.line()).append(": include not found: ")
                    .append(inc.name()).append('\n');
        }
        sb.append(String.format("%d files, %d lines, %d functions, %d with problems (%.1f%% clean), "
                + "%d unresolved includes%n", files, lines, functions, functionsWithProblems,
                100 * cleanFunctionRatio(), unresolvedIncludes.size()));
        return sb.toString();
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", files);
        root.put("lines", lines);
        root.put("functions", functions);
        root.put("functionsWithProblems", functionsWithProblems);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            m.put("line", p.line());
            m.put("function", p.function());
            m.put("message", p.message());
            ps.add(m);
        }
        root.put("problems", ps);
        List<Map<String, Object>> incs = new ArrayList<>();
        for (var inc : unresolvedIncludes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", inc.file());
            m.put("line", inc.line());
            m.put("include", inc.name());
            incs.add(m);
        }
        root.put("unresolvedIncludes", incs);
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", d.severity().name().toLowerCase());
            m.put("file", d.file());
            m.put("line", d.line());
            m.put("message", d.message());
            ds.add(m);
        }
        root.put("diagnostics", ds);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
