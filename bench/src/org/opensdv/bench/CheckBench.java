package org.opensdv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.opensdv.analysis.AnalysisListener;
import org.opensdv.analysis.Analyzer;
import org.opensdv.analysis.Defect;
import org.opensdv.analysis.Engine;
import org.opensdv.analysis.RuleResult;
import org.opensdv.driver.DriverModel;
import org.opensdv.ir.TranslationUnit;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.report.CheckReport;
import org.opensdv.report.ParseReport;
import org.opensdv.report.SarifReport;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;

/**
 * The whole tool against its floor: for each target, {@code check} as the CLI runs it (read, parse,
 * lower, analyse every rule, write SARIF) and the frontend alone ({@code parse}), in the same JVM.
 * Reports per phase, the ratio check/parse, the growth from 100 to 1000 kLOC, the speed-up of
 * {@code --jobs N} over one job at 100 kLOC against the most N threads gain on this machine
 * ({@link ParallelCeiling}), the JIT's share, and whether the generated drivers' deliberate defects
 * were found (and nothing else). Takes the options of {@link ParseBench}; writes
 * {@code bench/out/check-bench.json}.
 */
public final class CheckBench {
    private CheckBench() {
    }

    /** What one check produced, with the times of the phases after the frontend. */
    record Outcome(Path target, ProgramBuilder.Result program, List<RuleResult> results,
            List<Engine.Statistics> statistics, long analyseNanos, long analyseCpuNanos, long reportNanos,
            int sarifBytes) {
    }

    static final class CheckWorkload implements Harness.Workload {
        private final List<Path> includeDirs;
        private final List<RuleSpec> rules = RuleCatalog.shipped().rules();

        CheckWorkload(List<Path> includeDirs) {
            this.includeDirs = List.copyOf(includeDirs);
        }

        @Override
        public Object run(Path target, int jobs) {
            Project project = InputCollector.collect(List.of(target), new CompilerOptions(includeDirs, Map.of()));
            ProgramBuilder.Result program = ProgramBuilder.build(project, jobs);
            long t0 = System.nanoTime();
            DriverModel model = DriverModel.of(program.program(), project::isOwnFile);
            List<RuleResult> results = new ArrayList<>();
            List<Engine.Statistics> statistics = new ArrayList<>();
            // each analysis thread's CPU time as its last routine ends (the threads are the
            // analysis's own, started for each rule): steadier than wall time on a busy machine
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Thread, Long> analysisCpu = new java.util.concurrent.ConcurrentHashMap<>();
            AnalysisListener listener = new AnalysisListener() {
                @Override
                public void routineDone(RuleSpec rule, String routine, int done, int total) {
                    analysisCpu.put(Thread.currentThread(), threads.getCurrentThreadCpuTime());
                }

                @Override
                public void ruleDone(RuleSpec rule, Engine.Statistics s) {
                    statistics.add(s);
                }
            };
            for (RuleSpec rule : rules) {
                results.add(Analyzer.check(model, rule, Engine.Budget.defaults(), jobs, listener));
            }
            long t1 = System.nanoTime();
            long cpu = analysisCpu.values().stream().mapToLong(Long::longValue).sum();
            CheckReport report = new CheckReport(results, ParseReport.of(program), program.sources(), target, "bench");
            String sarif = SarifReport.render(report);
            long t2 = System.nanoTime();
            return new Outcome(target, program, results, statistics, t1 - t0, cpu, t2 - t1,
                    sarif.getBytes(StandardCharsets.UTF_8).length);
        }

