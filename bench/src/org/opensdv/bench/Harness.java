package org.opensdv.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a {@link Workload} on a {@link Target}: wall time, process CPU time, GC time, peak heap and
 * the heap the result keeps alive, plus the workload's own named phases. Nothing here knows what the
 * workload does: the frontend benchmark reports the phases read, parse and lower; an analysis
 * benchmark adds analyse and report, and the tables and the JSON follow without change.
 */
final class Harness {
    private Harness() {
    }

    /**
     * One named phase. {@code threadSummed}: the time is summed over worker threads (so it can exceed
     * the wall time when several threads work); otherwise it is wall time of the phase.
     */
    record Phase(String name, long nanos, boolean threadSummed) {
        double linesPerSecond(long lines) {
            return nanos <= 0 ? 0 : lines / (nanos / 1e9);
        }
    }

    /**
     * What one run measured. {@code peakHeapBytes}: the sum over the heap memory pools of their peak
     * usage during the run (pools peak at different moments, so this is an upper bound);
     * {@code sampledPeakHeapBytes}: the largest heap use seen by a 5 ms sampler (a lower bound);
     * {@code liveHeapBytes}: heap still in use after a full GC while the result is referenced, minus
     * the same before the run (what the result keeps: the IR and the source cache);
     * {@code jitNanos}: the time the JIT compiler threads spent compiling during the run (part of
     * {@code cpuNanos}, taken from the cores the workers run on).
     */
    record Run(long wallNanos, long cpuNanos, long gcNanos, long gcCount, long peakHeapBytes,
            long sampledPeakHeapBytes, long liveHeapBytes, long otherCpuNanos, long jitNanos, List<Phase> phases) {
        Run withPhases(List<Phase> p) {
            return new Run(wallNanos, cpuNanos, gcNanos, gcCount, peakHeapBytes, sampledPeakHeapBytes, liveHeapBytes,
                    otherCpuNanos, jitNanos, List.copyOf(p));
        }

        /**
         * The share of the machine's CPU capacity that other processes used during the run, or -1
         * when unknown. Above a few percent they competed with the benchmark.
         */
        double otherCpuShare() {
            if (otherCpuNanos < 0 || wallNanos <= 0) {
                return -1;
            }
            return otherCpuNanos / (double) (wallNanos * (long) Runtime.getRuntime().availableProcessors());
        }
    }

    /** Something to measure: a folder, how many runs, and what kind of target it is. */
    record Target(String name, String kind, Path path, int runs) {
    }

    /** What the workload reports about its result, read after the clock has stopped. */
    record Facts(long lines, Map<String, Object> counts, List<Phase> phases, List<String> warnings) {
    }

    /** The work under measurement: {@link #run} is timed, {@link #describe} is not. */
    interface Workload {
        Object run(Path target, int jobs) throws Exception;

        Facts describe(Object result);
    }

    record TargetResult(Target target, Facts facts, List<Run> runs) {
        /** The run with the smallest wall time. */
        Run best() {
            return runs.stream().min(Comparator.comparingLong(Run::wallNanos)).orElseThrow();
        }

        long maxPeakHeap() {
            return runs.stream().mapToLong(Run::peakHeapBytes).max().orElse(0);
        }

        long maxSampledPeakHeap() {
            return runs.stream().mapToLong(Run::sampledPeakHeapBytes).max().orElse(0);
        }

        long maxLiveHeap() {
            return runs.stream().mapToLong(Run::liveHeapBytes).max().orElse(0);
        }
    }

    static TargetResult measure(Workload workload, Target target, int jobs) throws Exception {
        List<Run> runs = new ArrayList<>();
        Facts facts = null;
        for (int i = 0; i < Math.max(1, target.runs()); i++) {
            Facts f = runAndDescribe(workload, target, jobs, runs);
            if (facts == null) {
                facts = f;
            }
        }
        return new TargetResult(target, facts, runs);
    }

    /** One measured run, added to {@code runs} with its phases; returns what the workload reports. */
    private static Facts runAndDescribe(Workload workload, Target target, int jobs, List<Run> runs)
            throws Exception {
        Object[] holder = new Object[1];
        Run run = measureOnce(workload, target.path(), jobs, holder);
        Facts f = workload.describe(holder[0]);
        holder[0] = null;
        runs.add(run.withPhases(f.phases()));
        return f;
    }

    /**
     * Two job counts on one target, run alternately (A, B, A, B, ...) so that neither gains from
     * coming later — a warmer JIT, a larger heap — and compared by their best runs.
     */
    static List<TargetResult> measureAlternately(Workload workload, Target target, int jobsA, int jobsB)
            throws Exception {
        return measureAlternately(workload, jobsA, workload, jobsB, target);
    }

    /** As above, for two workloads (parse and check, say), each with its number of jobs. */
    static List<TargetResult> measureAlternately(Workload workloadA, int jobsA, Workload workloadB, int jobsB,
            Target target) throws Exception {
        List<Run> runsA = new ArrayList<>();
        List<Run> runsB = new ArrayList<>();
        Facts factsA = null;
        Facts factsB = null;
        for (int i = 0; i < Math.max(1, target.runs()); i++) {
            Facts a = runAndDescribe(workloadA, target, jobsA, runsA);
            Facts b = runAndDescribe(workloadB, target, jobsB, runsB);
            if (i == 0) {
                factsA = a;
                factsB = b;
            }
        }
        return List.of(new TargetResult(target, factsA, runsA), new TargetResult(target, factsB, runsB));
    }

