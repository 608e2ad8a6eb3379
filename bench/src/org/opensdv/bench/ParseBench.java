package org.opensdv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.opensdv.ir.TranslationUnit;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.report.ParseReport;

/**
 * Frontend benchmark: reads, parses and lowers generated drivers of 10, 100 and 1000 kLOC and the
 * project's test drivers in-process, through the public API ({@link InputCollector},
 * {@link ProgramBuilder}), and reports per target the lines, functions, wall and CPU time, peak and
 * live heap, and per phase (read, parse, lower) the time and lines per second. Prints tables and
 * writes {@code bench/out/parse-bench.json}.
 *
 * <pre>
 * ParseBench [--root DIR] [--sizes 10,100,1000] [--jobs N] [--out DIR] [--seed S] [--runs N]
 *            [--warmup N] [--json FILE] [--no-drivers] [-I DIR]...
 * </pre>
 */
public final class ParseBench {
    /**
     * Targets of at least this many lines run at most {@link #BIG_TARGET_RUNS} times; smaller ones
     * run {@code --runs} times.
     */
    static final long BIG_TARGET_LINES = 500_000;
    /**
     * Twice, not once: on two cores the C2 compiler spends most of a first run of the 1,000 kLOC
     * target compiling (19–24 s of its 22–28 s check), which the best of two leaves out.
     */
    static final int BIG_TARGET_RUNS = 2;
    static final int MAX_WARMUP = 10;

    private ParseBench() {
    }

    /** The frontend as the CLI runs it: collect the inputs, then read, parse and lower every file. */
    static final class FrontendWorkload implements Harness.Workload {
        private final List<Path> includeDirs;

        FrontendWorkload(List<Path> includeDirs) {
            this.includeDirs = List.copyOf(includeDirs);
        }

        @Override
        public Object run(Path target, int jobs) {
            Project project = InputCollector.collect(List.of(target), new CompilerOptions(includeDirs, Map.of()));
            return ProgramBuilder.build(project, jobs);
        }

        @Override
        public Harness.Facts describe(Object o) {
            ProgramBuilder.Result result = (ProgramBuilder.Result) o;
            long lines = 0;
            for (TranslationUnit tu : result.program().units()) {
                lines += tu.lines();
            }
            ParseReport report = ParseReport.of(result);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("files", result.project().files().size());
            counts.put("units", result.program().units().size());
            counts.put("functions", result.ownFunctions().size());
            counts.put("functionsWithProblems", report.functionsWithProblems());
            counts.put("problems", report.problems().size());
            counts.put("unresolvedIncludes", report.unresolvedIncludes().size());
            counts.put("diagnostics", result.diagnostics().size());
            ProgramBuilder.PhaseTimes t = result.times();
            List<Harness.Phase> phases = List.of(
                    new Harness.Phase("read", t.readNanos(), true),
                    new Harness.Phase("parse", t.parseNanos(), true),
                    new Harness.Phase("lower", t.lowerNanos(), true));
            return new Harness.Facts(lines, counts, phases, List.of());
        }
    }