        @Override
        public Harness.Facts describe(Object o) {
            Outcome out = (Outcome) o;
            long lines = 0;
            for (TranslationUnit tu : out.program().program().units()) {
                lines += tu.lines();
            }
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("files", out.program().project().files().size());
            counts.put("functions", out.program().ownFunctions().size());
            int routines = 0;
            int inconclusive = 0;
            List<String> inconclusiveRoutines = new ArrayList<>();
            Set<String> found = new TreeSet<>();
            for (RuleResult r : out.results()) {
                routines += r.routinesChecked();
                inconclusive += r.inconclusive().size();
                r.inconclusive().forEach(i -> inconclusiveRoutines.add(i.routine() + ": " + i.reason(f -> f)));
                for (Defect d : r.defects()) {
                    found.add(relative(out.target(), d.loc().file()) + ":" + d.loc().line() + ":" + d.kind());
                }
            }
            counts.put("routines", routines);
            counts.put("inconclusive", inconclusive);
            counts.put("inconclusiveRoutines", inconclusiveRoutines);
            counts.put("defects", found.size());
            counts.put("sarifBytes", out.sarifBytes());
            long executed = 0;
            long computed = 0;
            long reused = 0;
            long joins = 0;
            long functionsRun = 0;
            long runSize = 0;
            for (Engine.Statistics s : out.statistics()) {
                executed += s.stepsExecuted();
                computed += s.summariesComputed();
                reused += s.summariesReused();
                joins += s.joins();
                functionsRun += s.functionsRun();
                runSize += s.functionsRunSize();
            }
            counts.put("stepsExecuted", executed);
            counts.put("functionsRun", functionsRun);
            counts.put("functionsRunSize", runSize);
            counts.put("summariesComputed", computed);
            counts.put("summariesReused", reused);
            counts.put("joins", joins);
            List<String> warnings = new ArrayList<>();
            Set<String> expected = expectedDefects(out.target());
            if (expected != null) {
                Set<String> missed = new TreeSet<>(expected);
                missed.removeAll(found);
                Set<String> extra = new TreeSet<>(found);
                extra.removeAll(expected);
                counts.put("expectedDefects", expected.size());
                counts.put("missedDefects", missed.size());
                counts.put("unexpectedDefects", extra.size());
                missed.forEach(m -> warnings.add("deliberate defect not reported: " + m));
                extra.forEach(m -> warnings.add("reported but not deliberate: " + m));
            }
            ProgramBuilder.PhaseTimes t = out.program().times();
            List<Harness.Phase> phases = List.of(
                    new Harness.Phase("read", t.readNanos(), true),
                    new Harness.Phase("parse", t.parseNanos(), true),
                    new Harness.Phase("lower", t.lowerNanos(), true),
                    new Harness.Phase("analyse", out.analyseNanos(), false),
                    new Harness.Phase("analyse CPU", out.analyseCpuNanos(), true),
                    new Harness.Phase("report", out.reportNanos(), false));
            return new Harness.Facts(lines, counts, phases, warnings);
        }
    }

    static String relative(Path target, String file) {
        Path p = Path.of(file);
        return (p.isAbsolute() && p.startsWith(target) ? target.relativize(p) : p).toString().replace('\\', '/');
    }

    /** The generator's manifest of deliberate defects as "file:line:kind", or null for other targets. */
    static Set<String> expectedDefects(Path target) {
        Path manifest = target.resolve("gfs-manifest.properties");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(manifest)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("defect.")) {
                String[] parts = p.getProperty(key).split(":");
                out.add(parts[0] + ":" + parts[1] + ":" + parts[3]);
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        ParseBench.Options o;
        try {
            o = ParseBench.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("check-bench: " + e.getMessage());
            System.err.println("usage: CheckBench [--root DIR] [--sizes 10,100,1000] [--jobs N] [--out DIR] "
                    + "[--seed S] [--runs N] [--warmup N] [--json FILE] [--no-drivers] [-I DIR]...");
            System.exit(2);
            return;
        }
        if (List.of(args).stream().noneMatch(a -> a.startsWith("--json"))) {
            o = new ParseBench.Options(o.root(), o.sizes(), o.jobs(), o.out(), o.seed(), o.runs(), o.warmup(),
                    o.root().resolve("bench/out/check-bench.json"), o.drivers(), o.includeDirs());
        }
        System.exit(run(o));
    }