    private static Run measureOnce(Workload workload, Path path, int jobs, Object[] holder) throws Exception {
        fullGc();
        long baseline = heapUsed();
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong sampled = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        long gcTime0 = gcTime();
        long gcCount0 = gcCount();
        long busy0 = systemBusyNanos();
        long cpu0 = processCpu();
        long jit0 = jitTime();
        long t0 = System.nanoTime();
        Object result = workload.run(path, jobs);
        long wall = System.nanoTime() - t0;
        long cpu = processCpu() - cpu0;
        long jit = jitTime() - jit0;
        long busy1 = systemBusyNanos();
        long others = busy0 < 0 || busy1 < 0 ? -1 : Math.max(0, busy1 - busy0 - cpu);
        long gcNanos = (gcTime() - gcTime0) * 1_000_000L;
        long gcs = gcCount() - gcCount0;
        sampler.interrupt();
        sampler.join();
        long peak = 0;
        for (MemoryPoolMXBean p : pools) {
            peak += p.getPeakUsage().getUsed();
        }
        fullGc();
        long live = Math.max(0, heapUsed() - baseline);
        Reference.reachabilityFence(result);
        holder[0] = result;
        return new Run(wall, cpu, gcNanos, gcs, peak, sampled.get(), live, others, jit, List.of());
    }

    /**
     * The wall time of a command in a process of its own: the tool's launcher as a user runs it,
     * class loading and JIT compilation included, which the in-process runs have mostly behind
     * them. Fails on an exit code that is not a result.
     */
    static long processNanos(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long t0 = System.nanoTime();
        int rc = p.waitFor();
        long wall = System.nanoTime() - t0;
        requireResult(rc, command);
        return wall;
    }

    /** Exit codes 0, 1 (defects) and 3 (inconclusive) are the tool's results; any other is a failure. */
    private static void requireResult(int exitCode, List<String> command) throws IOException {
        if (exitCode != 0 && exitCode != 1 && exitCode != 3) {
            throw new IOException("exit code " + exitCode + " from " + String.join(" ", command));
        }
    }

    /**
     * The time the JIT compilers spent compiling while a command ran in a process of its own (its
     * JVM told through {@code -XX:+CITime}, added with {@code JAVA_TOOL_OPTIONS}), or -1 when it did
     * not say. A separate run from the timed ones: the flag's report is printed at exit.
     */
    static long processJitNanos(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        String inherited = pb.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        pb.environment().put("JAVA_TOOL_OPTIONS", (inherited + " -XX:+CITime").trim());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        requireResult(p.waitFor(), command);
        var m = java.util.regex.Pattern.compile("Total compilation time\\s*:\\s*([0-9.]+) s").matcher(output);
        return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1e9) : -1;
    }

    // ---- JVM figures ----------------------------------------------------------------------------

    static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .filter(MemoryPoolMXBean::isValid).toList();
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    static void fullGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
    }

    static long processCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        // Fallback: the CPU time of the live threads (misses threads that have ended).
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    static long gcTime() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** Nanoseconds the JIT compilers have spent compiling so far (millisecond resolution), or 0 if not told. */
    static long jitTime() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit.getTotalCompilationTime() * 1_000_000L : 0;
    }

    static long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    /**
     * CPU time all processes have used since boot (user, nice, system, irq, softirq, steal of the
     * "cpu" line of /proc/stat, in clock ticks of 10 ms), or -1 where there is no /proc/stat.
     */
    static long systemBusyNanos() {
        try {
            String first = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 9) {
                return -1;
            }
            long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return ticks * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The system load average of the last minute, or -1 where the OS does not tell. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String gcNames() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
    }

    // ---- text tables ------------------------------------------------------------------------------

    /** A plain text table: first column left-aligned, the others right-aligned. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = String.valueOf(cells[i]);
            }
            rows.add(r);
            return this;
        }

        String render() {
            int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
            int[] width = new int[cols];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < rows.size(); k++) {
                String[] r = rows.get(k);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    String pad = " ".repeat(width[i] - r[i].length());
                    line.append(i == 0 ? r[i] + pad : pad + r[i]);
                    if (i + 1 < r.length) {
                        line.append("  ");
                    }
                }
                sb.append(line.toString().stripTrailing()).append('\n');
                if (k == 0) {
                    sb.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
                }
            }
            return sb.toString();
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d", Math.round(bytes / 1048576.0));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    /** A small JSON writer for maps, lists, strings, numbers and booleans (insertion order kept). */
    static String json(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.1f", d));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("  ".repeat(indent + 1));
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent + 1);
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                sb.append("  ".repeat(indent + 1));
                write(sb, l.get(i), indent + 1);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A run as JSON, with lines/second for the whole run and each phase. */
    static Map<String, Object> runJson(Run r, long lines) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wallNanos", r.wallNanos());
        m.put("cpuNanos", r.cpuNanos());
        m.put("gcNanos", r.gcNanos());
        m.put("gcCount", r.gcCount());
        m.put("jitNanos", r.jitNanos());
        m.put("peakHeapBytes", r.peakHeapBytes());
        m.put("sampledPeakHeapBytes", r.sampledPeakHeapBytes());
        m.put("liveHeapBytes", r.liveHeapBytes());
        m.put("otherProcessesCpuNanos", r.otherCpuNanos());
        m.put("linesPerSecondWall", r.wallNanos() <= 0 ? 0.0 : lines / (r.wallNanos() / 1e9));
        List<Object> phases = new ArrayList<>();
        for (Phase p : r.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("nanos", p.nanos());
            pm.put("threadSummed", p.threadSummed());
            pm.put("linesPerSecond", p.linesPerSecond(lines));
            phases.add(pm);
        }
        m.put("phases", phases);
        return m;
    }
}
