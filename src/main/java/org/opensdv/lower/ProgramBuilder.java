package org.opensdv.lower;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.opensdv.frontend.CdtParser;
import org.opensdv.frontend.IncludeResolver;
import org.opensdv.frontend.LexicalCheck;
import org.opensdv.frontend.SourceCache;
import org.opensdv.ir.Function;
import org.opensdv.ir.Problem;
import org.opensdv.ir.Program;
import org.opensdv.ir.TranslationUnit;
import org.opensdv.project.Diagnostic;
import org.opensdv.project.Project;
import org.opensdv.project.SourceFile;

/**
 * Reads, parses and lowers every file of a project, one translation unit per task on
 * {@code jobs} threads. Results come back in file order whatever the scheduling, and a file that
 * cannot be read or parsed is a diagnostic while the others go on.
 */
public final class ProgramBuilder {
    /** Wall-clock nanoseconds spent in each phase, summed over the worker threads. */
    public record PhaseTimes(long readNanos, long parseNanos, long lowerNanos) {
    }

    public record Result(Program program, Project project, List<Diagnostic> diagnostics, SourceCache sources,
            PhaseTimes times) {
        /** The driver's own distinct function definitions, not those of system headers. */
        public List<Function> ownFunctions() {
            return functions().stream().filter(f -> project.isOwnFile(f.loc().file())).toList();
        }

        /** Distinct function definitions (a header's inline function counts once). */
        public List<Function> functions() {
            List<Function> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (TranslationUnit tu : program.units()) {
                for (Function f : tu.functions()) {
                    if (seen.add(f.loc().file() + ":" + f.loc().line() + ":" + f.name())) {
                        out.add(f);
                    }
                }
            }
            return out;
        }
    }

    private ProgramBuilder() {
    }

    /**
     * A file of which nothing could be read: prose, say, named at its first problem; or a file whose
     * includes fail before anything of its own (a header of types not found), named whole, with
     * the header's line.
     */
    private static Diagnostic nothingRead(Path file, Problem first) {
        if (first.file() == null || Path.of(first.file()).toAbsolutePath().normalize()
                .equals(file.toAbsolutePath().normalize())) {
            return Diagnostic.error(file.toString(), first.line(), "does not look like C source: nothing in it could be read");
        }
        return Diagnostic.error(file.toString(), 0, "nothing in it could be read: what it includes fails first, at "
                + first.file() + ":" + first.line() + " (" + first.message() + ")");
    }

    public static Result build(Project project, int jobs) {
        return build(project, jobs, new SourceCache());
    }

    public static Result build(Project project, int jobs, SourceCache cache) {
        IncludeResolver resolver = new IncludeResolver();
        CdtParser parser = new CdtParser(cache, resolver);
        AtomicLong read = new AtomicLong();
        AtomicLong parse = new AtomicLong();
        AtomicLong lower = new AtomicLong();
        record Outcome(TranslationUnit unit, List<Diagnostic> diagnostics) {
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "opensdv-frontend");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (SourceFile file : project.files()) {
                futures.add(pool.submit(() -> {
                    List<Diagnostic> diags = new ArrayList<>();
                    String path = file.path().toString();
                    long t0 = System.nanoTime();
                    SourceCache.Entry entry = cache.get(file.path());
                    long t1 = System.nanoTime();
                    read.addAndGet(t1 - t0);
                    if (entry.text() == null) {
                        diags.add(Diagnostic.error(path, 0, entry.error()));
                        return new Outcome(null, diags);
                    }
                    if (entry.text().encodingNote() != null) {
                        diags.add(Diagnostic.warning(path, 0, entry.text().encodingNote()));
                    }
                    var lexical = LexicalCheck.unterminatedComment(entry.text());
                    if (lexical != null) {
                        diags.add(Diagnostic.error(path, lexical.line(), lexical.message()));
                    }
                    IASTTranslationUnit ast;
                    try {
                        ast = parser.parse(file, entry.text(), project.inputFolders());
                    } catch (StackOverflowError e) {
                        diags.add(Diagnostic.error(path, 0, "the C parser gave up on this file: it nests too deeply"));
                        return new Outcome(null, diags);
                    } catch (Exception e) {
                        diags.add(Diagnostic.error(path, 0, "the C parser gave up on this file: " + e.getMessage()));
                        return new Outcome(null, diags);
                    } finally {
                        parse.addAndGet(System.nanoTime() - t1);
                    }
                    long t2 = System.nanoTime();
                    try {
                        TranslationUnit unit = new UnitLowerer(ast, cache).lower();
                        if (unit.functions().isEmpty() && unit.declarations().isEmpty()
                                && unit.globals().isEmpty() && !unit.problems().isEmpty()) {
                            diags.add(nothingRead(file.path(), unit.problems().get(0)));
                        }
                        return new Outcome(unit, diags);
                    } catch (StackOverflowError e) {
                        diags.add(Diagnostic.error(path, 0, "could not build the control-flow graph: it nests too deeply"));
                        return new Outcome(null, diags);
                    } catch (RuntimeException e) {
                        diags.add(Diagnostic.error(path, 0, "could not build the control-flow graph: " + e));
                        return new Outcome(null, diags);
                    } finally {
                        lower.addAndGet(System.nanoTime() - t2);
                    }
                }));
            }
            List<TranslationUnit> units = new ArrayList<>();
            List<Diagnostic> diagnostics = new ArrayList<>(project.diagnostics());
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                diagnostics.addAll(o.diagnostics());
                if (o.unit() != null) {
                    units.add(o.unit());
                }
            }
            units.sort(Comparator.comparing(TranslationUnit::file));
            return new Result(new Program(units), project, diagnostics, cache,
                    new PhaseTimes(read.get(), parse.get(), lower.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("frontend task failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