    static int run(ParseBench.Options o) throws Exception {
        System.out.printf(Locale.ROOT, "OpenSDV check benchmark: %d jobs, %d cores, max heap %s MiB, Java %s, GC %s%n",
                o.jobs(), Runtime.getRuntime().availableProcessors(), Harness.mib(Harness.maxHeap()),
                System.getProperty("java.version"), Harness.gcNames());
        Map<Integer, Path> generated = new LinkedHashMap<>();
        List<Integer> needed = new ArrayList<>(o.sizes());
        if (!needed.contains(10)) {
            needed.add(0, 10);
        }
        for (int kloc : needed) {
            generated.put(kloc, ParseBench.ensureGenerated(o.out(), kloc, o.seed()));
        }
        List<Harness.Target> targets = new ArrayList<>();
        for (int kloc : o.sizes()) {
            Path dir = generated.get(kloc);
            int runs = ParseBench.manifestLong(dir, "cLines") >= ParseBench.BIG_TARGET_LINES
                    ? Math.min(ParseBench.BIG_TARGET_RUNS, o.runs()) : o.runs();
            targets.add(new Harness.Target("generated " + kloc + "k", "generated", dir, runs));
        }
        if (o.drivers()) {
            Path drivers = o.root().resolve("src/test/resources/drivers");
            try (Stream<Path> s = Files.list(drivers)) {
                for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                    String name = d.getFileName().toString();
                    if (!name.equals("common")) {
                        targets.add(new Harness.Target("drivers/" + name, "test-driver", d, o.runs()));
                    }
                }
            }
        }

        // first, while no JIT backlog of the tool's own code takes a core from it
        ParallelCeiling ceiling = null;
        ParallelCeiling launcherCeiling = null;
        if (o.jobs() > 1 && o.sizes().contains(100)) {
            System.out.printf(Locale.ROOT, "measuring what %d threads gain on this machine at best, here and in a JVM "
                    + "set up as ./opensdv sets it up ...%n", o.jobs());
            ceiling = ParallelCeiling.measure(o.jobs(), 5);
            launcherCeiling = ParallelCeiling.measureAsLauncher(o.root().resolve("opensdv").toString(), o.jobs(), 5);
        }

        Harness.Workload parse = new ParseBench.FrontendWorkload(o.includeDirs());
        Harness.Workload check = new CheckWorkload(o.includeDirs());
        for (int i = 0; i < Math.max(1, o.warmup()); i++) {
            long t0 = System.nanoTime();
            check.describe(check.run(generated.get(10), o.jobs()));
            parse.describe(parse.run(generated.get(10), o.jobs()));
            System.out.printf(Locale.ROOT, "warm-up pass %d over generated 10k: %.2f s%n", i + 1,
                    (System.nanoTime() - t0) / 1e9);
        }