    record Options(Path root, List<Integer> sizes, int jobs, Path out, long seed, int runs, int warmup, Path json,
            boolean drivers, List<Path> includeDirs) {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("parse-bench: " + e.getMessage());
            System.err.println("usage: ParseBench [--root DIR] [--sizes 10,100,1000] [--jobs N] [--out DIR] "
                    + "[--seed S] [--runs N] [--warmup N] [--json FILE] [--no-drivers] [-I DIR]...");
            System.exit(2);
            return;
        }
        System.exit(run(o));
    }

    static Options parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        List<Integer> sizes = List.of(10, 100, 1000);
        int jobs = Runtime.getRuntime().availableProcessors();
        Path out = null;
        long seed = 1;
        int runs = 3;
        int warmup = 2;
        Path json = null;
        boolean drivers = true;
        List<Path> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("-I") && a.length() > 2) {
                v = a.substring(2);
                a = "-I";
            } else if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--no-drivers" -> drivers = false;
                case "--root", "--sizes", "--jobs", "--out", "--seed", "--runs", "--warmup", "--json", "-I", "--include" -> {
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        v = args[++i];
                    }
                    try {
                        switch (a) {
                            case "--root" -> root = Path.of(v).toAbsolutePath().normalize();
                            case "--sizes" -> sizes = parseSizes(v);
                            case "--jobs" -> jobs = positive(a, Integer.parseInt(v));
                            case "--out" -> out = Path.of(v).toAbsolutePath().normalize();
                            case "--seed" -> seed = Long.parseLong(v);
                            case "--runs" -> runs = positive(a, Integer.parseInt(v));
                            case "--warmup" -> warmup = Math.max(0, Integer.parseInt(v));
                            case "-I", "--include" -> includes.add(Path.of(v).toAbsolutePath().normalize());
                            default -> json = Path.of(v).toAbsolutePath().normalize();
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(a + ": not a number: " + v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            out = root.resolve("bench/out/generated");
        }
        if (json == null) {
            json = root.resolve("bench/out/parse-bench.json");
        }
        return new Options(root, sizes, jobs, out, seed, runs, warmup, json, drivers, includes);
    }

    static List<Integer> parseSizes(String v) {
        List<Integer> sizes = new ArrayList<>();
        for (String s : v.split(",")) {
            s = s.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty() || s.equals("none")) {
                continue;
            }
            if (s.endsWith("k")) {
                s = s.substring(0, s.length() - 1);
            }
            try {
                sizes.add(positive("--sizes", Integer.parseInt(s)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes: not a size in kLOC: " + s);
            }
        }
        return sizes;
    }

    static int positive(String option, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    static int run(Options o) throws Exception {
        System.out.printf(Locale.ROOT, "OpenSDV frontend benchmark: %d jobs, %d cores, max heap %s MiB, Java %s (%s), GC %s%n",
                o.jobs(), Runtime.getRuntime().availableProcessors(), Harness.mib(Harness.maxHeap()),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), Harness.gcNames());
        System.out.println(o.includeDirs().isEmpty() ? "headers: OpenSDV's prelude stands in for the WDK"
                : "include directories: " + o.includeDirs());

        // Generated drivers: reuse an earlier output for the same (size, seed, generator version).
        Map<Integer, Path> generated = new LinkedHashMap<>();
        List<Integer> needed = new ArrayList<>(o.sizes());
        if (o.warmup() > 0 && !needed.contains(10)) {
            needed.add(0, 10);
        }
        for (int kloc : needed) {
            generated.put(kloc, ensureGenerated(o.out(), kloc, o.seed()));
        }

        List<Harness.Target> targets = new ArrayList<>();
        for (int kloc : o.sizes()) {
            Path dir = generated.get(kloc);
            long lines = manifestLong(dir, "cLines");
            int runs = lines >= BIG_TARGET_LINES ? Math.min(BIG_TARGET_RUNS, o.runs()) : o.runs();
            targets.add(new Harness.Target("generated " + kloc + "k", "generated", dir, runs));
        }
        if (o.drivers()) {
            Path drivers = o.root().resolve("src/test/resources/drivers");
            if (Files.isDirectory(drivers)) {
                try (Stream<Path> s = Files.list(drivers)) {
                    for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                        String name = d.getFileName().toString();
                        if (!name.equals("common") && !name.startsWith(".")) {
                            targets.add(new Harness.Target("drivers/" + name, "test-driver", d, o.runs()));
                        }
                    }
                }
            } else {
                System.out.println("note: no test drivers at " + drivers);
            }
        }

        Harness.Workload workload = new FrontendWorkload(o.includeDirs());
        List<Double> warmupSeconds = new ArrayList<>();
        if (o.warmup() > 0) {
            // At least --warmup passes over the 10 kLOC driver, then on until a pass is no more than 5%
            // faster than the best before it (the JIT has settled), at most MAX_WARMUP passes.
            long best = Long.MAX_VALUE;
            for (int i = 0; i < MAX_WARMUP; i++) {
                long t0 = System.nanoTime();
                workload.describe(workload.run(generated.get(10), o.jobs()));
                long t = System.nanoTime() - t0;
                warmupSeconds.add(t / 1e9);
                boolean settled = best != Long.MAX_VALUE && t >= best * 0.95;
                best = Math.min(best, t);
                if (i + 1 >= o.warmup() && settled) {
                    break;
                }
            }
            StringBuilder sb = new StringBuilder();
            warmupSeconds.forEach(t -> sb.append(String.format(Locale.ROOT, " %.2f", t)));
            System.out.println("warm-up passes over generated 10k (s):" + sb);
        }
        double loadBefore = Harness.loadAverage();
        long busyBefore = Harness.systemBusyNanos();
        long cpuBefore = Harness.processCpu();
        long wallBefore = System.nanoTime();

        List<Harness.TargetResult> results = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (Harness.Target t : targets) {
            System.out.printf(Locale.ROOT, "measuring %s (%d run%s) ...%n", t.name(), t.runs(), t.runs() == 1 ? "" : "s");
            System.out.flush();
            Harness.TargetResult r = Harness.measure(workload, t, o.jobs());
            results.add(r);
            warnings.addAll(check(r));
            // /proc/stat counts in 10 ms ticks: only runs of half a second or more say something.
            double share = r.best().otherCpuShare();
            if (share > 0.05 && r.best().wallNanos() >= 500_000_000L) {
                warnings.add(String.format(Locale.ROOT, "%s: other processes used %.0f%% of the machine's CPU during "
                        + "the best run; its wall time is inflated", t.name(), 100 * share));
            }
        }

        double loadAfter = Harness.loadAverage();
        long busyAfter = Harness.systemBusyNanos();
        double othersShare = busyBefore < 0 || busyAfter < 0 ? -1
                : Math.max(0, busyAfter - busyBefore - (Harness.processCpu() - cpuBefore))
                        / (double) ((System.nanoTime() - wallBefore) * cores);

        System.out.println();
        System.out.print(summaryTable(results));
        System.out.println();
        System.out.print(phaseTable(results));
        System.out.println();
        System.out.println("wall, CPU: best run (least wall time); CPU is the whole process (all threads, JIT, GC).");
        System.out.println("peak heap: max over runs of the summed peaks of the heap pools (upper bound); live: heap");
        System.out.println("the result keeps after a full GC (IR + source cache). Phase times are summed over the");
        System.out.println("worker threads, so phase lines/s is the throughput of one thread.");
        if (othersShare >= 0) {
            System.out.printf(Locale.ROOT, "other processes used %.1f%% of the CPU while this benchmark measured.%n",
                    100 * othersShare);
        }
        for (String w : warnings) {
            System.out.println("WARNING: " + w);
        }

        Files.createDirectories(o.json().getParent());
        Files.writeString(o.json(), Harness.json(toJson(o, results, warnings, warmupSeconds, loadBefore, loadAfter,
                othersShare)));
        System.out.println("wrote " + display(o.root(), o.json()));
        return 0;
    }

    /** A path relative to the root when it lies below it, else absolute. */
    static String display(Path root, Path p) {
        return (p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
    }

    static Path ensureGenerated(Path out, int kloc, long seed) throws IOException {
        Path dir = out.resolve("gfs-" + kloc + "k-seed" + seed);
        if (DriverGenerator.isCurrent(dir, kloc, seed)) {
            return dir;
        }
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "generating %d kLOC driver (seed %d) into %s ...%n", kloc, seed, dir);
        DriverGenerator.Result r = DriverGenerator.generate(dir, kloc, seed);
        System.out.printf(Locale.ROOT, "  %d .c files, %,d lines, %,d functions, %d deliberate defects, in %.1f s%n",
                r.cFiles(), r.cLines(), r.functions(), r.defects().size(), (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    static long manifestLong(Path dir, String key) {
        Properties p = DriverGenerator.readManifest(dir);
        if (p == null || p.getProperty(key) == null) {
            return -1;
        }
        try {
            return Long.parseLong(p.getProperty(key));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Sanity checks: a generated driver must come back whole and without problems. */
    static List<String> check(Harness.TargetResult r) {
        List<String> w = new ArrayList<>();
        Map<String, Object> c = r.facts().counts();
        String name = r.target().name();
        if (r.target().kind().equals("generated")) {
            long lines = manifestLong(r.target().path(), "cLines");
            long functions = manifestLong(r.target().path(), "functions");
            if (lines >= 0 && lines != r.facts().lines()) {
                w.add(name + ": the frontend counted " + r.facts().lines() + " lines, the generator wrote " + lines);
            }
            if (functions >= 0 && functions != ((Number) c.get("functions")).longValue()) {
                w.add(name + ": the frontend found " + c.get("functions") + " functions, the generator wrote "
                        + functions);
            }
            if (((Number) c.get("functionsWithProblems")).intValue() > 0) {
                w.add(name + ": " + c.get("functionsWithProblems") + " functions with problems in generated code");
            }
        }
        if (((Number) c.get("unresolvedIncludes")).intValue() > 0) {
            w.add(name + ": " + c.get("unresolvedIncludes") + " unresolved includes");
        }
        return w;
    }

    static String summaryTable(List<Harness.TargetResult> results) {
        Harness.Table t = new Harness.Table();
        t.row("target", "files", "lines", "functions", "w/ problems", "runs", "wall s", "CPU s", "CPU/wall",
                "lines/s (wall)", "GC s", "peak heap MiB", "live MiB");
        for (Harness.TargetResult r : results) {
            Harness.Run b = r.best();
            Map<String, Object> c = r.facts().counts();
            long lines = r.facts().lines();
            t.row(r.target().name(), c.get("files"), String.format(Locale.ROOT, "%,d", lines),
                    String.format(Locale.ROOT, "%,d", ((Number) c.get("functions")).longValue()),
                    c.get("functionsWithProblems"), r.runs().size(), Harness.seconds(b.wallNanos()),
                    Harness.seconds(b.cpuNanos()), Harness.ratio(b.cpuNanos() / (double) Math.max(1, b.wallNanos())),
                    Harness.rate(lines / (b.wallNanos() / 1e9)), Harness.seconds(b.gcNanos()),
                    Harness.mib(r.maxPeakHeap()), Harness.mib(r.maxLiveHeap()));
        }
        return t.render();
    }

    static String phaseTable(List<Harness.TargetResult> results) {
        Harness.Table t = new Harness.Table();
        List<String> names = new ArrayList<>();
        for (Harness.TargetResult r : results) {
            for (Harness.Phase p : r.best().phases()) {
                if (!names.contains(p.name())) {
                    names.add(p.name());
                }
            }
        }
        List<Object> head = new ArrayList<>();
        head.add("target (best run)");
        for (String n : names) {
            head.add(n + " s");
            head.add(n + " lines/s");
        }
        t.row(head.toArray());
        for (Harness.TargetResult r : results) {
            List<Object> row = new ArrayList<>();
            row.add(r.target().name());
            for (String n : names) {
                Harness.Phase p = r.best().phases().stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
                row.add(p == null ? "-" : Harness.seconds(p.nanos()));
                row.add(p == null ? "-" : Harness.rate(p.linesPerSecond(r.facts().lines())));
            }
            t.row(row.toArray());
        }
        return t.render();
    }

    static Map<String, Object> toJson(Options o, List<Harness.TargetResult> results, List<String> warnings,
            List<Double> warmupSeconds, double loadBefore, double loadAfter, double othersShare) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "parse");
        root.put("date", Instant.now().toString());
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVm", System.getProperty("java.vm.name"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("maxHeapBytes", Harness.maxHeap());
        env.put("gc", Harness.gcNames());
        env.put("loadAverageBefore", loadBefore);
        env.put("loadAverageAfter", loadAfter);
        env.put("otherProcessesCpuShare", othersShare);
        root.put("environment", env);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("jobs", o.jobs());
        opts.put("sizes", new ArrayList<Object>(o.sizes()));
        opts.put("seed", o.seed());
        opts.put("runs", o.runs());
        opts.put("warmup", o.warmup());
        opts.put("generatorVersion", DriverGenerator.VERSION);
        opts.put("warmupSeconds", new ArrayList<Object>(warmupSeconds));
        opts.put("includeDirs", new ArrayList<Object>(o.includeDirs().stream().map(Path::toString).toList()));
        root.put("options", opts);
        List<Object> targets = new ArrayList<>();
        for (Harness.TargetResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.target().name());
            m.put("kind", r.target().kind());
            m.put("path", display(o.root(), r.target().path()));
            m.put("lines", r.facts().lines());
            m.putAll(r.facts().counts());
            m.put("runs", r.runs().size());
            m.put("peakHeapBytes", r.maxPeakHeap());
            m.put("sampledPeakHeapBytes", r.maxSampledPeakHeap());
            m.put("liveHeapBytes", r.maxLiveHeap());
            m.put("best", Harness.runJson(r.best(), r.facts().lines()));
            List<Object> all = new ArrayList<>();
            for (Harness.Run run : r.runs()) {
                all.add(Harness.runJson(run, r.facts().lines()));
            }
            m.put("allRuns", all);
            targets.add(m);
        }
        root.put("targets", targets);
        root.put("warnings", new ArrayList<Object>(warnings));
        return root;
    }
}
