package org.opensdv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code threads} threads can gain on this machine at best: the same allocating, hashing work
 * (small maps of small records, as the analysis builds) run on one thread, then on each of
 * {@code threads} threads at once, the best of several rounds of each. The tool's speed-up with
 * {@code --jobs} is read against this rather than against the number of threads: cores a hypervisor
 * shares, memory bandwidth, the collector and the code the JIT made cost every program alike.
 */
record ParallelCeiling(int threads, long oneThreadNanos, long allThreadsNanos) {
    /** About 0.2 s on one thread here compiled by C2, three times that by C1 alone. */
    private static final int WORK = 16_000_000;

    /** Where the work's checksums go, so that the JIT cannot drop the work. */
    private static volatile long sink;

    double speedup() {
        return threads * oneThreadNanos / (double) allThreadsNanos;
    }

    /** Measured in this JVM. */
    static ParallelCeiling measure(int threads, int rounds) throws InterruptedException {
        sink = work(WORK / 8); // compiled before it is timed
        long one = Long.MAX_VALUE;
        long all = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink = work(WORK);
            one = Math.min(one, System.nanoTime() - t0);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(new Thread(() -> sink = work(WORK), "bench-ceiling-" + i));
            }
            long t1 = System.nanoTime();
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            all = Math.min(all, System.nanoTime() - t1);
        }
        return new ParallelCeiling(threads, one, all);
    }

    /**
     * Measured in a JVM of its own, set up as the tool's launcher sets up the JVM a user's check runs
     * in: the flags that JVM reports ({@code -XX:+PrintCommandLineFlags}), but its class-data archive,
     * which is for the tool's classes only.
     */
    static ParallelCeiling measureAsLauncher(String launcher, int threads, int rounds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(launcherJvmFlags(launcher));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParallelCeiling.class.getName(),
                Integer.toString(threads), Integer.toString(rounds)));
        String[] lines = run(new ProcessBuilder(command)).trim().split("\n");
        String[] f = lines[lines.length - 1].trim().split("\\s+"); // after any note the JVM printed first
        return new ParallelCeiling(threads, Long.parseLong(f[0]), Long.parseLong(f[1]));
    }

    private static List<String> launcherJvmFlags(String launcher) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher, "--version");
        pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags");
        String out = run(pb);
        for (String line : out.split("\n")) {
            if (line.startsWith("-XX:")) {
                // the flags as printed include diagnostic ones, which must be unlocked to be given back
                List<String> flags = new ArrayList<>(List.of("-XX:+UnlockDiagnosticVMOptions",
                        "-XX:+UnlockExperimentalVMOptions"));
                for (String flag : line.trim().split("\\s+")) {
                    if (!flag.startsWith("-XX:SharedArchiveFile=") && !flag.equals("-XX:+PrintCommandLineFlags")) {
                        flags.add(flag);
                    }
                }
                return flags;
            }
        }
        throw new IOException("the launcher's JVM did not print its flags: " + out);
    }

    /** Its output, stdout and stderr together; fails unless it exits with 0. */
    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("exit code " + p.exitValue() + " from " + String.join(" ", pb.command()) + ": " + out);
        }
        return out;
    }

    private record Cell(int owner, long field) {
    }

    /** Builds and reads {@code n / 16} maps of 16 small records each; returns a checksum. */
    private static long work(int n) {
        long sum = 0;
        for (int i = 0; i < n; i += 16) {
            Map<Cell, List<Long>> map = new HashMap<>();
            for (int j = 0; j < 16; j++) {
                map.put(new Cell(i, j), List.of((long) i * j, (long) j));
            }
            for (int j = 0; j < 16; j += 3) {
                sum += map.get(new Cell(i, j)).get(0);
            }
        }
        return sum;
    }

    /** In a JVM of its own: {@code THREADS ROUNDS}; prints the one-thread and all-threads nanoseconds. */
    public static void main(String[] args) throws InterruptedException {
        ParallelCeiling c = measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        System.out.printf(Locale.ROOT, "%d %d%n", c.oneThreadNanos(), c.allThreadsNanos());
    }
}