        List<Harness.TargetResult> parsed = new ArrayList<>();
        List<Harness.TargetResult> checked = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Harness.Target t : targets) {
            System.out.printf(Locale.ROOT, "measuring %s (%d run%s of parse and of check) ...%n", t.name(), t.runs(),
                    t.runs() == 1 ? "" : "s");
            System.out.flush();
            // parse and check alternately, so that neither gains from a JIT that has compiled more
            List<Harness.TargetResult> pair = Harness.measureAlternately(parse, o.jobs(), check, o.jobs(), t);
            parsed.add(pair.get(0));
            Harness.TargetResult c = pair.get(1);
            checked.add(c);
            c.facts().warnings().forEach(w -> warnings.add(t.name() + ": " + w));
        }
        Harness.TargetResult oneJob = null;
        Harness.TargetResult manyJobs = null;
        if (o.jobs() > 1 && o.sizes().contains(100)) {
            Harness.Target t100 = targets.get(o.sizes().indexOf(100));
            Harness.Target alternating = new Harness.Target(t100.name(), t100.kind(), t100.path(),
                    Math.max(2, t100.runs()));
            System.out.printf(Locale.ROOT, "measuring generated 100k with 1 job and with %d jobs, alternately "
                    + "(%d runs each) ...%n", o.jobs(), alternating.runs());
            List<Harness.TargetResult> pair = Harness.measureAlternately(check, alternating, 1, o.jobs());
            oneJob = pair.get(0);
            manyJobs = pair.get(1);
        }

        // On two cores the JIT compiler is still compiling the analysis (C2's backlog) while the
        // targets above are measured; once more at 100k after all of them shows the engine's
        // cost against the parser's with both compiled.
        Harness.TargetResult warmParse = null;
        Harness.TargetResult warmCheck = null;
        if (o.sizes().contains(100)) {
            Harness.Target t100 = targets.get(o.sizes().indexOf(100));
            System.out.printf(Locale.ROOT, "measuring generated 100k again, parse and check alternately (%d runs "
                    + "each) ...%n", t100.runs());
            List<Harness.TargetResult> pair = Harness.measureAlternately(parse, o.jobs(), check, o.jobs(), t100);
            warmParse = pair.get(0);
            warmCheck = pair.get(1);
        }

        long freshCheck = 0;
        long freshParse = 0;
        long freshOneJob = 0;
        long freshParseOneJob = 0;
        if (o.sizes().contains(100)) {
            Harness.Target t100 = targets.get(o.sizes().indexOf(100));
            Path outputs = o.json().toAbsolutePath().getParent().resolve("fresh-jvm");
            Files.createDirectories(outputs);
            System.out.printf(Locale.ROOT, "measuring generated 100k with ./opensdv, each run in a JVM of its own, "
                    + "alternately (%d runs each) ...%n", t100.runs());
            freshCheck = Long.MAX_VALUE;
            freshParse = Long.MAX_VALUE;
            freshOneJob = o.jobs() > 1 ? Long.MAX_VALUE : 0;
            freshParseOneJob = freshOneJob;
            String launcher = o.root().resolve("opensdv").toString();
            for (int i = 0; i < t100.runs(); i++) {
                freshCheck = Math.min(freshCheck, freshCheck(launcher, o.jobs(), outputs, t100));
                freshParse = Math.min(freshParse, freshParse(launcher, o.jobs(), outputs, t100));
                if (o.jobs() > 1) {
                    freshOneJob = Math.min(freshOneJob, freshCheck(launcher, 1, outputs, t100));
                    freshParseOneJob = Math.min(freshParseOneJob, freshParse(launcher, 1, outputs, t100));
                }
            }
        }

        // where a fresh JVM's time goes besides the work: the JIT compiling it (one more run of each)
        long freshCheckJit = -1;
        long freshParseJit = -1;
        if (freshCheck > 0) {
            Harness.Target t100 = targets.get(o.sizes().indexOf(100));
            Path outputs = o.json().toAbsolutePath().getParent().resolve("fresh-jvm");
            freshCheckJit = Harness.processJitNanos(freshCheckCommand(o.root().resolve("opensdv").toString(),
                    o.jobs(), outputs, t100));
            freshParseJit = Harness.processJitNanos(freshParseCommand(o.root().resolve("opensdv").toString(),
                    o.jobs(), outputs, t100));
        }

        System.out.println();
        System.out.print(comparisonTable(parsed, checked));
        System.out.println();
        System.out.print(ParseBench.phaseTable(checked));
        System.out.println();
        System.out.print(analysisTable(checked));
        System.out.println();
        Map<String, Object> derived = new LinkedHashMap<>();
        List<String> targetLines = new ArrayList<>(); // issue 5's targets, each with what was measured
        if (o.sizes().contains(100)) {
            long heap = checked.get(o.sizes().indexOf(100)).maxPeakHeap();
            targetLines.add(targetLine("peak heap at 100k <= 1 GiB", Harness.mib(heap) + " MiB", heap <= 1L << 30));
        }
        if (o.sizes().contains(100) && o.sizes().contains(1000)) {
            int i100 = o.sizes().indexOf(100);
            int i1000 = o.sizes().indexOf(1000);
            double checkGrowth = checked.get(i1000).best().wallNanos() / (double) checked.get(i100).best().wallNanos();
            double parseGrowth = parsed.get(i1000).best().wallNanos() / (double) parsed.get(i100).best().wallNanos();
            System.out.printf(Locale.ROOT, "growth 100k -> 1000k: check %.1fx, parse %.1fx (lines %.1fx)%n",
                    checkGrowth, parseGrowth, checked.get(i1000).facts().lines()
                            / (double) checked.get(i100).facts().lines());
            derived.put("checkGrowth100to1000", checkGrowth);
            targetLines.add(targetLine("check grows <= 12x from 100k to 1000k", String.format(Locale.ROOT, "%.1fx",
                    checkGrowth), checkGrowth <= 12));
            derived.put("parseGrowth100to1000", parseGrowth);
        }
        if (oneJob != null) {
            double speedup = oneJob.best().wallNanos() / (double) manyJobs.best().wallNanos();
            System.out.printf(Locale.ROOT, "check at 100k: 1 job %s s, %d jobs %s s: %.2fx faster%n",
                    Harness.seconds(oneJob.best().wallNanos()), o.jobs(), Harness.seconds(manyJobs.best().wallNanos()),
                    speedup);
            derived.put("jobsSpeedup100k", speedup);
            if (ceiling != null) {
                System.out.println("  " + ceilingLine(ceiling, "this JVM", speedup));
            }
            derived.put("oneJob100kSeconds", oneJob.best().wallNanos() / 1e9);
        }
        if (warmCheck != null) {
            double warmRatio = warmCheck.best().wallNanos() / (double) warmParse.best().wallNanos();
            System.out.printf(Locale.ROOT, "check at 100k measured again after the others (JIT warmer): check %s s, "
                    + "parse %s s: check/parse %.2f%n", Harness.seconds(warmCheck.best().wallNanos()),
                    Harness.seconds(warmParse.best().wallNanos()), warmRatio);
            derived.put("warmCheck100kSeconds", warmCheck.best().wallNanos() / 1e9);
            derived.put("warmParse100kSeconds", warmParse.best().wallNanos() / 1e9);
            derived.put("warmCheckOverParse100k", warmRatio);
        }
        if (freshCheck > 0) {
            double freshRatio = freshCheck / (double) freshParse;
            System.out.printf(Locale.ROOT, "check at 100k with ./opensdv (a JVM of its own: JIT and class loading "
                    + "included): check %s s, parse %s s: check/parse %.2f%n", Harness.seconds(freshCheck),
                    Harness.seconds(freshParse), freshRatio);
            derived.put("freshJvmCheck100kSeconds", freshCheck / 1e9);
            derived.put("freshJvmParse100kSeconds", freshParse / 1e9);
            derived.put("freshJvmCheckOverParse100k", freshRatio);
            targetLines.add(0, targetLine("check <= 1.5x parse at 100k (./opensdv, a JVM each)",
                    String.format(Locale.ROOT, "%.2fx", freshRatio), freshRatio <= 1.5));
        }
        if (freshOneJob > 0) {
            double freshSpeedup = freshOneJob / (double) freshCheck;
            System.out.printf(Locale.ROOT, "check at 100k with ./opensdv: 1 job %s s, %d jobs %s s: %.2fx faster%n",
                    Harness.seconds(freshOneJob), o.jobs(), Harness.seconds(freshCheck), freshSpeedup);
            derived.put("freshJvmOneJob100kSeconds", freshOneJob / 1e9);
            derived.put("freshJvmJobsSpeedup100k", freshSpeedup);
            targetLines.add(targetLine("--jobs 2 >= 1.6x faster than one at 100k (./opensdv)",
                    String.format(Locale.ROOT, "%d jobs %.2fx%s", o.jobs(), freshSpeedup, launcherCeiling == null ? ""
                            : String.format(Locale.ROOT, ", this machine's ceiling %.2fx", launcherCeiling.speedup())),
                    o.jobs() == 2 ? freshSpeedup >= 1.6 : null));
            // what bounds the speed-up: the frontend's own, and that of what check adds to it
            double parseSpeedup = freshParseOneJob / (double) freshParse;
            double addedSpeedup = (freshOneJob - freshParseOneJob) / (double) (freshCheck - freshParse);
            System.out.printf(Locale.ROOT, "  of which parse with ./opensdv: 1 job %s s, %d jobs %s s: %.2fx faster; "
                    + "what check adds to it: %s s and %s s: %.2fx%n", Harness.seconds(freshParseOneJob), o.jobs(),
                    Harness.seconds(freshParse), parseSpeedup, Harness.seconds(freshOneJob - freshParseOneJob),
                    Harness.seconds(freshCheck - freshParse), addedSpeedup);
            if (launcherCeiling != null) {
                System.out.println("  " + ceilingLine(launcherCeiling, "a JVM set up as ./opensdv sets it up",
                        freshSpeedup));
            }
            derived.put("freshJvmParseOneJob100kSeconds", freshParseOneJob / 1e9);
            derived.put("freshJvmParseJobsSpeedup100k", parseSpeedup);
            derived.put("freshJvmAddedByCheckJobsSpeedup100k", addedSpeedup);
        }
        if (freshCheckJit >= 0 && freshParseJit >= 0) {
            System.out.printf(Locale.ROOT, "JIT compiling in a fresh JVM at 100k (-XX:+CITime, one more run each): check "
                    + "%s s, parse %s s of the compiler threads' time%n", Harness.seconds(freshCheckJit),
                    Harness.seconds(freshParseJit));
            derived.put("freshJvmCheckJit100kSeconds", freshCheckJit / 1e9);
            derived.put("freshJvmParseJit100kSeconds", freshParseJit / 1e9);
        }
        if (ceiling != null) {
            derived.put("parallelCeilingSpeedup", ceiling.speedup());
            derived.put("launcherJvmParallelCeilingSpeedup", launcherCeiling.speedup());
        }
        for (Harness.TargetResult c : checked) {
            for (Object routine : (List<?>) c.facts().counts().get("inconclusiveRoutines")) {
                System.out.println("inconclusive in " + c.target().name() + ": " + routine);
            }
        }
        if (!targetLines.isEmpty()) {
            System.out.println("issue 5's targets, as measured in this run:");
            targetLines.forEach(line -> System.out.println("  " + line));
            derived.put("targets", targetLines);
        }
        System.out.println("check/parse: wall time of the whole check over that of the frontend alone, best runs.");
        System.out.println("analyse and report are wall times; read, parse, lower and analyse CPU (the analysis"
                + " threads' CPU time) are summed over the threads.");
        for (String w : warnings) {
            System.out.println("WARNING: " + w);
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "check");
        json.put("date", Instant.now().toString());
        json.put("jobs", o.jobs());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("maxHeapBytes", Harness.maxHeap());
        json.put("java", System.getProperty("java.version"));
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            Harness.TargetResult c = checked.get(i);
            Harness.TargetResult p = parsed.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", c.target().name());
            row.put("lines", c.facts().lines());
            row.putAll(c.facts().counts());
            row.put("parse", Harness.runJson(p.best(), p.facts().lines()));
            row.put("check", Harness.runJson(c.best(), c.facts().lines()));
            row.put("checkOverParse", c.best().wallNanos() / (double) p.best().wallNanos());
            row.put("checkPeakHeapBytes", c.maxPeakHeap());
            rows.add(row);
        }
        json.put("targets", rows);
        json.put("derived", derived);
        json.put("warnings", warnings);
        Files.createDirectories(o.json().getParent());
        Files.writeString(o.json(), Harness.json(json));
        System.out.println("wrote " + ParseBench.display(o.root(), o.json()));
        return 0;
    }

    /** A target, what was measured, and whether that meets it (null: the run does not measure it as stated). */
    private static String targetLine(String target, String measured, Boolean met) {
        return target + ": " + measured + (met == null ? "" : met ? " (met)" : " (missed)");
    }

    private static String ceilingLine(ParallelCeiling c, String where, double speedup) {
        return String.format(Locale.ROOT, "the most %d threads gain in %s (the same allocating work on one thread, "
                + "%s s, then on each of %d at once, %s s): %.2fx; check reaches %.0f%% of it", c.threads(), where,
                Harness.seconds(c.oneThreadNanos()), c.threads(), Harness.seconds(c.allThreadsNanos()), c.speedup(),
                100 * speedup / c.speedup());
    }

    /** The wall time of {@code ./opensdv check} on {@code target} in a JVM of its own, with {@code jobs} jobs. */
    private static long freshCheck(String launcher, int jobs, Path outputs, Harness.Target target)
            throws IOException, InterruptedException {
        return Harness.processNanos(freshCheckCommand(launcher, jobs, outputs, target));
    }

    private static List<String> freshCheckCommand(String launcher, int jobs, Path outputs, Harness.Target target) {
        return List.of(launcher, "check", "--quiet", "--jobs", Integer.toString(jobs), "--format", "sarif",
                "--output", outputs.resolve("check-" + jobs + "-jobs.sarif").toString(), target.path().toString());
    }

    private static long freshParse(String launcher, int jobs, Path outputs, Harness.Target target)
            throws IOException, InterruptedException {
        return Harness.processNanos(freshParseCommand(launcher, jobs, outputs, target));
    }

    private static List<String> freshParseCommand(String launcher, int jobs, Path outputs, Harness.Target target) {
        return List.of(launcher, "parse", "--jobs", Integer.toString(jobs), "--format", "json", "--output",
                outputs.resolve("parse-" + jobs + "-jobs.json").toString(), target.path().toString());
    }

    static String comparisonTable(List<Harness.TargetResult> parsed, List<Harness.TargetResult> checked) {
        Harness.Table t = new Harness.Table();
        t.row("target", "lines", "routines", "parse s", "check s", "check/parse", "analyse s", "report s",
                "CPU s", "JIT s", "peak heap MiB", "inconclusive", "defects", "deliberate", "SARIF KiB");
        for (int i = 0; i < checked.size(); i++) {
            Harness.TargetResult c = checked.get(i);
            Harness.Run b = c.best();
            Map<String, Object> n = c.facts().counts();
            long parseWall = parsed.get(i).best().wallNanos();
            t.row(c.target().name(), String.format(Locale.ROOT, "%,d", c.facts().lines()), n.get("routines"),
                    Harness.seconds(parseWall), Harness.seconds(b.wallNanos()),
                    Harness.ratio(b.wallNanos() / (double) parseWall), phase(b, "analyse"), phase(b, "report"),
                    Harness.seconds(b.cpuNanos()), Harness.seconds(b.jitNanos()), Harness.mib(c.maxPeakHeap()),
                    n.get("inconclusive"),
                    n.get("defects"), n.containsKey("expectedDefects")
                            ? n.get("expectedDefects") + (((Number) n.get("missedDefects")).intValue()
                                    + ((Number) n.get("unexpectedDefects")).intValue() == 0 ? " (all found)" : " (!)")
                            : "-",
                    String.format(Locale.ROOT, "%,d", ((Number) n.get("sarifBytes")).intValue() / 1024));
        }
        return t.render();
    }

    /**
     * Where the analysis time goes: steps executed against the size of the functions run (each run
     * once would take that many), the summaries computed and reused, the joins (counted in the first
     * run), and the steps per second of the best run's analyse phase.
     */
    static String analysisTable(List<Harness.TargetResult> checked) {
        Harness.Table t = new Harness.Table();
        t.row("target", "steps executed", "functions run", "their size", "steps/size", "summaries computed",
                "reused", "joins", "steps/s");
        for (Harness.TargetResult c : checked) {
            Map<String, Object> n = c.facts().counts();
            long executed = ((Number) n.get("stepsExecuted")).longValue();
            long size = ((Number) n.get("functionsRunSize")).longValue();
            double analyse = c.best().phases().stream().filter(p -> p.name().equals("analyse")).findFirst()
                    .map(p -> p.nanos() / 1e9).orElse(0.0);
            t.row(c.target().name(), String.format(Locale.ROOT, "%,d", executed),
                    String.format(Locale.ROOT, "%,d", ((Number) n.get("functionsRun")).longValue()),
                    String.format(Locale.ROOT, "%,d", size), Harness.ratio(size == 0 ? 0 : executed / (double) size),
                    String.format(Locale.ROOT, "%,d", ((Number) n.get("summariesComputed")).longValue()),
                    String.format(Locale.ROOT, "%,d", ((Number) n.get("summariesReused")).longValue()),
                    String.format(Locale.ROOT, "%,d", ((Number) n.get("joins")).longValue()),
                    analyse <= 0 ? "-" : String.format(Locale.ROOT, "%,d", Math.round(executed / analyse)));
        }
        return t.render();
    }

    private static String phase(Harness.Run run, String name) {
        return run.phases().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(p -> Harness.seconds(p.nanos())).orElse("-");
    }
}
