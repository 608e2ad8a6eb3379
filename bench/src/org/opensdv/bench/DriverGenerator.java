package org.opensdv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a synthetic file-system driver of a given size, in the dialect and with the idioms of the
 * Windows file systems (fastfat, cdfs): dispatch routines registered in DriverEntry, IRP contexts,
 * acquire wrappers that take a Wait argument, {@code try}/{@code finally} with BOOLEAN "acquired"
 * flags and {@code try_return}, {@code __try}/{@code __leave}/{@code __finally}, non-blocking
 * acquires whose result is checked, helper call chains five and more deep, loops over arrays of
 * resources, switch statements, wrapper macros ({@code do { } while (0)}) and FORCEINLINE wrappers.
 *
 * <p>Layout of the output folder:
 * <pre>
 *   GfsStruc.h  GfsProcs.h              shared structures, macros, inline wrappers, prototypes
 *   GfsInit.c   ResrcSup.c  StrucSup.c  DriverEntry, acquire wrappers, IRP contexts, the FSP
 *   compNN/GfsCompNN.h                  prototypes of component NN's exported routines
 *   compNN/*.c                          modules of about 1-3 kLOC each
 *   gfs-manifest.properties             what was generated, with the deliberate defects
 * </pre>
 * Size: the {@code .c} files hold {@code kloc * 1000} lines (within a few lines per module; for very
 * small sizes, below about 5 kLOC, the minimum content of a module can overshoot). Headers come on
 * top. The same (kloc, seed) always gives the same bytes.
 *
 * <p>The code is correct for ExclusiveResourceAccess except for deliberate defects: some modules'
 * worker routines leak the VCB exclusively on an error path. Each such return carries
 * {@code // expect: ExclusiveResourceAccess held-at-exit} and is listed in the manifest.
 */
public final class DriverGenerator {
    /** Bump when the generated text changes, so that cached outputs are regenerated. */
    public static final int VERSION = 1;
    public static final String MANIFEST = "gfs-manifest.properties";
    static final String EXPECT = "// expect: ExclusiveResourceAccess held-at-exit";

    private static final int MODULE_LINES = 2200;
    private static final int MODULES_PER_COMPONENT = 8;
    private static final int CHILDREN_PER_MODULE = 3;
    private static final int RESOURCE_SLOTS = 64;
    private static final double DEFECT_RATE = 0.2;

    /** What was written. {@code cLines} is the size of the translation units, the figure {@code kloc} targets. */
    public record Result(Path root, int kloc, long seed, int cFiles, int hFiles, long cLines, long hLines,
            int functions, int dispatchRoutines, List<Defect> defects) {
    }

    public record Defect(String file, int line, String function, String kind) {
    }

    private DriverGenerator() {
    }

    // ------------------------------------------------------------------------------------------
    // Command line and library entry
    // ------------------------------------------------------------------------------------------

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || args[0].startsWith("-")) {
            System.err.println("usage: DriverGenerator OUT_DIR KLOC [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int kloc;
        long seed = args.length == 3 ? Long.parseLong(args[2]) : 1L;
        try {
            kloc = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            System.err.println("KLOC must be a whole number: " + args[1]);
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        Result r;
        try {
            r = generate(out, kloc, seed);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("generated %s: %d .c files (%,d lines), %d headers (%,d lines), %,d functions, "
                + "%d dispatch routines, %d deliberate defects, seed %d, in %.1f s%n",
                r.root(), r.cFiles(), r.cLines(), r.hFiles(), r.hLines(), r.functions(), r.dispatchRoutines(),
                r.defects().size(), r.seed(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Generates into {@code out}, which must be missing, empty, or an earlier output of this
     * generator (it is then cleared first).
     */
    public static Result generate(Path out, int kloc, long seed) throws IOException {
        if (kloc < 1) {
            throw new IllegalArgumentException("KLOC must be at least 1");
        }
        prepare(out);
        Result r = new Generator(out.toAbsolutePath().normalize(), kloc, seed).run();
        writeManifest(r);
        return r;
    }

    /** The manifest of an earlier output, or null when there is none (or it is unreadable). */
    public static Properties readManifest(Path dir) {
        Path m = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(m)) {
            p.load(in);
            return p;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Is {@code dir} a complete output of this generator version for (kloc, seed)? */
    public static boolean isCurrent(Path dir, int kloc, long seed) {
        Properties p = readManifest(dir);
        return p != null && String.valueOf(VERSION).equals(p.getProperty("version"))
                && String.valueOf(kloc).equals(p.getProperty("kloc"))
                && String.valueOf(seed).equals(p.getProperty("seed"))
                && "true".equals(p.getProperty("complete"));
    }

    private static void prepare(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty) {
                if (readManifest(out) == null) {
                    throw new IllegalArgumentException(out + " is not empty and holds no " + MANIFEST
                            + "; refusing to overwrite it");
                }
                try (Stream<Path> walk = Files.walk(out)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(out)) {
                            Files.delete(p);
                        }
                    }
                }
            }
        } else if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists and is not a folder");
        }
        Files.createDirectories(out);
        // Written first and completed last: an interrupted run is never mistaken for a good one.
        Properties p = new Properties();
        p.setProperty("complete", "false");
        try (OutputStream o = Files.newOutputStream(out.resolve(MANIFEST))) {
            p.store(o, "OpenSDV benchmark driver (incomplete)");
        }
    }

    private static void writeManifest(Result r) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# OpenSDV benchmark driver, written by org.opensdv.bench.DriverGenerator\n");
        sb.append("version=").append(VERSION).append('\n');
        sb.append("kloc=").append(r.kloc()).append('\n');
        sb.append("seed=").append(r.seed()).append('\n');
        sb.append("cFiles=").append(r.cFiles()).append('\n');
        sb.append("hFiles=").append(r.hFiles()).append('\n');
        sb.append("cLines=").append(r.cLines()).append('\n');
        sb.append("hLines=").append(r.hLines()).append('\n');
        sb.append("functions=").append(r.functions()).append('\n');
        sb.append("dispatchRoutines=").append(r.dispatchRoutines()).append('\n');
        sb.append("defects=").append(r.defects().size()).append('\n');
        for (int i = 0; i < r.defects().size(); i++) {
            Defect d = r.defects().get(i);
            sb.append("defect.").append(i).append('=').append(d.file()).append(':').append(d.line()).append(':')
                    .append(d.function()).append(':').append(d.kind()).append('\n');
        }
        sb.append("complete=true\n");
        Files.writeString(r.root().resolve(MANIFEST), sb.toString(), StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------------------------------
    // Randomness: splitmix64, so that the output depends on nothing but (kloc, seed)
    // ------------------------------------------------------------------------------------------

    static final class Rng {
        private long state;

        Rng(long seed) {
            state = seed;
        }

        static Rng of(long... parts) {
            long h = 0x243F6A8885A308D3L;
            for (long p : parts) {
                h = new Rng(h ^ p).next();
            }
            return new Rng(h);
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, n); always one draw. */
        int below(int n) {
            return (int) Math.floorMod(next(), (long) n);
        }

        int between(int lo, int hi) {
            return lo + below(hi - lo + 1);
        }

        boolean chance(double p) {
            return (next() >>> 11) * 0x1.0p-53 < p;
        }

        double unit() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        <T> T pick(T[] a) {
            return a[below(a.length)];
        }

        <T> T pick(List<T> a) {
            return a.get(below(a.size()));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Text
    // ------------------------------------------------------------------------------------------

    /** Lines with C-style indentation (four spaces). */
    static final class Lines {
        final List<String> out = new ArrayList<>();
        int indent;

        Lines l(String s) {
            out.add(s.isEmpty() ? "" : "    ".repeat(indent) + s);
            return this;
        }

        Lines blank() {
            out.add("");
            return this;
        }

        /** A line that opens a block ("... {"). */
        Lines open(String s) {
            l(s);
            indent++;
            return this;
        }

        /** A line that closes a block ("}"). */
        Lines close(String s) {
            indent--;
            l(s);
            return this;
        }

        /** A line between two blocks ("} else {"), or a label at the level of the enclosing block. */
        Lines mid(String s) {
            indent--;
            l(s);
            indent++;
            return this;
        }

        Lines comment(String... text) {
            l("//");
            for (String t : text) {
                l("//  " + t);
            }
            l("//");
            blank();
            return this;
        }

        Lines raw(String text) {
            for (String s : text.split("\n", -1)) {
                out.add(s);
            }
            return this;
        }

        int size() {
            return out.size();
        }
    }

    static final String[] VERBS = {"Lookup", "Prepare", "Validate", "Update", "Commit", "Scan", "Locate", "Adjust",
        "Merge", "Split", "Flush", "Load", "Store", "Translate", "Check", "Compute", "Refresh", "Insert", "Remove",
        "Truncate", "Extend", "Reserve", "Resolve", "Walk", "Build", "Map", "Mark", "Claim", "Sync", "Rebuild",
        "Repair", "Encode", "Decode", "Verify", "Probe", "Gather", "Scatter", "Trim", "Fold", "Seal"};
    static final String[] OBJECTS = {"Entry", "Cluster", "Run", "Extent", "Name", "Index", "Record", "Block",
        "Bitmap", "Window", "Stream", "Attribute", "Chain", "Dirent", "Header", "Sector", "Segment", "Table",
        "Bucket", "Node", "Leaf", "Key", "Range", "Mapping", "Descriptor", "Cursor", "Slot", "Page", "Hint",
        "Journal", "Checkpoint", "Allocation", "Directory", "Volume", "Label", "Quota", "Link", "Tail"};
    static final String[] NOUNS = {"Alloc", "Dir", "Name", "Cache", "Ea", "Lock", "Verify", "Dirent", "Fat", "Mft",
        "Index", "Bitmap", "Log", "Quota", "Stream", "Attr", "Extent", "Secur", "Oplock", "Notify", "Usn",
        "Reparse", "Sector", "Vol", "Pool", "Hash", "Tree", "Journal", "Snap", "Compr", "Split", "Ckpt"};
    static final String[] NOUN_PHRASES = {"allocation", "directory", "file name", "cache", "extended attribute",
        "byte-range lock", "volume verification", "directory entry", "cluster chain", "file record", "index",
        "free space bitmap", "transaction log", "quota", "stream", "attribute", "extent", "security descriptor",
        "opportunistic lock", "change notification", "change journal", "reparse point", "sector", "volume",
        "pool", "hash table", "B-tree", "journal", "snapshot", "compression", "split", "checkpoint"};
    static final String[] SCOPES = {"file", "directory", "volume", "stream", "request", "parent directory",
        "allocation", "cluster run", "index buffer", "caller"};
    static final String[] SENTENCES = {
        "The caller may hold the FCB shared or exclusive.",
        "If the request may not wait, the routine fails with STATUS_CANT_WAIT and the caller posts it.",
        "On return the in-memory state reflects what is on the disk.",
        "Entries are examined in the order in which they appear on the disk.",
        "A zero entry terminates the scan.",
        "The routine never blocks while it owns a partition resource.",
        "Counters are kept for the statistics query and are not exact.",
        "Errors are returned to the caller; nothing is raised.",
        "This is a worker of the common routine and runs in the thread of the request or of the FSP.",
        "The table resource serializes updates; readers take it shared.",
        "Work that must wait is queued to a worker thread.",
        "The result is only a hint and the caller must revalidate it under the VCB resource.",
        "Directory entries that are being deleted are skipped.",
        "The depth argument limits the recursion of the callers.",
    };

    // ------------------------------------------------------------------------------------------
    // The plan: modules, components, dispatch routines, call tree
    // ------------------------------------------------------------------------------------------

    /** One IRP major function: the dispatch module that handles it and how its common routine switches. */
    record Major(String name, String file, String mj, String selector, String[] labels, String summary) {
    }

    static final Major[] MAJORS = {
        new Major("Create", "create.c", "IRP_MJ_CREATE", "(IrpSp->Parameters.Create.Options >> 24) & 0xff",
            new String[] {"FILE_SUPERSEDE", "FILE_OPEN", "FILE_CREATE", "FILE_OPEN_IF", "FILE_OVERWRITE"},
            "opens and creates files"),
        new Major("Read", "read.c", "IRP_MJ_READ", "IrpSp->MinorFunction",
            new String[] {"IRP_MN_NORMAL", "IRP_MN_MDL", "IRP_MN_COMPLETE"}, "reads file data"),
        new Major("Write", "write.c", "IRP_MJ_WRITE", "IrpSp->MinorFunction",
            new String[] {"IRP_MN_NORMAL", "IRP_MN_MDL", "IRP_MN_COMPLETE"}, "writes file data"),
        new Major("Cleanup", "cleanup.c", "IRP_MJ_CLEANUP", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindDirectory", "GfsKindIndex"}, "cleans up the last handle of a file"),
        new Major("Close", "close.c", "IRP_MJ_CLOSE", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindDirectory"}, "closes file objects"),
        new Major("DirectoryControl", "dirctrl.c", "IRP_MJ_DIRECTORY_CONTROL", "IrpSp->MinorFunction",
            new String[] {"IRP_MN_QUERY_DIRECTORY", "IRP_MN_NOTIFY_CHANGE_DIRECTORY"},
            "enumerates directories and watches them for changes"),
        new Major("FileSystemControl", "fsctrl.c", "IRP_MJ_FILE_SYSTEM_CONTROL", "IrpSp->MinorFunction",
            new String[] {"IRP_MN_USER_FS_REQUEST", "IRP_MN_MOUNT_VOLUME", "IRP_MN_VERIFY_VOLUME",
                "IRP_MN_LOAD_FILE_SYSTEM"}, "mounts, verifies and controls volumes"),
        new Major("QueryInformation", "fileinfo.c", "IRP_MJ_QUERY_INFORMATION",
            "IrpSp->Parameters.QueryFile.FileInformationClass",
            new String[] {"GFS_INFO_CLASS_BASIC", "GFS_INFO_CLASS_STANDARD", "GFS_INFO_CLASS_POSITION"},
            "returns file information"),
        new Major("SetInformation", "setinfo.c", "IRP_MJ_SET_INFORMATION",
            "IrpSp->Parameters.SetFile.FileInformationClass",
            new String[] {"GFS_INFO_CLASS_BASIC", "GFS_INFO_CLASS_RENAME", "GFS_INFO_CLASS_DISPOSITION",
                "GFS_INFO_CLASS_END_OF_FILE", "GFS_INFO_CLASS_ALLOCATION"}, "changes file information"),
        new Major("FlushBuffers", "flush.c", "IRP_MJ_FLUSH_BUFFERS", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindDirectory", "GfsKindLog"}, "flushes files and volumes"),
        new Major("LockControl", "lockctrl.c", "IRP_MJ_LOCK_CONTROL", "IrpSp->MinorFunction",
            new String[] {"GFS_MN_LOCK", "GFS_MN_UNLOCK_SINGLE", "GFS_MN_UNLOCK_ALL"}, "handles byte-range locks"),
        new Major("QueryVolumeInformation", "volinfo.c", "IRP_MJ_QUERY_VOLUME_INFORMATION",
            "IrpSp->Parameters.QueryVolume.FsInformationClass",
            new String[] {"GFS_FS_INFO_VOLUME", "GFS_FS_INFO_SIZE", "GFS_FS_INFO_DEVICE", "GFS_FS_INFO_ATTRIBUTE"},
            "returns volume information"),
        new Major("SetVolumeInformation", "setvol.c", "IRP_MJ_SET_VOLUME_INFORMATION",
            "IrpSp->Parameters.QueryVolume.FsInformationClass",
            new String[] {"GFS_FS_INFO_VOLUME", "GFS_FS_INFO_LABEL"}, "changes volume information"),
        new Major("DeviceControl", "devctrl.c", "IRP_MJ_DEVICE_CONTROL",
            "IrpSp->Parameters.DeviceIoControl.IoControlCode",
            new String[] {"GFS_IOCTL_QUERY_STATISTICS", "GFS_IOCTL_RESET_STATISTICS", "GFS_IOCTL_FLUSH_LOG"},
            "handles device I/O control requests"),
        new Major("Shutdown", "shutdown.c", "IRP_MJ_SHUTDOWN", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindLog"}, "flushes everything at shutdown"),
        new Major("Pnp", "pnp.c", "IRP_MJ_PNP", "IrpSp->MinorFunction",
            new String[] {"IRP_MN_QUERY_REMOVE_DEVICE", "IRP_MN_REMOVE_DEVICE", "IRP_MN_CANCEL_REMOVE_DEVICE",
                "IRP_MN_SURPRISE_REMOVAL"}, "handles plug and play requests for the volume"),
        new Major("QueryEa", "ea.c", "IRP_MJ_QUERY_EA", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindEa"}, "returns extended attributes"),
        new Major("SetEa", "setea.c", "IRP_MJ_SET_EA", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindEa"}, "changes extended attributes"),
        new Major("QuerySecurity", "secursup.c", "IRP_MJ_QUERY_SECURITY", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindSecurity"}, "returns security descriptors"),
        new Major("SetSecurity", "setsec.c", "IRP_MJ_SET_SECURITY", "Fcb->EntryKind",
            new String[] {"GfsKindData", "GfsKindSecurity", "GfsKindDirectory"}, "changes security descriptors"),
    };

    static final class Module {
        int index;
        int component;
        Major major; // null for a support module
        String tag; // "Dir23", or "Create"
        String file; // "comp02/dirsup23.c"
        String phrase; // "directory"
        int budget;
        int headCount;
        int[] chainLengths;
        String[] heads;
        String worker;
        boolean defective;
        long seedBase;
        List<Module> children = new ArrayList<>();
        Set<String> names = new HashSet<>();

        String dataName() {
            return "Gfs" + tag + "Data";
        }

        String componentDir() {
            return String.format("comp%02d", component);
        }

        String componentHeader() {
            return String.format("GfsComp%02d.h", component);
        }
    }

    /** One function definition of a module. */
    static final class Fn {
        final String name;
        final boolean isStatic;
        final String prototype; // one-line forward declaration, for static functions
        final List<String> lines;

        Fn(String name, boolean isStatic, String prototype, List<String> lines) {
            this.name = name;
            this.isStatic = isStatic;
            this.prototype = prototype;
            this.lines = lines;
        }
    }

    // ------------------------------------------------------------------------------------------
    // The generator
    // ------------------------------------------------------------------------------------------

    static final class Generator {
        final Path root;
        final int kloc;
        final long seed;
        final List<Module> modules = new ArrayList<>();
        final List<Module> dispatch = new ArrayList<>();
        final Map<String, List<String>> files = new LinkedHashMap<>();

        Generator(Path root, int kloc, long seed) {
            this.root = root;
            this.kloc = kloc;
            this.seed = seed;
        }

        Result run() throws IOException {
            long target = kloc * 1000L;
            Rng plan = Rng.of(seed, kloc, 1);
            // The fixed units grow with the number of dispatch routines; estimate, then correct.
            long estimateFixed = 760 + 12L * Math.min(MAJORS.length, Math.max(1, (target - 900) / MODULE_LINES));
            int count = (int) Math.max(1, Math.round((target - estimateFixed) / (double) MODULE_LINES));
            int dispatchCount = Math.min(count, MAJORS.length);
            int nextNoun = plan.below(NOUNS.length);
            for (int i = 0; i < count; i++) {
                Module m = new Module();
                m.index = i;
                m.component = i / MODULES_PER_COMPONENT;
                if (i < dispatchCount) {
                    m.major = MAJORS[i];
                    m.tag = m.major.name();
                    m.file = m.componentDir() + "/" + m.major.file();
                    m.phrase = m.major.name().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
                    dispatch.add(m);
                } else {
                    int n = (nextNoun + i) % NOUNS.length;
                    m.tag = NOUNS[n] + i;
                    m.file = m.componentDir() + "/" + NOUNS[n].toLowerCase() + "sup" + i + ".c";
                    m.phrase = NOUN_PHRASES[n];
                }
                modules.add(m);
            }
            // Call tree: each support module hangs below an earlier module, so calls flow one way.
            for (int i = dispatchCount; i < count; i++) {
                int parent = (i - dispatchCount) / CHILDREN_PER_MODULE;
                modules.get(parent).children.add(modules.get(i));
            }
            // Fixed units first: their size decides the budget that remains for the modules.
            List<String> init = genInit();
            List<String> resrc = genResrcSup();
            List<String> struc = genStrucSup();
            long fixed = init.size() + resrc.size() + struc.size();
            long remaining = Math.max(0, target - fixed);
            double[] weights = new double[count];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                weights[i] = 0.6 + 0.8 * plan.unit();
                sum += weights[i];
            }
            long assigned = 0;
            for (int i = 0; i < count; i++) {
                long b = (i == count - 1) ? remaining - assigned : Math.round(remaining * weights[i] / sum);
                modules.get(i).budget = (int) Math.max(0, b);
                assigned += modules.get(i).budget;
            }
            int defects = 0;
            for (Module m : modules) {
                Rng r = Rng.of(seed, kloc, 2, m.index);
                m.seedBase = r.next();
                m.headCount = Math.max(2, Math.min(6, (int) Math.round(m.budget / 1100.0)));
                m.chainLengths = new int[m.headCount];
                m.heads = new String[m.headCount];
                for (int j = 0; j < m.headCount; j++) {
                    m.chainLengths[j] = r.between(5, 7);
                    m.heads[j] = uniqueName(m, r);
                }
                m.worker = "Gfs" + m.tag + "Worker";
                m.names.add(m.worker);
                m.defective = r.chance(DEFECT_RATE);
                if (m.defective) {
                    defects++;
                }
            }
            if (defects == 0) {
                // Always leave something for an analysis benchmark to find.
                modules.get(count - 1).defective = true;
            }

            files.put("GfsStruc.h", genStruc());
            files.put("GfsProcs.h", genProcs());
            files.put("GfsInit.c", init);
            files.put("ResrcSup.c", resrc);
            files.put("StrucSup.c", struc);
            int components = (count + MODULES_PER_COMPONENT - 1) / MODULES_PER_COMPONENT;
            for (int c = 0; c < components; c++) {
                files.put(String.format("comp%02d/GfsComp%02d.h", c, c), genComponentHeader(c));
            }
            for (Module m : modules) {
                files.put(m.file, new ModuleGen(m).generate());
            }
            return write();
        }

        String uniqueName(Module m, Rng r) {
            for (int attempt = 0; ; attempt++) {
                String n = "Gfs" + m.tag + r.pick(VERBS) + r.pick(OBJECTS) + (attempt > 30 ? attempt : "");
                if (m.names.add(n)) {
                    return n;
                }
            }
        }

        Result write() throws IOException {
            long cLines = 0;
            long hLines = 0;
            int cFiles = 0;
            int hFiles = 0;
            int functions = 0;
            List<Defect> defects = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                List<String> lines = e.getValue();
                StringBuilder sb = new StringBuilder(lines.size() * 40);
                for (String s : lines) {
                    // CRLF, as the sources of Windows drivers usually are.
                    sb.append(s).append("\r\n");
                }
                Files.writeString(p, sb, StandardCharsets.US_ASCII);
                if (e.getKey().endsWith(".c")) {
                    cFiles++;
                    cLines += lines.size();
                } else {
                    hFiles++;
                    hLines += lines.size();
                }
                functions += countDefinitions(lines);
                String current = null;
                for (int i = 0; i < lines.size(); i++) {
                    Matcher mm = DEFINITION.matcher(lines.get(i));
                    if (mm.matches()) {
                        current = mm.group(1);
                    }
                    if (lines.get(i).contains(EXPECT)) {
                        defects.add(new Defect(e.getKey(), i + 1, current, "held-at-exit"));
                    }
                }
            }
            return new Result(root, kloc, seed, cFiles, hFiles, cLines, hLines, functions, dispatch.size(),
                    defects);
        }

        // --------------------------------------------------------------------------------------
        // Shared headers
        // --------------------------------------------------------------------------------------

        List<String> genStruc() {
            Lines w = new Lines();
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    GfsStruc.h

                Abstract:

                    This module defines the in-memory structures of the generated file
                    system: the global data, the volume control block (VCB), the file
                    control block (FCB), the context control block (CCB), the IRP context
                    and the data private to each module.

                --*/

                #ifndef _GFSSTRUC_
                #define _GFSSTRUC_

                typedef CSHORT NODE_TYPE_CODE;
                typedef NODE_TYPE_CODE *PNODE_TYPE_CODE;

                #define GFS_NTC_DATA_HEADER             ((NODE_TYPE_CODE)0x0700)
                #define GFS_NTC_VCB                     ((NODE_TYPE_CODE)0x0701)
                #define GFS_NTC_FCB                     ((NODE_TYPE_CODE)0x0702)
                #define GFS_NTC_DCB                     ((NODE_TYPE_CODE)0x0703)
                #define GFS_NTC_CCB                     ((NODE_TYPE_CODE)0x0704)
                #define GFS_NTC_IRP_CONTEXT             ((NODE_TYPE_CODE)0x0705)

                #define GFS_PARTITION_COUNT             (8)
                #define GFS_MODULE_RESOURCE_COUNT       (%d)
                #define GFS_ENTRIES_PER_BLOCK           (32)
                #define GFS_HASH_BUCKETS                (16)

                //
                //  The kinds of on-disk entries.
                //

                typedef enum _GFS_ENTRY_KIND {
                    GfsKindFree = 0,
                    GfsKindData,
                    GfsKindDirectory,
                    GfsKindIndex,
                    GfsKindEa,
                    GfsKindSecurity,
                    GfsKindLog,
                    GfsKindReserved
                } GFS_ENTRY_KIND;

                //
                //  Information classes and minor codes that the common routines switch on.
                //

                #define GFS_INFO_CLASS_BASIC            (4)
                #define GFS_INFO_CLASS_STANDARD         (5)
                #define GFS_INFO_CLASS_RENAME           (10)
                #define GFS_INFO_CLASS_DISPOSITION      (13)
                #define GFS_INFO_CLASS_POSITION         (14)
                #define GFS_INFO_CLASS_ALLOCATION       (19)
                #define GFS_INFO_CLASS_END_OF_FILE      (20)

                #define GFS_FS_INFO_VOLUME              (1)
                #define GFS_FS_INFO_LABEL               (2)
                #define GFS_FS_INFO_SIZE                (3)
                #define GFS_FS_INFO_DEVICE              (4)
                #define GFS_FS_INFO_ATTRIBUTE           (5)

                #define GFS_MN_LOCK                     (0x01)
                #define GFS_MN_UNLOCK_SINGLE            (0x02)
                #define GFS_MN_UNLOCK_ALL               (0x03)

                #define GFS_IOCTL_QUERY_STATISTICS      CTL_CODE(FILE_DEVICE_DISK_FILE_SYSTEM, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
                #define GFS_IOCTL_RESET_STATISTICS      CTL_CODE(FILE_DEVICE_DISK_FILE_SYSTEM, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)
                #define GFS_IOCTL_FLUSH_LOG             CTL_CODE(FILE_DEVICE_DISK_FILE_SYSTEM, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)

                //
                //  The global data.  Resource protects the queue of mounted volumes.
                //

                typedef struct _GFS_DATA {

                    NODE_TYPE_CODE NodeTypeCode;
                    CSHORT NodeByteSize;

                    ERESOURCE Resource;
                    LIST_ENTRY VcbQueue;

                    PDRIVER_OBJECT DriverObject;
                    PDEVICE_OBJECT FileSystemDeviceObject;

                    CACHE_MANAGER_CALLBACKS CacheManagerCallbacks;

                    ULONG Flags;
                    ULONG PostedRequestCount;

                } GFS_DATA, *PGFS_DATA;

                extern GFS_DATA GfsData;
                extern FAST_IO_DISPATCH GfsFastIoDispatch;

                //
                //  A partition of the volume's clusters, with its own resource.
                //

                typedef struct _GFS_PARTITION {

                    ERESOURCE Resource;
                    ULONG FirstCluster;
                    ULONG ClusterCount;
                    ULONG FreeClusters;
                    ULONG Generation;

                } GFS_PARTITION, *PGFS_PARTITION;

                //
                //  The volume control block.  Resource protects the volume state and the
                //  FCB list; ChangeBitMapResource protects the free cluster count.
                //

                typedef struct _VCB {

                    NODE_TYPE_CODE NodeTypeCode;
                    CSHORT NodeByteSize;

                    LIST_ENTRY VcbLinks;
                    PDEVICE_OBJECT TargetDeviceObject;
                    PVPB Vpb;

                    ULONG VcbState;
                    ULONG VcbCondition;
                    ULONG OpenFileCount;

                    ERESOURCE Resource;
                    ERESOURCE ChangeBitMapResource;

                    LIST_ENTRY FcbList;

                    ULONG BytesPerCluster;
                    ULONG ClusterShift;
                    ULONG TotalClusters;
                    ULONG FreeClusterCount;

                    GFS_PARTITION Partitions[GFS_PARTITION_COUNT];
                    ULONG Statistics[GFS_HASH_BUCKETS];

                } VCB, *PVCB;

                #define VCB_STATE_FLAG_LOCKED                (0x00000001)
                #define VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS  (0x00000002)
                #define VCB_STATE_FLAG_WRITE_PROTECTED       (0x00000004)
                #define VCB_STATE_FLAG_MOUNTED               (0x00000008)
                #define VCB_STATE_FLAG_REMOVABLE_MEDIA       (0x00000010)

                //
                //  The nonpaged part of an FCB holds the resources its header points to.
                //

                typedef struct _NON_PAGED_FCB {

                    ERESOURCE Resource;
                    ERESOURCE PagingIoResource;
                    SECTION_OBJECT_POINTERS SectionObjectPointers;
                    ULONG OutstandingAsyncWrites;
                    PKEVENT OutstandingAsyncEvent;

                } NON_PAGED_FCB, *PNON_PAGED_FCB;

                //
                //  The file control block.
                //

                typedef struct _FCB {

                    FSRTL_COMMON_FCB_HEADER Header;

                    PNON_PAGED_FCB NonPaged;
                    PVCB Vcb;
                    struct _FCB *ParentDcb;
                    LIST_ENTRY VcbLinks;

                    ULONG FcbState;
                    ULONG UncleanCount;
                    ULONG OpenCount;

                    ULONG FirstCluster;
                    ULONG ClusterCount;
                    ULONG DirentOffset;
                    ULONG Attributes;
                    GFS_ENTRY_KIND EntryKind;

                    SHARE_ACCESS ShareAccess;
                    UNICODE_STRING FullFileName;

                    ULONG Entries[GFS_ENTRIES_PER_BLOCK];

                } FCB, *PFCB;

                #define FCB_STATE_DELETE_ON_CLOSE            (0x00000001)
                #define FCB_STATE_TRUNCATE_ON_CLOSE          (0x00000002)
                #define FCB_STATE_FLUSH_PENDING              (0x00000004)
                #define FCB_STATE_DIRTY                      (0x00000008)
                #define FCB_STATE_PAGING_FILE                (0x00000010)

                //
                //  The context control block: one per open of a file.
                //

                typedef struct _CCB {

                    NODE_TYPE_CODE NodeTypeCode;
                    CSHORT NodeByteSize;
                    ULONG Flags;
                    ULONG OffsetToStartSearchFrom;
                    UNICODE_STRING Query;

                } CCB, *PCCB;

                //
                //  The IRP context: what the FSD and the FSP know about a request.
                //

                typedef struct _IRP_CONTEXT {

                    NODE_TYPE_CODE NodeTypeCode;
                    CSHORT NodeByteSize;

                    PIRP OriginatingIrp;
                    PDEVICE_OBJECT RealDevice;
                    PVCB Vcb;

                    ULONG Flags;
                    UCHAR MajorFunction;
                    UCHAR MinorFunction;
                    NTSTATUS ExceptionStatus;

                    WORK_QUEUE_ITEM WorkQueueItem;

                } IRP_CONTEXT, *PIRP_CONTEXT;

                #define IRP_CONTEXT_FLAG_WAIT                (0x00000002)
                #define IRP_CONTEXT_FLAG_WRITE_THROUGH       (0x00000004)
                #define IRP_CONTEXT_FLAG_IN_FSP              (0x00000008)
                #define IRP_CONTEXT_FLAG_RECURSIVE_CALL      (0x00000010)
                #define IRP_CONTEXT_FLAG_DEFERRED            (0x00000020)

                //
                //  The data private to each module: the resources that protect its
                //  tables, and some counters.
                //

                typedef struct _GFS_MODULE_DATA {

                    ERESOURCE Resources[GFS_MODULE_RESOURCE_COUNT];
                    LIST_ENTRY Entries;
                    ULONG EntryCount;
                    ULONG Generation;
                    ULONG Counters[GFS_HASH_BUCKETS];

                } GFS_MODULE_DATA, *PGFS_MODULE_DATA;

                //
                //  A mounted volume's device object: the VCB follows the device object.
                //

                typedef struct _VOLUME_DEVICE_OBJECT {

                    DEVICE_OBJECT DeviceObject;
                    ULONG PostedRequestCount;
                    KSPIN_LOCK OverflowQueueSpinLock;
                    LIST_ENTRY OverflowQueue;
                    VCB Vcb;

                } VOLUME_DEVICE_OBJECT, *PVOLUME_DEVICE_OBJECT;

                #define TAG_IRP_CONTEXT                 'CIfG'
                #define TAG_FCB                         'BCfG'
                #define TAG_FCB_NONPAGED                'NFfG'

                #endif // _GFSSTRUC_""".formatted(RESOURCE_SLOTS));
            return w.out;
        }

        List<String> genProcs() {
            Lines w = new Lines();
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    GfsProcs.h

                Abstract:

                    This module defines the routines and macros that every file of the
                    generated file system uses.  Every source file includes this header.

                --*/

                #ifndef _GFSPROCS_
                #define _GFSPROCS_

                #include <ntifs.h>
                #include "GfsStruc.h"

                #pragma warning(disable: 4127)          // conditional expression is constant

                #ifndef NOTHING
                #define NOTHING
                #endif

                //
                //  Early exit from the body of a try.  The body ends with
                //  "try_exit: NOTHING;" and the finally clause cleans up.
                //

                #define try_return(S)                   { S; goto try_exit; }
                #define try_leave(S)                    { S; leave; }

                //
                //  Tracing compiles to nothing in the free build.
                //

                #define DebugTrace(INDENT, LEVEL, X, Y) {NOTHING;}
                #define DebugUnwind(X)                  {NOTHING;}

                #define CanFsdWait(IRP)                 IoIsOperationSynchronous(IRP)

                //
                //  Releases.  The acquires are routines (resrcsup.c) because they
                //  honour the Wait argument.
                //

                #define GfsReleaseVcb(IRPCONTEXT, Vcb)          ExReleaseResourceLite(&((Vcb)->Resource))
                #define GfsReleaseFcb(IRPCONTEXT, Fcb)          ExReleaseResourceLite((Fcb)->Header.Resource)
                #define GfsReleaseResource(IRPCONTEXT, Res)     ExReleaseResourceLite(Res)

                #define GfsAcquireExclusiveGlobal(IRPCONTEXT)                               \\
                    ExAcquireResourceExclusiveLite(&GfsData.Resource,                       \\
                                                   BooleanFlagOn((IRPCONTEXT)->Flags, IRP_CONTEXT_FLAG_WAIT))

                #define GfsReleaseGlobal(IRPCONTEXT)            ExReleaseResourceLite(&(GfsData.Resource))

                //
                //  A critical region and an acquire as one statement, and the reverse.
                //

                #define GfsAcquireExclusiveCritical(Res)                        \\
                    do {                                                        \\
                        KeEnterCriticalRegion();                                \\
                        (VOID)ExAcquireResourceExclusiveLite((Res), TRUE);      \\
                    } while (0)

                #define GfsAcquireSharedCritical(Res)                           \\
                    do {                                                        \\
                        KeEnterCriticalRegion();                                \\
                        (VOID)ExAcquireResourceSharedLite((Res), TRUE);         \\
                    } while (0)

                #define GfsReleaseCritical(Res)                                 \\
                    do {                                                        \\
                        ExReleaseResourceLite(Res);                             \\
                        KeLeaveCriticalRegion();                                \\
                    } while (0)

                //
                //  The lock of the free cluster count.
                //

                #define GfsLockFreeClusterBitMap(VCB)       ExAcquireResourceExclusiveLite(&(VCB)->ChangeBitMapResource, TRUE)
                #define GfsUnlockFreeClusterBitMap(VCB)     ExReleaseResourceLite(&(VCB)->ChangeBitMapResource)

                //
                //  Inline wrappers.
                //

                _When_(return != FALSE, _Acquires_exclusive_lock_(*Resource))
                FORCEINLINE
                BOOLEAN
                GfsTryAcquireExclusive (
                    _Inout_ PERESOURCE Resource,
                    _In_ BOOLEAN Wait
                    )
                {
                    return ExAcquireResourceExclusiveLite(Resource, Wait);
                }

                _Releases_lock_(*Resource)
                FORCEINLINE
                VOID
                GfsReleaseExclusive (
                    _Inout_ PERESOURCE Resource
                    )
                {
                    ExReleaseResourceLite(Resource);
                }

                FORCEINLINE
                BOOLEAN
                GfsIsFcbGood (
                    _In_opt_ PFCB Fcb
                    )
                {
                    return (BOOLEAN)(Fcb != NULL && Fcb->Header.NodeTypeCode == GFS_NTC_FCB);
                }

                FORCEINLINE
                ULONG
                GfsClusterOf (
                    _In_ PVCB Vcb,
                    _In_ ULONG Offset
                    )
                {
                    return Offset >> Vcb->ClusterShift;
                }

                //
                //  Routines the system calls.
                //

                DRIVER_INITIALIZE DriverEntry;
                DRIVER_UNLOAD GfsUnload;
                WORKER_THREAD_ROUTINE GfsFspDispatch;
                """);
            for (Module m : dispatch) {
                w.l("_Dispatch_type_(" + m.major.mj() + ")");
                w.l("DRIVER_DISPATCH GfsFsd" + m.major.name() + ";");
                w.blank();
            }
            w.raw("""
                //
                //  The common routines, called by the FSD and by the FSP.
                //
                """);
            for (Module m : dispatch) {
                w.l("NTSTATUS GfsCommon" + m.major.name() + " (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);");
            }
            w.raw("""

                //
                //  Resource support (resrcsup.c).  The acquire routines return FALSE
                //  instead of blocking when Wait is FALSE and the resource is busy.
                //

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_exclusive_lock_(Vcb->Resource))
                BOOLEAN
                GfsAcquireExclusiveVcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PVCB Vcb,
                    IN BOOLEAN Wait
                    );

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_shared_lock_(Vcb->Resource))
                BOOLEAN
                GfsAcquireSharedVcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PVCB Vcb,
                    IN BOOLEAN Wait
                    );

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_exclusive_lock_(*Fcb->Header.Resource))
                BOOLEAN
                GfsAcquireExclusiveFcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PFCB Fcb,
                    IN BOOLEAN Wait
                    );

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_shared_lock_(*Fcb->Header.Resource))
                BOOLEAN
                GfsAcquireSharedFcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PFCB Fcb,
                    IN BOOLEAN Wait
                    );

                _When_(return != FALSE, _Acquires_exclusive_lock_(*Resource))
                BOOLEAN
                GfsAcquireExclusiveResource (
                    IN PIRP_CONTEXT IrpContext,
                    IN PERESOURCE Resource,
                    IN BOOLEAN Wait
                    );

                _When_(return != FALSE, _Acquires_shared_lock_(*Resource))
                BOOLEAN
                GfsAcquireSharedResource (
                    IN PIRP_CONTEXT IrpContext,
                    IN PERESOURCE Resource,
                    IN BOOLEAN Wait
                    );

                //
                //  Cache manager callbacks.  By contract the Acquire callbacks return
                //  holding the FCB and the Release callbacks drop it later.
                //

                BOOLEAN NTAPI GfsAcquireFcbForLazyWrite (IN PVOID Fcb, IN BOOLEAN Wait);
                VOID NTAPI GfsReleaseFcbFromLazyWrite (IN PVOID Fcb);
                BOOLEAN NTAPI GfsAcquireFcbForReadAhead (IN PVOID Fcb, IN BOOLEAN Wait);
                VOID NTAPI GfsReleaseFcbFromReadAhead (IN PVOID Fcb);

                //
                //  Structure support (strucsup.c).
                //

                PIRP_CONTEXT GfsCreateIrpContext (IN PIRP Irp, IN BOOLEAN Wait);
                VOID GfsDeleteIrpContext (IN PIRP_CONTEXT IrpContext);
                VOID GfsCompleteRequest (IN PIRP_CONTEXT IrpContext OPTIONAL, IN PIRP Irp OPTIONAL, IN NTSTATUS Status);
                NTSTATUS GfsFsdPostRequest (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);
                BOOLEAN GfsIsIrpTopLevel (IN PIRP Irp);
                LONG GfsExceptionFilter (IN PIRP_CONTEXT IrpContext, IN PEXCEPTION_POINTERS ExceptionPointer);
                NTSTATUS GfsProcessException (IN PIRP_CONTEXT IrpContext, IN PIRP Irp, IN NTSTATUS ExceptionCode);
                VOID GfsInitializeVcb (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb, IN PDEVICE_OBJECT TargetDeviceObject);
                PFCB GfsCreateFcb (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb, IN PFCB ParentDcb);
                VOID GfsDeleteFcb (IN PIRP_CONTEXT IrpContext, IN PFCB Fcb);

                #endif // _GFSPROCS_""");
            return w.out;
        }

        List<String> genComponentHeader(int c) {
            Lines w = new Lines();
            String name = String.format("GfsComp%02d.h", c);
            String guard = String.format("_GFSCOMP%02d_", c);
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    %s

                Abstract:

                    The routines of component %d that other files call.

                --*/

                #ifndef %s
                #define %s
                """.formatted(name, c, guard, guard));
            for (Module m : modules) {
                if (m.component != c) {
                    continue;
                }
                w.comment("Routines in " + fileName(m.file) + ".");
                for (String h : m.heads) {
                    w.l("NTSTATUS");
                    w.l(h + " (");
                    w.l("    _In_ PIRP_CONTEXT IrpContext,");
                    w.l("    _In_ PVCB Vcb,");
                    w.l("    _In_opt_ PFCB Fcb,");
                    w.l("    _In_ ULONG Depth");
                    w.l("    );");
                    w.blank();
                }
                w.l("WORKER_THREAD_ROUTINE " + m.worker + ";");
                w.blank();
            }
            w.l("#endif // " + guard);
            return w.out;
        }

        // --------------------------------------------------------------------------------------
        // Fixed units
        // --------------------------------------------------------------------------------------

        List<String> genInit() {
            Lines w = new Lines();
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    GfsInit.c

                Abstract:

                    This module implements the DRIVER_INITIALIZATION routine of the
                    generated file system, and its unload routine.

                --*/

                #include "GfsProcs.h"

                #define Dbg                              (0x00000001)

                //
                //  The global data.
                //

                GFS_DATA GfsData;
                FAST_IO_DISPATCH GfsFastIoDispatch;

                #ifdef ALLOC_PRAGMA
                #pragma alloc_text(INIT, DriverEntry)
                #pragma alloc_text(PAGE, GfsUnload)
                #endif

                NTSTATUS
                DriverEntry (
                    _In_ PDRIVER_OBJECT DriverObject,
                    _In_ PUNICODE_STRING RegistryPath
                    )
                /*++

                Routine Description:

                    This is the initialization routine of the file system.  It creates the
                    file system device object, registers the dispatch routines and the
                    cache manager callbacks, and registers the file system.

                Arguments:

                    DriverObject - Supplies the driver object of the file system.

                    RegistryPath - Supplies the path of the driver's registry key.

                Return Value:

                    NTSTATUS - The status of the initialization.

                --*/
                {
                    NTSTATUS Status;
                    UNICODE_STRING UnicodeString;
                    PDEVICE_OBJECT DeviceObject;

                    UNREFERENCED_PARAMETER(RegistryPath);

                    //
                    //  Create the device object of the file system.
                    //

                    RtlInitUnicodeString(&UnicodeString, L"\\\\Gfs");
                    Status = IoCreateDevice(DriverObject,
                                            0,
                                            &UnicodeString,
                                            FILE_DEVICE_DISK_FILE_SYSTEM,
                                            0,
                                            FALSE,
                                            &DeviceObject);

                    if (!NT_SUCCESS(Status)) {
                        return Status;
                    }

                    DriverObject->DriverUnload = GfsUnload;

                    //
                    //  Note that because of the way data caching is done, we set neither
                    //  the Direct I/O or Buffered I/O bit in DeviceObject->Flags.  If
                    //  data is not in the cache, or the request is not buffered, we may
                    //  set up for Direct I/O by hand.
                    //
                """);
            w.blank();
            w.indent = 1;
            for (Module m : dispatch) {
                w.l(String.format("DriverObject->MajorFunction[%s]%s= GfsFsd%s;", m.major.mj(),
                        " ".repeat(Math.max(1, 36 - m.major.mj().length())), m.major.name()));
            }
            w.indent = 0;
            w.raw("""

                    //
                    //  Fast I/O is not possible on this file system.
                    //

                    RtlZeroMemory(&GfsFastIoDispatch, sizeof(FAST_IO_DISPATCH));
                    GfsFastIoDispatch.SizeOfFastIoDispatch = sizeof(FAST_IO_DISPATCH);
                    DriverObject->FastIoDispatch = &GfsFastIoDispatch;

                    //
                    //  Initialize the global data.
                    //

                    RtlZeroMemory(&GfsData, sizeof(GFS_DATA));
                    GfsData.NodeTypeCode = GFS_NTC_DATA_HEADER;
                    GfsData.NodeByteSize = sizeof(GFS_DATA);
                    InitializeListHead(&GfsData.VcbQueue);
                    GfsData.DriverObject = DriverObject;
                    GfsData.FileSystemDeviceObject = DeviceObject;
                    ExInitializeResourceLite(&GfsData.Resource);

                    GfsData.CacheManagerCallbacks.AcquireForLazyWrite = &GfsAcquireFcbForLazyWrite;
                    GfsData.CacheManagerCallbacks.ReleaseFromLazyWrite = &GfsReleaseFcbFromLazyWrite;
                    GfsData.CacheManagerCallbacks.AcquireForReadAhead = &GfsAcquireFcbForReadAhead;
                    GfsData.CacheManagerCallbacks.ReleaseFromReadAhead = &GfsReleaseFcbFromReadAhead;

                    //
                    //  Register the file system with the I/O system.
                    //

                    IoRegisterFileSystem(DeviceObject);
                    ObReferenceObject(DeviceObject);

                    return STATUS_SUCCESS;
                }

                VOID
                GfsUnload (
                    _In_ PDRIVER_OBJECT DriverObject
                    )
                /*++

                Routine Description:

                    This routine unloads the file system once every volume is gone.

                Arguments:

                    DriverObject - Supplies the driver object of the file system.

                --*/
                {
                    PLIST_ENTRY Links;
                    ULONG Mounted = 0;

                    PAGED_CODE();

                    (VOID)ExAcquireResourceExclusiveLite(&GfsData.Resource, TRUE);

                    for (Links = GfsData.VcbQueue.Flink;
                         Links != &GfsData.VcbQueue;
                         Links = Links->Flink) {

                        Mounted += 1;
                    }

                    ExReleaseResourceLite(&GfsData.Resource);

                    if (Mounted == 0) {
                        IoUnregisterFileSystem(GfsData.FileSystemDeviceObject);
                        ObDereferenceObject(GfsData.FileSystemDeviceObject);
                        IoDeleteDevice(GfsData.FileSystemDeviceObject);
                    }

                    ExDeleteResourceLite(&GfsData.Resource);
                    UNREFERENCED_PARAMETER(DriverObject);
                }""");
            return w.out;
        }

        List<String> genResrcSup() {
            Lines w = new Lines();
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    ResrcSup.c

                Abstract:

                    This module implements the acquire routines of the VCB, FCB and module
                    resources, and the callbacks the cache manager uses to take an FCB.

                --*/

                #include "GfsProcs.h"

                #define Dbg                              (0x00000002)

                #ifdef ALLOC_PRAGMA
                #pragma alloc_text(PAGE, GfsAcquireExclusiveVcb)
                #pragma alloc_text(PAGE, GfsAcquireSharedVcb)
                #pragma alloc_text(PAGE, GfsAcquireExclusiveFcb)
                #pragma alloc_text(PAGE, GfsAcquireSharedFcb)
                #pragma alloc_text(PAGE, GfsAcquireExclusiveResource)
                #pragma alloc_text(PAGE, GfsAcquireSharedResource)
                #endif

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_exclusive_lock_(Vcb->Resource))
                BOOLEAN
                GfsAcquireExclusiveVcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PVCB Vcb,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine acquires the VCB exclusive.  A volume that is locked by
                    another open can only be acquired from the FSP.

                Arguments:

                    IrpContext - Supplies the context of the request.

                    Vcb - Supplies the volume to acquire.

                    Wait - Supplies TRUE if the routine may block.

                Return Value:

                    BOOLEAN - TRUE if the VCB was acquired, FALSE otherwise.

                --*/
                {
                    PAGED_CODE();

                    if (ExAcquireResourceExclusiveLite(&Vcb->Resource, Wait)) {

                        if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_LOCKED) &&
                            !FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_IN_FSP)) {

                            ExReleaseResourceLite(&Vcb->Resource);
                            return FALSE;
                        }

                        return TRUE;
                    }

                    return FALSE;
                }

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_shared_lock_(Vcb->Resource))
                BOOLEAN
                GfsAcquireSharedVcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PVCB Vcb,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine acquires the VCB shared.

                --*/
                {
                    PAGED_CODE();

                    UNREFERENCED_PARAMETER(IrpContext);

                    return ExAcquireResourceSharedLite(&Vcb->Resource, Wait);
                }

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_exclusive_lock_(*Fcb->Header.Resource))
                BOOLEAN
                GfsAcquireExclusiveFcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PFCB Fcb,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine acquires the FCB exclusive.  A write that may wait first
                    lets the asynchronous writes in flight on the file drain: it drops the
                    resource, waits, and tries again.

                --*/
                {
                    PAGED_CODE();

                RetryFcbExclusive:

                    if (ExAcquireResourceExclusiveLite(Fcb->Header.Resource, Wait)) {

                        if (Fcb->NonPaged->OutstandingAsyncWrites != 0 &&
                            IrpContext->MajorFunction == IRP_MJ_WRITE &&
                            Wait) {

                            ExReleaseResourceLite(Fcb->Header.Resource);
                            (VOID)KeWaitForSingleObject(Fcb->NonPaged->OutstandingAsyncEvent,
                                                        Executive, KernelMode, FALSE, NULL);
                            goto RetryFcbExclusive;
                        }

                        return TRUE;
                    }

                    return FALSE;
                }

                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != FALSE, _Acquires_shared_lock_(*Fcb->Header.Resource))
                BOOLEAN
                GfsAcquireSharedFcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PFCB Fcb,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine acquires the FCB shared, starving exclusive waiters.

                --*/
                {
                    PAGED_CODE();

                    UNREFERENCED_PARAMETER(IrpContext);

                    if (ExAcquireSharedStarveExclusive(Fcb->Header.Resource, Wait)) {
                        return TRUE;
                    }

                    return FALSE;
                }

                _When_(return != FALSE, _Acquires_exclusive_lock_(*Resource))
                BOOLEAN
                GfsAcquireExclusiveResource (
                    IN PIRP_CONTEXT IrpContext,
                    IN PERESOURCE Resource,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine acquires one of the resources of a module exclusive.

                --*/
                {
                    PAGED_CODE();

                    UNREFERENCED_PARAMETER(IrpContext);

                    return ExAcquireResourceExclusiveLite(Resource, Wait);
                }

                _When_(return != FALSE, _Acquires_shared_lock_(*Resource))
                BOOLEAN
                GfsAcquireSharedResource (
                    IN PIRP_CONTEXT IrpContext,
                    IN PERESOURCE Resource,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine acquires one of the resources of a module shared.

                --*/
                {
                    PAGED_CODE();

                    UNREFERENCED_PARAMETER(IrpContext);

                    return ExAcquireResourceSharedLite(Resource, Wait);
                }

                //
                //  Cache manager callbacks.  The lazy writer and read-ahead threads call
                //  Acquire, do their I/O, and call Release later: these routines return
                //  holding the resource on purpose.
                //

                BOOLEAN
                NTAPI
                GfsAcquireFcbForLazyWrite (
                    IN PVOID Fcb,
                    IN BOOLEAN Wait
                    )
                {
                    if (!ExAcquireResourceExclusiveLite(((PFCB)Fcb)->Header.PagingIoResource, Wait)) {
                        return FALSE;
                    }

                    IoSetTopLevelIrp((PIRP)FSRTL_CACHE_TOP_LEVEL_IRP);
                    return TRUE;
                }

                VOID
                NTAPI
                GfsReleaseFcbFromLazyWrite (
                    IN PVOID Fcb
                    )
                {
                    IoSetTopLevelIrp(NULL);
                    ExReleaseResourceLite(((PFCB)Fcb)->Header.PagingIoResource);
                }

                BOOLEAN
                NTAPI
                GfsAcquireFcbForReadAhead (
                    IN PVOID Fcb,
                    IN BOOLEAN Wait
                    )
                {
                    if (!ExAcquireResourceSharedLite(((PFCB)Fcb)->Header.Resource, Wait)) {
                        return FALSE;
                    }

                    IoSetTopLevelIrp((PIRP)FSRTL_CACHE_TOP_LEVEL_IRP);
                    return TRUE;
                }

                VOID
                NTAPI
                GfsReleaseFcbFromReadAhead (
                    IN PVOID Fcb
                    )
                {
                    IoSetTopLevelIrp(NULL);
                    ExReleaseResourceLite(((PFCB)Fcb)->Header.Resource);
                }""");
            return w.out;
        }

        List<String> genStrucSup() {
            Lines w = new Lines();
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    StrucSup.c

                Abstract:

                    This module implements the IRP context, the posting of requests to the
                    file system process (FSP), exception handling, and the creation of VCBs
                    and FCBs.

                --*/

                #include "GfsProcs.h"

                #define Dbg                              (0x00000004)

                #ifdef ALLOC_PRAGMA
                #pragma alloc_text(PAGE, GfsCreateIrpContext)
                #pragma alloc_text(PAGE, GfsDeleteIrpContext)
                #pragma alloc_text(PAGE, GfsInitializeVcb)
                #pragma alloc_text(PAGE, GfsCreateFcb)
                #pragma alloc_text(PAGE, GfsDeleteFcb)
                #endif

                PIRP_CONTEXT
                GfsCreateIrpContext (
                    IN PIRP Irp,
                    IN BOOLEAN Wait
                    )
                /*++

                Routine Description:

                    This routine creates and initializes the context of a request.

                Arguments:

                    Irp - Supplies the request.

                    Wait - Supplies TRUE if the request may block.

                Return Value:

                    PIRP_CONTEXT - The new context, or NULL if there is no pool.

                --*/
                {
                    PIRP_CONTEXT IrpContext;
                    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);

                    PAGED_CODE();

                    IrpContext = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(IRP_CONTEXT), TAG_IRP_CONTEXT);
                    if (IrpContext == NULL) {
                        return NULL;
                    }

                    RtlZeroMemory(IrpContext, sizeof(IRP_CONTEXT));

                    IrpContext->NodeTypeCode = GFS_NTC_IRP_CONTEXT;
                    IrpContext->NodeByteSize = sizeof(IRP_CONTEXT);
                    IrpContext->OriginatingIrp = Irp;
                    IrpContext->MajorFunction = IrpSp->MajorFunction;
                    IrpContext->MinorFunction = IrpSp->MinorFunction;

                    if (IrpSp->FileObject != NULL) {

                        PVOLUME_DEVICE_OBJECT Vdo;

                        Vdo = CONTAINING_RECORD(IrpSp->DeviceObject, VOLUME_DEVICE_OBJECT, DeviceObject);
                        IrpContext->Vcb = &Vdo->Vcb;
                        IrpContext->RealDevice = IrpSp->FileObject->DeviceObject;
                    }

                    if (Wait) {
                        SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT);
                    }

                    if (IoGetTopLevelIrp() != Irp) {
                        SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_RECURSIVE_CALL);
                    }

                    return IrpContext;
                }

                VOID
                GfsDeleteIrpContext (
                    IN PIRP_CONTEXT IrpContext
                    )
                {
                    PAGED_CODE();

                    ExFreePoolWithTag(IrpContext, TAG_IRP_CONTEXT);
                }

                VOID
                GfsCompleteRequest (
                    IN PIRP_CONTEXT IrpContext OPTIONAL,
                    IN PIRP Irp OPTIONAL,
                    IN NTSTATUS Status
                    )
                /*++

                Routine Description:

                    This routine completes a request and frees its context.

                --*/
                {
                    if (Irp != NULL) {

                        if (!NT_SUCCESS(Status)) {
                            Irp->IoStatus.Information = 0;
                        }

                        Irp->IoStatus.Status = Status;
                        IoCompleteRequest(Irp, IO_DISK_INCREMENT);
                    }

                    if (IrpContext != NULL) {
                        GfsDeleteIrpContext(IrpContext);
                    }
                }

                BOOLEAN
                GfsIsIrpTopLevel (
                    IN PIRP Irp
                    )
                {
                    if (IoGetTopLevelIrp() == NULL) {
                        IoSetTopLevelIrp(Irp);
                        return TRUE;
                    }

                    return FALSE;
                }

                NTSTATUS
                GfsFsdPostRequest (
                    IN PIRP_CONTEXT IrpContext,
                    IN PIRP Irp
                    )
                /*++

                Routine Description:

                    This routine queues a request that could not wait to the FSP.

                --*/
                {
                    IoMarkIrpPending(Irp);

                    InterlockedIncrement((PLONG)&GfsData.PostedRequestCount);

                    ExInitializeWorkItem(&IrpContext->WorkQueueItem, GfsFspDispatch, IrpContext);
                    ExQueueWorkItem(&IrpContext->WorkQueueItem, CriticalWorkQueue);

                    return STATUS_PENDING;
                }

                VOID
                GfsFspDispatch (
                    _In_ PVOID Context
                    )
                /*++

                Routine Description:

                    This is the main routine of the FSP: it calls the common routine of
                    a posted request, now allowed to wait.

                Arguments:

                    Context - Supplies the IRP context of the posted request.

                --*/
                {
                    PIRP_CONTEXT IrpContext = (PIRP_CONTEXT)Context;
                    PIRP Irp = IrpContext->OriginatingIrp;
                    NTSTATUS Status = STATUS_SUCCESS;

                    FsRtlEnterFileSystem();

                    SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT | IRP_CONTEXT_FLAG_IN_FSP);
                    IoSetTopLevelIrp((PIRP)FSRTL_FSP_TOP_LEVEL_IRP);

                    InterlockedDecrement((PLONG)&GfsData.PostedRequestCount);

                    try {

                        switch (IrpContext->MajorFunction) {
                """);
            w.indent = 2;
            for (Module m : dispatch) {
                w.blank();
                w.l("case " + m.major.mj() + ":");
                w.blank();
                w.l("    Status = GfsCommon" + m.major.name() + "(IrpContext, Irp);");
                w.l("    break;");
            }
            w.indent = 0;
            w.raw("""

                        default:

                            DebugTrace(0, Dbg, "Unexpected major function %02x\\n", IrpContext->MajorFunction);
                            GfsCompleteRequest(IrpContext, Irp, STATUS_INVALID_DEVICE_REQUEST);
                            Status = STATUS_INVALID_DEVICE_REQUEST;
                            break;
                        }

                    } except(GfsExceptionFilter(IrpContext, GetExceptionInformation())) {

                        Status = GfsProcessException(IrpContext, Irp, GetExceptionCode());
                    }

                    DebugTrace(0, Dbg, "GfsFspDispatch -> %08lx\\n", Status);

                    IoSetTopLevelIrp(NULL);
                    FsRtlExitFileSystem();
                }

                LONG
                GfsExceptionFilter (
                    IN PIRP_CONTEXT IrpContext,
                    IN PEXCEPTION_POINTERS ExceptionPointer
                    )
                /*++

                Routine Description:

                    This routine decides whether an exception is handled by the file
                    system: the expected status codes are, everything else is not.

                --*/
                {
                    NTSTATUS ExceptionCode = ExceptionPointer->ExceptionRecord->ExceptionCode;

                    if (IrpContext != NULL) {
                        IrpContext->ExceptionStatus = ExceptionCode;
                    }

                    if (!FsRtlIsNtstatusExpected(ExceptionCode)) {
                        return EXCEPTION_CONTINUE_SEARCH;
                    }

                    return EXCEPTION_EXECUTE_HANDLER;
                }

                NTSTATUS
                GfsProcessException (
                    IN PIRP_CONTEXT IrpContext,
                    IN PIRP Irp,
                    IN NTSTATUS ExceptionCode
                    )
                /*++

                Routine Description:

                    This routine completes a request that raised.

                --*/
                {
                    NTSTATUS Status = FsRtlNormalizeNtstatus(ExceptionCode, STATUS_UNSUCCESSFUL);

                    if (IrpContext != NULL && FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_RECURSIVE_CALL)) {
                        GfsDeleteIrpContext(IrpContext);
                        return Status;
                    }

                    GfsCompleteRequest(IrpContext, Irp, Status);
                    return Status;
                }

                VOID
                GfsInitializeVcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PVCB Vcb,
                    IN PDEVICE_OBJECT TargetDeviceObject
                    )
                /*++

                Routine Description:

                    This routine initializes a new VCB and puts it on the global queue.

                --*/
                {
                    ULONG Index;

                    PAGED_CODE();

                    RtlZeroMemory(Vcb, sizeof(VCB));

                    Vcb->NodeTypeCode = GFS_NTC_VCB;
                    Vcb->NodeByteSize = sizeof(VCB);
                    Vcb->TargetDeviceObject = TargetDeviceObject;
                    Vcb->BytesPerCluster = 4096;
                    Vcb->ClusterShift = 12;

                    ExInitializeResourceLite(&Vcb->Resource);
                    ExInitializeResourceLite(&Vcb->ChangeBitMapResource);
                    InitializeListHead(&Vcb->FcbList);

                    for (Index = 0; Index < GFS_PARTITION_COUNT; Index += 1) {
                        ExInitializeResourceLite(&Vcb->Partitions[Index].Resource);
                        Vcb->Partitions[Index].FirstCluster = Index * 0x10000;
                        Vcb->Partitions[Index].ClusterCount = 0x10000;
                    }

                    if (GfsAcquireExclusiveGlobal(IrpContext)) {
                        InsertTailList(&GfsData.VcbQueue, &Vcb->VcbLinks);
                        GfsReleaseGlobal(IrpContext);
                    }

                    SetFlag(Vcb->VcbState, VCB_STATE_FLAG_MOUNTED);
                }

                PFCB
                GfsCreateFcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PVCB Vcb,
                    IN PFCB ParentDcb
                    )
                /*++

                Routine Description:

                    This routine allocates and initializes an FCB and its nonpaged part.

                --*/
                {
                    PFCB Fcb;
                    PNON_PAGED_FCB NonPaged;

                    PAGED_CODE();

                    UNREFERENCED_PARAMETER(IrpContext);

                    Fcb = ExAllocatePoolWithTag(PagedPool, sizeof(FCB), TAG_FCB);
                    if (Fcb == NULL) {
                        return NULL;
                    }

                    NonPaged = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(NON_PAGED_FCB), TAG_FCB_NONPAGED);
                    if (NonPaged == NULL) {
                        ExFreePoolWithTag(Fcb, TAG_FCB);
                        return NULL;
                    }

                    RtlZeroMemory(Fcb, sizeof(FCB));
                    RtlZeroMemory(NonPaged, sizeof(NON_PAGED_FCB));

                    Fcb->Header.NodeTypeCode = GFS_NTC_FCB;
                    Fcb->Header.NodeByteSize = sizeof(FCB);
                    Fcb->NonPaged = NonPaged;
                    Fcb->Vcb = Vcb;
                    Fcb->ParentDcb = ParentDcb;
                    Fcb->EntryKind = GfsKindData;

                    ExInitializeResourceLite(&NonPaged->Resource);
                    ExInitializeResourceLite(&NonPaged->PagingIoResource);
                    Fcb->Header.Resource = &NonPaged->Resource;
                    Fcb->Header.PagingIoResource = &NonPaged->PagingIoResource;

                    InsertTailList(&Vcb->FcbList, &Fcb->VcbLinks);

                    return Fcb;
                }

                VOID
                GfsDeleteFcb (
                    IN PIRP_CONTEXT IrpContext,
                    IN PFCB Fcb
                    )
                {
                    PAGED_CODE();

                    UNREFERENCED_PARAMETER(IrpContext);

                    RemoveEntryList(&Fcb->VcbLinks);
                    ExDeleteResourceLite(&Fcb->NonPaged->Resource);
                    ExDeleteResourceLite(&Fcb->NonPaged->PagingIoResource);
                    ExFreePoolWithTag(Fcb->NonPaged, TAG_FCB_NONPAGED);
                    ExFreePoolWithTag(Fcb, TAG_FCB);
                }""");
            return w.out;
        }
    }

    /** "Verify" -> "verifies", "Flush" -> "flushes", "Map" -> "maps". */
    static String third(String verb) {
        String v = verb.toLowerCase();
        if (v.endsWith("sh") || v.endsWith("ch") || v.endsWith("s") || v.endsWith("x")) {
            return v + "es";
        }
        if (v.endsWith("y") && !v.matches(".*[aeiou]y")) {
            return v.substring(0, v.length() - 1) + "ies";
        }
        return v + "s";
    }

    static String fileName(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? rel : rel.substring(slash + 1);
    }

    /** A definition's name line in the generated style: "Name (" at column 0, closed by "    )" with no ';'. */
    static final Pattern DEFINITION = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*) \\($");

    static int countDefinitions(List<String> lines) {
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!DEFINITION.matcher(lines.get(i)).matches()) {
                continue;
            }
            for (int j = i + 1; j < lines.size() && j < i + 40; j++) {
                String s = lines.get(j);
                if (s.equals("    )")) {
                    n++;
                    break;
                }
                if (s.equals("    );")) {
                    break;
                }
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // One module
    // ------------------------------------------------------------------------------------------

    /** Placeholder for a call of a leaf of the given kind, resolved once the number of leaves is known. */
    private static final char LEAF_MARK = '\u0001';

    static final class ModuleGen {
        final Module m;
        final String data;
        int nextSlot;
        final List<Fn> fns = new ArrayList<>();
        /** Calls planned into particular steps: (chain, position) -> extra statements. */
        final Map<String, List<String>> extraCalls = new LinkedHashMap<>();
        final String mapCode;
        final String scanPartitions;
        final String queueWork;

        ModuleGen(Module m) {
            this.m = m;
            this.data = m.dataName();
            this.mapCode = "Gfs" + m.tag + "MapCode";
            this.scanPartitions = "Gfs" + m.tag + "BalancePartitions";
            this.queueWork = "Gfs" + m.tag + "QueueWork";
            m.names.add(mapCode);
            m.names.add(scanPartitions);
            m.names.add(queueWork);
        }

        Rng rng(String what, int a, int b) {
            return Rng.of(m.seedBase, what.hashCode(), a, b);
        }

        List<String> generate() {
            // The fixed content of a module (dispatch routines, chains, worker) must leave room for a few
            // leaves; when the budget is small the chains get shorter, down to five calls.
            Set<String> baseNames = new HashSet<>(m.names);
            int[] lengths = m.chainLengths.clone();
            while (true) {
                mandatory(lengths);
                int estimate = lineCount(fns) + 3 * 70 + 19;
                int longest = 0;
                for (int j = 1; j < lengths.length; j++) {
                    if (lengths[j] > lengths[longest]) {
                        longest = j;
                    }
                }
                if (estimate <= m.budget || lengths[longest] <= 5) {
                    break;
                }
                lengths[longest]--;
                m.names.clear();
                m.names.addAll(baseNames);
                fns.clear();
                extraCalls.clear();
                nextSlot = 0;
            }

            // Leaves fill the budget; the code-mapping table takes the last few lines exactly.
            int fillerMin = 16 + 3;
            List<Fn> leaves = new ArrayList<>();
            int used = lineCount(fns);
            for (int i = 0; ; i++) {
                Fn leaf = leaf(i);
                int cost = leaf.lines.size() + 3;
                if (i >= 3 && used + cost + fillerMin > m.budget) {
                    break;
                }
                leaves.add(leaf);
                fns.add(leaf);
                used += cost;
                if (i > 400) {
                    break;
                }
            }
            int fillerLines = Math.max(16, m.budget - used - 3);
            fns.add(filler(fillerLines - 15));
            List<String> out = assemble();
            return resolveLeafCalls(out, leaves.size());
        }

        void mandatory(int[] lengths) {
            // Names of the steps of every chain (the heads are known to the component header already).
            String[][] chains = new String[m.headCount][];
            Rng names = rng("names", 0, 0);
            for (int j = 0; j < m.headCount; j++) {
                chains[j] = new String[lengths[j]];
                chains[j][0] = m.heads[j];
                for (int p = 1; p < chains[j].length; p++) {
                    chains[j][p] = uniqueStepName(names);
                }
            }
            // What the deepest step of each chain hands over to: the children's exported heads, and
            // this module's heads beyond the first two (chain j calls head j + 2).
            List<List<String>> tails = new ArrayList<>();
            for (int j = 0; j < m.headCount; j++) {
                tails.add(new ArrayList<>());
            }
            int t = 0;
            for (Module child : m.children) {
                for (int h = 0; h < 2; h++) {
                    tails.get(t % m.headCount).add(child.heads[h]);
                    t++;
                }
            }
            for (int j = 2; j < m.headCount; j++) {
                tails.get(j - 2).add(m.heads[j]);
            }
            extra(0, 1, "Value = " + mapCode + "(Value);");
            extra(1 % m.headCount, 2, "Status = " + scanPartitions + "(IrpContext, Vcb);");
            int last = m.headCount - 1;
            extra(last, lengths[last] - 2, "QUEUE");

            if (m.major != null) {
                fns.add(fsd());
                fns.add(common());
            }
            for (int j = 0; j < m.headCount; j++) {
                for (int p = 0; p < chains[j].length; p++) {
                    String next = p + 1 < chains[j].length ? chains[j][p + 1] : null;
                    fns.add(step(j, p, chains[j][p], next, next == null ? tails.get(j) : List.of()));
                }
            }
            fns.add(worker(m.heads[m.headCount - 1]));
            fns.add(queueWorkFn());
            fns.add(partitions());
        }

        void extra(int chain, int pos, String stmt) {
            int p = Math.max(0, pos);
            extraCalls.computeIfAbsent(chain + ":" + p, k -> new ArrayList<>()).add(stmt);
        }

        String uniqueStepName(Rng r) {
            for (int attempt = 0; ; attempt++) {
                String n = "Gfs" + m.tag + r.pick(VERBS) + r.pick(OBJECTS) + (attempt > 30 ? attempt : "");
                if (m.names.add(n)) {
                    return n;
                }
            }
        }

        /** Lines of the finished file for these functions (prologue, declarations, pragmas, bodies). */
        int lineCount(List<Fn> list) {
            int n = prologue().size();
            int statics = 0;
            for (Fn f : list) {
                n += f.lines.size() + 1;
                if (f.isStatic) {
                    statics++;
                }
            }
            n += statics + 4; // forward declarations, with their comment block
            n += list.size() + 3; // #ifdef ALLOC_PRAGMA ... #endif and a blank line
            return n;
        }

        List<String> prologue() {
            Lines w = new Lines();
            w.raw("""
                /*++

                Copyright (c) OpenSDV benchmark generator.  Synthetic code: not a real file system.

                Module Name:

                    %s

                Abstract:

                    This module implements the %s.

                --*/
                """.formatted(fileName(m.file), m.major != null
                    ? "routines of the generated file system that " + m.major.summary()
                    : m.phrase + " support routines of the generated file system"));
            w.l("#include \"..\\GfsProcs.h\"");
            Set<String> headers = new java.util.LinkedHashSet<>();
            headers.add(m.componentHeader());
            for (Module c : m.children) {
                headers.add(c.component == m.component ? c.componentHeader()
                        : "..\\" + c.componentDir() + "\\" + c.componentHeader());
            }
            for (String h : headers) {
                w.l("#include \"" + h + "\"");
            }
            w.blank();
            w.comment("The local debug trace level");
            w.l(String.format("#define Dbg                              (0x%08x)", 1 << (m.index % 31)));
            w.blank();
            w.comment("The resources and counters of this module");
            w.l("static GFS_MODULE_DATA " + data + ";");
            w.blank();
            return w.out;
        }

        List<String> assemble() {
            Lines w = new Lines();
            w.out.addAll(prologue());
            w.comment("Local support routines");
            for (Fn f : fns) {
                if (f.isStatic) {
                    w.l(f.prototype);
                }
            }
            w.blank();
            w.l("#ifdef ALLOC_PRAGMA");
            for (Fn f : fns) {
                w.l("#pragma alloc_text(PAGE, " + f.name + ")");
            }
            w.l("#endif");
            w.blank();
            for (int i = 0; i < fns.size(); i++) {
                w.out.addAll(fns.get(i).lines);
                if (i + 1 < fns.size()) {
                    w.blank();
                }
            }
            return w.out;
        }

        List<String> resolveLeafCalls(List<String> lines, int leafCount) {
            int[] next = new int[3];
            List<String> out = new ArrayList<>(lines.size());
            for (String s : lines) {
                int at = s.indexOf(LEAF_MARK);
                while (at >= 0) {
                    int kind = s.charAt(at + 1) - '0';
                    int ofKind = (leafCount - kind + 2) / 3;
                    int index = kind + 3 * (next[kind]++ % ofKind);
                    s = s.substring(0, at) + leafName(index) + s.substring(at + 3);
                    at = s.indexOf(LEAF_MARK);
                }
                out.add(s);
            }
            return out;
        }

        String leafName(int i) {
            return leafNames.get(i);
        }

        final List<String> leafNames = new ArrayList<>();

        // ---- function skeletons -----------------------------------------------------------

        static final String STEP_PARAMS = "(IN PIRP_CONTEXT IrpContext, IN PVCB Vcb, IN PFCB Fcb, IN ULONG Depth)";

        Lines header(String returnType, String name, boolean isStatic, String[] params, Rng r, String summary,
                String[] argDocs, String returnDoc) {
            Lines w = new Lines();
            w.l(isStatic ? "static " + returnType : returnType);
            w.l(name + " (");
            for (int i = 0; i < params.length; i++) {
                w.l("    " + params[i] + (i + 1 < params.length ? "," : ""));
            }
            w.l("    )");
            w.l("/*++");
            w.blank();
            w.l("Routine Description:");
            w.blank();
            for (String s : wrap(summary + " " + sentences(r), 72)) {
                w.l("    " + s);
            }
            w.blank();
            if (argDocs.length > 0) {
                w.l("Arguments:");
                w.blank();
                for (String a : argDocs) {
                    for (String s : wrap(a, 72)) {
                        w.l("    " + s);
                    }
                    w.blank();
                }
            }
            if (returnDoc != null) {
                w.l("Return Value:");
                w.blank();
                w.l("    " + returnDoc);
                w.blank();
            }
            w.l("--*/");
            return w;
        }

        String sentences(Rng r) {
            int n = r.between(0, 2);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : " ").append(r.pick(SENTENCES));
            }
            return sb.toString();
        }

        static List<String> wrap(String text, int width) {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.trim().split("\\s+")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            if (line.length() > 0) {
                out.add(line.toString());
            }
            return out;
        }

        static final String[] STEP_ARG_DOCS = {
            "IrpContext - Supplies the context of the request.",
            "Vcb - Supplies the volume.",
            "Fcb - Supplies the file, or NULL when the work concerns the whole volume.",
            "Depth - Supplies how deep in the call chain of the request this call is.",
        };

        /** Body assembly: locals collected while the statements are written. */
        final class Body {
            final Rng r;
            final String fn;
            final Lines w = new Lines();
            final Map<String, String> locals = new LinkedHashMap<>();
            final boolean irc;
            final boolean hasStatus;
            final String vcb;
            final String fcb;
            int slot = -1;
            boolean tryExitUsed;
            String failReturn = "return STATUS_CANT_WAIT;";

            Body(Rng r, String fn, boolean irc, boolean hasStatus, String vcb, String fcb) {
                this.r = r;
                this.fn = fn;
                this.irc = irc;
                this.hasStatus = hasStatus;
                this.vcb = vcb;
                this.fcb = fcb;
                w.indent = 1;
            }

            void local(String name, String decl) {
                locals.putIfAbsent(name, decl);
            }

            String res() {
                return "&" + data + ".Resources[" + slot + "]";
            }

            boolean takeSlot() {
                if (slot < 0 && nextSlot < RESOURCE_SLOTS) {
                    slot = nextSlot++;
                }
                return slot >= 0;
            }

            List<String> finish(Lines head, String trailer) {
                Lines out = new Lines();
                out.out.addAll(head.out);
                out.l("{");
                for (String d : locals.values()) {
                    out.l("    " + d + ";");
                }
                if (!locals.isEmpty()) {
                    out.blank();
                }
                out.out.addAll(w.out);
                if (trailer != null) {
                    out.l("    " + trailer);
                }
                out.l("}");
                return out.out;
            }
        }

        // ---- plain statement blocks ---------------------------------------------------------

        interface Block {
            void emit(Body b);
        }

        void bValidate(Body b) {
            b.w.open("if (!GfsIsFcbGood(" + b.fcb + ")) {");
            b.w.blank();
            b.w.l("DebugTrace(-1, Dbg, \"" + b.fn + " -> STATUS_INVALID_PARAMETER\\n\", 0);");
            b.w.l("return STATUS_INVALID_PARAMETER;");
            b.w.close("}");
            b.w.blank();
        }

        void bFlags(Body b) {
            String[] states = {"FCB_STATE_FLUSH_PENDING", "FCB_STATE_DIRTY", "FCB_STATE_TRUNCATE_ON_CLOSE"};
            if (b.irc) {
                b.w.open("if (FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WRITE_THROUGH)) {");
            } else {
                b.w.open("if (FlagOn(" + b.vcb + "->VcbState, VCB_STATE_FLAG_REMOVABLE_MEDIA)) {");
            }
            b.w.blank();
            b.w.l("SetFlag(" + b.fcb + "->FcbState, " + b.r.pick(states) + ");");
            b.w.mid("} else if (" + b.fcb + "->UncleanCount == 0) {");
            b.w.blank();
            b.w.l("ClearFlag(" + b.fcb + "->FcbState, " + b.r.pick(states) + ");");
            b.w.close("}");
            b.w.blank();
        }

        void bChecksum(Body b) {
            b.local("Index", "ULONG Index");
            b.local("Checksum", "ULONG Checksum");
            b.w.comment("Fold the entries of the block into a checksum.  A zero entry ends", "the block.");
            b.w.l(String.format("Checksum = 0x%08x;", b.r.next() & 0x7fffffffL));
            b.w.open("for (Index = 0; Index < GFS_ENTRIES_PER_BLOCK; Index += 1) {");
            b.w.blank();
            b.w.open("if (" + b.fcb + "->Entries[Index] == 0) {");
            b.w.l("break;");
            b.w.close("}");
            b.w.blank();
            b.w.l(String.format("Checksum = (Checksum << %d) ^ (Checksum >> %d) ^ %s->Entries[Index];",
                    b.r.between(1, 7), b.r.between(9, 27), b.fcb));
            b.w.close("}");
            b.w.blank();
            b.w.l("Value ^= Checksum;");
            b.w.blank();
        }

        void bListWalk(Body b) {
            b.local("Links", "PLIST_ENTRY Links");
            b.local("Found", "PFCB Found = NULL");
            b.w.comment("Look for another open file that starts at this cluster.");
            b.w.l("for (Links = " + b.vcb + "->FcbList.Flink;");
            b.w.l("     Links != &" + b.vcb + "->FcbList;");
            b.w.open("     Links = Links->Flink) {");
            b.w.blank();
            b.w.l("PFCB Candidate = CONTAINING_RECORD(Links, FCB, VcbLinks);");
            b.w.blank();
            b.w.open("if (Candidate->FirstCluster == Value) {");
            b.w.l("Found = Candidate;");
            b.w.l("break;");
            b.w.close("}");
            b.w.close("}");
            b.w.blank();
            b.w.open("if (Found != NULL) {");
            b.w.l("Value = Found->ClusterCount;");
            b.w.close("}");
            b.w.blank();
        }

        void bWhile(Body b) {
            b.local("Remaining", "ULONG Remaining");
            b.local("Offset", "ULONG Offset");
            b.w.comment("Walk the allocation one cluster at a time.");
            b.w.l("Remaining = " + b.fcb + "->ClusterCount;");
            b.w.l("Offset = 0;");
            b.w.blank();
            b.w.open("while (Remaining > 0) {");
            b.w.blank();
            b.w.l("ULONG Chunk = min(Remaining, " + b.vcb + "->BytesPerCluster);");
            b.w.blank();
            b.w.l("Remaining -= Chunk;");
            b.w.l("Offset += Chunk << " + b.vcb + "->ClusterShift;");
            b.w.blank();
            b.w.open("if (Offset >= " + b.fcb + "->Header.AllocationSize.LowPart) {");
            b.w.l("break;");
            b.w.close("}");
            b.w.close("}");
            b.w.blank();
            b.w.l("Value += GfsClusterOf(" + b.vcb + ", Offset);");
            b.w.blank();
        }

        void bSwitch(Body b) {
            b.w.open("switch (" + b.fcb + "->EntryKind) {");
            b.w.blank();
            b.w.l("case GfsKindData:");
            b.w.blank();
            b.w.l("    Value += " + b.fcb + "->ClusterCount;");
            b.w.l("    break;");
            b.w.blank();
            b.w.l("case GfsKindDirectory:");
            b.w.l("case GfsKindIndex:");
            b.w.blank();
            b.w.l("    Value ^= " + b.fcb + "->DirentOffset;");
            b.w.l("    break;");
            b.w.blank();
            if (b.hasStatus && b.r.chance(0.5)) {
                b.w.l("case GfsKindReserved:");
                b.w.blank();
                b.w.l("    Status = STATUS_FILE_CORRUPT_ERROR;");
                b.w.l("    break;");
                b.w.blank();
            }
            if (b.r.chance(0.5)) {
                b.w.l("case GfsKindEa:");
                b.w.blank();
                b.w.l("    Value = (Value << 1) | 1;");
                b.w.blank();
                b.w.l("    //");
                b.w.l("    //  Fall through.");
                b.w.l("    //");
                b.w.blank();
            }
            b.w.l("default:");
            b.w.blank();
            b.w.l("    NOTHING;");
            b.w.l("    break;");
            b.w.close("}");
            b.w.blank();
        }

        void bUnicode(Body b) {
            b.w.l("if (" + b.fcb + "->FullFileName.Length > sizeof(WCHAR) &&");
            b.w.open("    " + b.fcb + "->FullFileName.Buffer[0] == L'\\\\') {");
            b.w.blank();
            b.w.l("Value += " + b.fcb + "->FullFileName.Length / sizeof(WCHAR);");
            b.w.close("}");
            b.w.blank();
        }

        void bStats(Body b) {
            b.w.l(b.vcb + "->Statistics[Value % GFS_HASH_BUCKETS] += 1;");
            b.w.l(data + ".Counters[" + b.r.below(16) + "] += 1;");
            b.w.blank();
        }

        void bInterlocked(Body b) {
            b.w.l("InterlockedIncrement((PLONG)&" + data + ".Generation);");
            b.w.blank();
        }

        void bBits(Body b) {
            b.w.l(String.format("Value = (Value & ~0x%xu) | ((Value >> %d) & 0x%xu);", (1 << b.r.between(2, 6)) - 1,
                    b.r.between(3, 12), (1 << b.r.between(2, 6)) - 1));
            b.w.blank();
        }

        void bLeafCall(Body b, int kind) {
            String name = LEAF_MARK + "" + kind + LEAF_MARK;
            switch (kind) {
                case 0 -> {
                    b.w.l("Value = " + name + "(" + b.fcb + ", Value);");
                    b.w.blank();
                }
                case 1 -> {
                    b.w.open("if (" + name + "(" + b.vcb + ", Value)) {");
                    b.w.l("SetFlag(" + b.fcb + "->FcbState, FCB_STATE_DIRTY);");
                    b.w.close("}");
                    b.w.blank();
                }
                default -> {
                    b.w.l(name + "(IrpContext, " + b.fcb + ", Value);");
                    b.w.blank();
                }
            }
        }

        void plain(Body b, int count) {
            List<Block> pool = new ArrayList<>();
            if (b.fcb != null) {
                pool.add(this::bChecksum);
                pool.add(this::bSwitch);
                pool.add(this::bUnicode);
                pool.add(this::bWhile);
                pool.add(this::bFlags);
            }
            pool.add(this::bListWalk);
            pool.add(this::bStats);
            pool.add(this::bBits);
            for (int i = 0; i < count; i++) {
                b.r.pick(pool).emit(b);
            }
        }

        void small(Body b) {
            switch (b.r.below(4)) {
                case 0 -> bStats(b);
                case 1 -> bInterlocked(b);
                case 2 -> bBits(b);
                default -> {
                    b.w.l(data + ".EntryCount += 1;");
                    b.w.blank();
                }
            }
        }

        // ---- locked sections ----------------------------------------------------------------

        /**
         * A section under this function's own module resource, in one of the real idioms. {@code inner}
         * writes the work; when {@code call} is given it is made inside the section, and a failure
         * leaves the section early where the idiom allows.
         */
        void locked(Body b, int variant, String call) {
            String res = b.res();
            b.w.comment(b.r.pick(new String[] {
                "Serialize with other users of the table.",
                "The table may change under us unless we own its resource.",
                "Take the resource of the table; the update below must be atomic.",
            }));
            switch (variant) {
                case 1 -> { // try / finally, BOOLEAN flag, try_return
                    b.tryExitUsed = true;
                    b.local("Acquired", "BOOLEAN Acquired = FALSE");
                    b.local("Wait", "BOOLEAN Wait = BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)");
                    b.w.open("try {");
                    b.w.blank();
                    b.w.open("if (!GfsAcquireExclusiveResource(IrpContext, " + res + ", Wait)) {");
                    b.w.blank();
                    b.w.l("try_return( Status = STATUS_CANT_WAIT );");
                    b.w.close("}");
                    b.w.blank();
                    b.w.l("Acquired = TRUE;");
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                        b.w.open("if (!NT_SUCCESS(Status)) {");
                        b.w.blank();
                        b.w.l("try_return( NOTHING );");
                        b.w.close("}");
                        b.w.blank();
                    }
                    small(b);
                    b.w.mid("try_exit: NOTHING;");
                    b.w.mid("} finally {");
                    b.w.blank();
                    b.w.l("DebugUnwind(" + b.fn + ");");
                    b.w.blank();
                    b.w.open("if (Acquired) {");
                    b.w.l("GfsReleaseResource(IrpContext, " + res + ");");
                    b.w.close("}");
                    b.w.close("}");
                }
                case 2 -> { // __try / __leave / __finally, shared
                    b.local("Held", "BOOLEAN Held");
                    b.w.l("Held = FALSE;");
                    b.w.blank();
                    b.w.open("__try {");
                    b.w.blank();
                    b.w.l("(VOID)ExAcquireResourceSharedLite(" + res + ", TRUE);");
                    b.w.l("Held = TRUE;");
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                        b.w.open("if (!NT_SUCCESS(Status)) {");
                        b.w.l("__leave;");
                        b.w.close("}");
                        b.w.blank();
                    }
                    small(b);
                    b.w.mid("} __finally {");
                    b.w.blank();
                    b.w.open("if (Held) {");
                    b.w.l("ExReleaseResourceLite(" + res + ");");
                    b.w.close("}");
                    b.w.close("}");
                }
                case 3 -> { // non-blocking attempt, result checked
                    if (b.irc) {
                        b.w.open("if (GfsAcquireExclusiveResource(IrpContext, " + res + ", FALSE)) {");
                    } else {
                        b.w.open("if (GfsTryAcquireExclusive(" + res + ", FALSE)) {");
                    }
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                    }
                    if (b.irc) {
                        b.w.l("GfsReleaseResource(IrpContext, " + res + ");");
                    } else {
                        b.w.l("GfsReleaseExclusive(" + res + ");");
                    }
                    b.w.blank();
                    b.w.mid("} else {");
                    b.w.blank();
                    b.w.l("//");
                    b.w.l("//  The table is busy.  Do not wait for it: let the caller retry.");
                    b.w.l("//");
                    b.w.blank();
                    if (b.hasStatus) {
                        b.w.l("Status = STATUS_CANT_WAIT;");
                    } else {
                        b.w.l(data + ".Counters[0] += 1;");
                    }
                    b.w.close("}");
                }
                case 4 -> { // direct call, early return when it fails
                    String wait = b.irc ? "BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)" : "TRUE";
                    b.w.open("if (!ExAcquireResourceExclusiveLite(" + res + ", " + wait + ")) {");
                    b.w.blank();
                    b.w.l("DebugTrace(-1, Dbg, \"" + b.fn + " -> STATUS_CANT_WAIT\\n\", 0);");
                    b.w.l(b.failReturn);
                    b.w.close("}");
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                    }
                    b.w.l("ExReleaseResourceLite(" + res + ");");
                }
                case 5 -> { // do { } while (0) macros with the critical region
                    b.w.l("GfsAcquireExclusiveCritical(" + res + ");");
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                    }
                    b.w.l("GfsReleaseCritical(" + res + ");");
                }
                case 6 -> { // FORCEINLINE wrappers
                    String wait = b.irc ? "BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)" : "TRUE";
                    b.w.open("if (GfsTryAcquireExclusive(" + res + ", " + wait + ")) {");
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                    }
                    b.w.l("GfsReleaseExclusive(" + res + ");");
                    b.w.close("}");
                }
                default -> { // shared through the wrapper, waiting
                    if (b.irc) {
                        b.w.open("if (GfsAcquireSharedResource(IrpContext, " + res + ", TRUE)) {");
                    } else {
                        b.w.open("if (ExAcquireResourceSharedLite(" + res + ", TRUE)) {");
                    }
                    b.w.blank();
                    small(b);
                    if (call != null) {
                        b.w.l("Status = " + call + ";");
                        b.w.blank();
                    }
                    b.w.l(b.irc ? "GfsReleaseResource(IrpContext, " + res + ");" : "ExReleaseResourceLite(" + res + ");");
                    b.w.close("}");
                }
            }
            b.w.blank();
        }

        int pickVariant(Body b, boolean withCall) {
            // Variant 1 needs the function's only try_exit label; 1, 2 and 4 need a Status.
            for (int attempt = 0; attempt < 20; attempt++) {
                int v = b.r.between(1, 7);
                if (v == 1 && (b.tryExitUsed || !b.irc || !b.hasStatus)) {
                    continue;
                }
                if ((v == 2 || v == 3) && !b.hasStatus && withCall) {
                    continue;
                }
                if (v == 2 && !b.hasStatus) {
                    continue;
                }
                return v;
            }
            return 5;
        }

        // ---- the functions ---------------------------------------------------------------------

        Fn step(int chain, int pos, String name, String next, List<String> tail) {
            Rng r = rng("step", chain, pos);
            boolean head = pos == 0;
            Lines h = header("NTSTATUS", name, !head, new String[] {"IN PIRP_CONTEXT IrpContext", "IN PVCB Vcb",
                "IN PFCB Fcb", "IN ULONG Depth"}, r,
                    "This routine " + third(r.pick(VERBS)) + " the " + r.pick(OBJECTS).toLowerCase()
                    + " of the " + r.pick(SCOPES) + " for the " + m.phrase + " code.",
                    STEP_ARG_DOCS, "NTSTATUS - The status of the operation.");
            Body b = new Body(r, name, true, true, "Vcb", "Fcb");
            b.local("Status", "NTSTATUS Status = STATUS_SUCCESS");
            b.local("Value", "ULONG Value = Depth");
            b.w.l("PAGED_CODE();");
            b.w.blank();
            b.w.l("DebugTrace(+1, Dbg, \"" + name + "\\n\", 0);");
            b.w.blank();
            if (head || r.chance(0.5)) {
                bValidate(b);
            }
            plain(b, r.between(1, 2));
            int leafCalls = r.between(head ? 0 : 1, 2);
            for (int i = 0; i < leafCalls; i++) {
                bLeafCall(b, r.below(3));
            }
            for (String s : extraCalls.getOrDefault(chain + ":" + pos, List.of())) {
                if (s.equals("QUEUE")) {
                    b.w.comment("A request that may not wait is finished by the worker of this module.");
                    b.w.l("if (!FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT) &&");
                    b.w.open("    !FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_IN_FSP)) {");
                    b.w.blank();
                    b.w.l(queueWork + "(IrpContext);");
                    b.w.l("DebugTrace(-1, Dbg, \"" + name + " -> STATUS_PENDING\\n\", 0);");
                    b.w.l("return STATUS_PENDING;");
                    b.w.close("}");
                    b.w.blank();
                } else {
                    b.w.l(s);
                    b.w.blank();
                    if (s.startsWith("Status =")) {
                        b.w.open("if (!NT_SUCCESS(Status)) {");
                        b.w.l("return Status;");
                        b.w.close("}");
                        b.w.blank();
                    }
                }
            }
            if (next != null) {
                String call = next + "(IrpContext, Vcb, Fcb, Depth + 1)";
                if (r.chance(0.6) && b.takeSlot()) {
                    locked(b, pickVariant(b, true), call);
                } else {
                    b.w.l("Status = " + call + ";");
                    b.w.blank();
                    b.w.open("if (!NT_SUCCESS(Status)) {");
                    b.w.blank();
                    b.w.l("DebugTrace(-1, Dbg, \"" + name + " -> %08lx\\n\", Status);");
                    b.w.l("return Status;");
                    b.w.close("}");
                    b.w.blank();
                }
            } else {
                if (!tail.isEmpty()) {
                    b.w.comment("Hand the rest of the work to the routines that own it.");
                }
                for (String callee : tail) {
                    b.w.open("if (NT_SUCCESS(Status)) {");
                    b.w.l("Status = " + callee + "(IrpContext, Vcb, Fcb, Depth + 1);");
                    b.w.close("}");
                    b.w.blank();
                }
            }
            if (r.chance(0.45) && b.takeSlot()) {
                locked(b, pickVariant(b, false), null);
            }
            plain(b, r.between(0, 1));
            b.w.l("DebugTrace(-1, Dbg, \"" + name + " -> %08lx\\n\", Status);");
            String proto = "static NTSTATUS " + name + " " + STEP_PARAMS + ";";
            return new Fn(name, !head, head ? null : proto, b.finish(h, "return Status;"));
        }

        Fn fsd() {
            Major mj = m.major;
            String name = "GfsFsd" + mj.name();
            Rng r = rng("fsd", 0, 0);
            Lines h = new Lines();
            h.l("_Function_class_(" + mj.mj() + ")");
            h.l("_Function_class_(DRIVER_DISPATCH)");
            Lines rest = header("NTSTATUS", name, false, new String[] {"_In_ PDEVICE_OBJECT VolumeDeviceObject",
                "_Inout_ PIRP Irp"}, r, "This routine is the FSD entry point of the dispatch routine that "
                    + mj.summary() + ".",
                    new String[] {"VolumeDeviceObject - Supplies the volume device object where the file exists.",
                        "Irp - Supplies the Irp being processed."}, "NTSTATUS - The FSD status for the IRP.");
            h.out.addAll(rest.out);
            Body b = new Body(r, name, false, true, null, null);
            b.local("Status", "NTSTATUS Status");
            b.local("IrpContext", "PIRP_CONTEXT IrpContext = NULL");
            b.local("TopLevel", "BOOLEAN TopLevel");
            b.w.raw("""
                    PAGED_CODE();

                    DebugTrace(+1, Dbg, "%1$s\\n", 0);

                    //
                    //  Requests on the file system device itself are not supported.
                    //

                    if (VolumeDeviceObject == GfsData.FileSystemDeviceObject) {

                        GfsCompleteRequest(NULL, Irp, STATUS_INVALID_DEVICE_REQUEST);
                        DebugTrace(-1, Dbg, "%1$s -> STATUS_INVALID_DEVICE_REQUEST\\n", 0);
                        return STATUS_INVALID_DEVICE_REQUEST;
                    }

                    FsRtlEnterFileSystem();

                    TopLevel = GfsIsIrpTopLevel(Irp);

                    try {

                        IrpContext = GfsCreateIrpContext(Irp, CanFsdWait(Irp));

                        if (IrpContext == NULL) {

                            Status = STATUS_INSUFFICIENT_RESOURCES;
                            GfsCompleteRequest(NULL, Irp, Status);

                        } else {

                            Status = GfsCommon%2$s(IrpContext, Irp);
                        }

                    } except(GfsExceptionFilter(IrpContext, GetExceptionInformation())) {

                        //
                        //  We had some trouble trying to perform the requested
                        //  operation, so we'll abort the I/O request with the
                        //  error status that we get back from the exception code.
                        //

                        Status = GfsProcessException(IrpContext, Irp, GetExceptionCode());
                    }

                    if (TopLevel) {
                        IoSetTopLevelIrp(NULL);
                    }

                    FsRtlExitFileSystem();

                    DebugTrace(-1, Dbg, "%1$s -> %%08lx\\n", Status);
                """.formatted(name, mj.name()).stripTrailing());
            b.w.blank();
            return new Fn(name, false, null, b.finish(h, "return Status;"));
        }

        Fn common() {
            Major mj = m.major;
            String name = "GfsCommon" + mj.name();
            Rng r = rng("common", 0, 0);
            Lines h = header("NTSTATUS", name, false, new String[] {"IN PIRP_CONTEXT IrpContext", "IN PIRP Irp"}, r,
                    "This is the common routine of the requests that " + mj.summary()
                    + ", called by both the FSD and the FSP.",
                    new String[] {"IrpContext - Supplies the context of the request.",
                        "Irp - Supplies the Irp to process."}, "NTSTATUS - The return status for the operation.");
            Body b = new Body(r, name, true, true, "Vcb", "Fcb");
            b.local("Status", "NTSTATUS Status = STATUS_SUCCESS");
            b.local("IrpSp", "PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp)");
            b.local("FileObject", "PFILE_OBJECT FileObject = IrpSp->FileObject");
            b.local("Vcb", "PVCB Vcb = IrpContext->Vcb");
            b.local("Fcb", "PFCB Fcb");
            b.local("Wait", "BOOLEAN Wait = BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)");
            int shape = r.below(3);
            if (shape == 2) {
                b.local("GlobalAcquired", "BOOLEAN GlobalAcquired = FALSE");
            }
            b.local("VcbAcquired", "BOOLEAN VcbAcquired = FALSE");
            if (shape != 2) {
                b.local("FcbAcquired", "BOOLEAN FcbAcquired = FALSE");
            }
            Lines w = b.w;
            w.l("PAGED_CODE();");
            w.blank();
            w.l("DebugTrace(+1, Dbg, \"" + name + "\\n\", 0);");
            w.blank();
            w.open("if (FileObject == NULL || !GfsIsFcbGood((PFCB)FileObject->FsContext)) {");
            w.blank();
            w.l("GfsCompleteRequest(IrpContext, Irp, STATUS_INVALID_PARAMETER);");
            w.l("DebugTrace(-1, Dbg, \"" + name + " -> STATUS_INVALID_PARAMETER\\n\", 0);");
            w.l("return STATUS_INVALID_PARAMETER;");
            w.close("}");
            w.blank();
            w.l("Fcb = (PFCB)FileObject->FsContext;");
            w.blank();
            switch (shape) {
                case 0 -> {
                    w.open("try {");
                    w.blank();
                    w.comment("Acquire the volume shared and the file exclusive.  Either may fail",
                            "when the request may not wait; it is then posted to the FSP.");
                    w.open("if (!GfsAcquireSharedVcb(IrpContext, Vcb, Wait)) {");
                    w.blank();
                    w.l("try_return( Status = STATUS_CANT_WAIT );");
                    w.close("}");
                    w.blank();
                    w.l("VcbAcquired = TRUE;");
                    w.blank();
                    w.open("if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS)) {");
                    w.blank();
                    w.l("try_return( Status = STATUS_VOLUME_DISMOUNTED );");
                    w.close("}");
                    w.blank();
                    w.open("if (!GfsAcquireExclusiveFcb(IrpContext, Fcb, Wait)) {");
                    w.blank();
                    w.l("try_return( Status = STATUS_CANT_WAIT );");
                    w.close("}");
                    w.blank();
                    w.l("FcbAcquired = TRUE;");
                    w.blank();
                    dispatchSwitch(b);
                    w.mid("try_exit: NOTHING;");
                    w.mid("} finally {");
                    w.blank();
                    w.l("DebugUnwind(" + name + ");");
                    w.blank();
                    w.open("if (FcbAcquired) {");
                    w.l("GfsReleaseFcb(IrpContext, Fcb);");
                    w.close("}");
                    w.blank();
                    w.open("if (VcbAcquired) {");
                    w.l("GfsReleaseVcb(IrpContext, Vcb);");
                    w.close("}");
                    w.blank();
                    w.open("if (!AbnormalTermination()) {");
                    w.blank();
                    w.open("if (Status == STATUS_CANT_WAIT) {");
                    w.blank();
                    w.l("Status = GfsFsdPostRequest(IrpContext, Irp);");
                    w.blank();
                    w.mid("} else {");
                    w.blank();
                    w.l("GfsCompleteRequest(IrpContext, Irp, Status);");
                    w.close("}");
                    w.close("}");
                    w.close("}");
                    w.blank();
                }
                case 1 -> {
                    w.open("__try {");
                    w.blank();
                    w.comment("Acquire the volume exclusive and the file shared.");
                    w.open("if (!GfsAcquireExclusiveVcb(IrpContext, Vcb, Wait)) {");
                    w.blank();
                    w.l("Status = STATUS_CANT_WAIT;");
                    w.l("__leave;");
                    w.close("}");
                    w.blank();
                    w.l("VcbAcquired = TRUE;");
                    w.blank();
                    w.open("if (GfsAcquireSharedFcb(IrpContext, Fcb, Wait)) {");
                    w.blank();
                    w.l("FcbAcquired = TRUE;");
                    w.blank();
                    w.mid("} else {");
                    w.blank();
                    w.l("Status = STATUS_CANT_WAIT;");
                    w.l("__leave;");
                    w.close("}");
                    w.blank();
                    dispatchSwitch(b);
                    w.mid("} __finally {");
                    w.blank();
                    w.open("if (FcbAcquired) {");
                    w.l("GfsReleaseFcb(IrpContext, Fcb);");
                    w.close("}");
                    w.blank();
                    w.open("if (VcbAcquired) {");
                    w.l("GfsReleaseVcb(IrpContext, Vcb);");
                    w.close("}");
                    w.close("}");
                    w.blank();
                    postOrComplete(w);
                }
                default -> {
                    w.open("try {");
                    w.blank();
                    w.comment("This request changes the volume list too: take the global data",
                            "first, then the volume, both exclusive.");
                    w.open("if (!GfsAcquireExclusiveGlobal(IrpContext)) {");
                    w.blank();
                    w.l("try_return( Status = STATUS_CANT_WAIT );");
                    w.close("}");
                    w.blank();
                    w.l("GlobalAcquired = TRUE;");
                    w.blank();
                    w.open("if (!GfsAcquireExclusiveVcb(IrpContext, Vcb, Wait)) {");
                    w.blank();
                    w.l("try_return( Status = STATUS_CANT_WAIT );");
                    w.close("}");
                    w.blank();
                    w.l("VcbAcquired = TRUE;");
                    w.blank();
                    dispatchSwitch(b);
                    w.mid("try_exit: NOTHING;");
                    w.mid("} finally {");
                    w.blank();
                    w.open("if (VcbAcquired) {");
                    w.l("GfsReleaseVcb(IrpContext, Vcb);");
                    w.close("}");
                    w.blank();
                    w.open("if (GlobalAcquired) {");
                    w.l("GfsReleaseGlobal(IrpContext);");
                    w.close("}");
                    w.close("}");
                    w.blank();
                    postOrComplete(w);
                }
            }
            w.l("DebugTrace(-1, Dbg, \"" + name + " -> %08lx\\n\", Status);");
            return new Fn(name, false, null, b.finish(h, "return Status;"));
        }

        void postOrComplete(Lines w) {
            w.open("if (Status == STATUS_CANT_WAIT) {");
            w.blank();
            w.l("Status = GfsFsdPostRequest(IrpContext, Irp);");
            w.blank();
            w.mid("} else {");
            w.blank();
            w.l("GfsCompleteRequest(IrpContext, Irp, Status);");
            w.close("}");
            w.blank();
        }

        void dispatchSwitch(Body b) {
            Lines w = b.w;
            Major mj = m.major;
            w.open("switch (" + mj.selector() + ") {");
            String[] labels = mj.labels();
            for (int i = 0; i < labels.length; i++) {
                w.blank();
                w.l("case " + labels[i] + ":");
                w.blank();
                w.l("    Status = " + m.heads[i % 2] + "(IrpContext, Vcb, Fcb, 0);");
                w.l("    break;");
            }
            w.blank();
            w.l("default:");
            w.blank();
            w.l("    DebugTrace(0, Dbg, \"Invalid request %02x\\n\", IrpSp->MinorFunction);");
            w.l("    Status = STATUS_INVALID_DEVICE_REQUEST;");
            w.l("    break;");
            w.close("}");
            w.blank();
        }

        Fn worker(String head) {
            String name = m.worker;
            Rng r = rng("worker", 0, 0);
            Lines h = header("VOID", name, false, new String[] {"_In_ PVOID Parameter"}, r,
                    "This routine finishes, in a worker thread, the " + m.phrase
                    + " work that a request could not do without waiting.",
                    new String[] {"Parameter - Supplies the IRP context of the request."}, null);
            Body b = new Body(r, name, true, true, "Vcb", "Fcb");
            b.local("IrpContext", "PIRP_CONTEXT IrpContext = (PIRP_CONTEXT)Parameter");
            b.local("Vcb", "PVCB Vcb = IrpContext->Vcb");
            Lines w = b.w;
            if (!m.defective) {
                b.local("Fcb", "PFCB Fcb = NULL");
                b.local("Status", "NTSTATUS Status = STATUS_SUCCESS");
                b.local("VcbAcquired", "BOOLEAN VcbAcquired = FALSE");
                w.l("FsRtlEnterFileSystem();");
                w.blank();
                w.open("if (IrpContext->OriginatingIrp != NULL) {");
                w.blank();
                w.l("PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(IrpContext->OriginatingIrp);");
                w.blank();
                w.open("if (IrpSp->FileObject != NULL) {");
                w.l("Fcb = (PFCB)IrpSp->FileObject->FsContext;");
                w.close("}");
                w.close("}");
                w.blank();
                w.open("try {");
                w.blank();
                w.open("if (!GfsAcquireExclusiveVcb(IrpContext, Vcb, TRUE)) {");
                w.blank();
                w.l("try_return( Status = STATUS_CANT_WAIT );");
                w.close("}");
                w.blank();
                w.l("VcbAcquired = TRUE;");
                w.blank();
                w.l("Status = " + head + "(IrpContext, Vcb, Fcb, 0);");
                w.blank();
                w.mid("try_exit: NOTHING;");
                w.mid("} finally {");
                w.blank();
                w.open("if (VcbAcquired) {");
                w.l("GfsReleaseVcb(IrpContext, Vcb);");
                w.close("}");
                w.close("}");
                w.blank();
                w.l("IrpContext->ExceptionStatus = Status;");
                w.l("FsRtlExitFileSystem();");
            } else if (r.chance(0.5)) {
                // Deliberate defect: the error path returns with the VCB held exclusive.
                b.local("Status", "NTSTATUS Status");
                w.l("FsRtlEnterFileSystem();");
                w.blank();
                w.open("if (!GfsAcquireExclusiveVcb(IrpContext, Vcb, TRUE)) {");
                w.blank();
                w.l("FsRtlExitFileSystem();");
                w.l("return;");
                w.close("}");
                w.blank();
                w.l("Status = " + head + "(IrpContext, Vcb, NULL, 0);");
                w.blank();
                w.open("if (!NT_SUCCESS(Status)) {");
                w.blank();
                w.l("IrpContext->ExceptionStatus = Status;");
                w.l("FsRtlExitFileSystem();");
                w.l("return;                     " + EXPECT);
                w.close("}");
                w.blank();
                w.l("GfsReleaseVcb(IrpContext, Vcb);");
                w.l("FsRtlExitFileSystem();");
            } else {
                // Deliberate defect: a dismount found under the resource returns without releasing it.
                b.local("Status", "NTSTATUS Status = STATUS_SUCCESS");
                w.l("FsRtlEnterFileSystem();");
                w.blank();
                w.l("(VOID)ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);");
                w.blank();
                w.open("if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS)) {");
                w.blank();
                w.l("IrpContext->ExceptionStatus = STATUS_VOLUME_DISMOUNTED;");
                w.l("FsRtlExitFileSystem();");
                w.l("return;                     " + EXPECT);
                w.close("}");
                w.blank();
                w.l("Status = " + head + "(IrpContext, Vcb, NULL, 0);");
                w.l("IrpContext->ExceptionStatus = Status;");
                w.blank();
                w.l("ExReleaseResourceLite(&Vcb->Resource);");
                w.l("FsRtlExitFileSystem();");
            }
            return new Fn(name, false, null, b.finish(h, null));
        }

        Fn queueWorkFn() {
            String name = queueWork;
            Rng r = rng("queue", 0, 0);
            Lines h = header("VOID", name, true, new String[] {"IN PIRP_CONTEXT IrpContext"}, r,
                    "This routine queues the worker of this module for a request.",
                    new String[] {"IrpContext - Supplies the context of the request."}, null);
            Body b = new Body(r, name, true, false, null, null);
            b.w.l("PAGED_CODE();");
            b.w.blank();
            b.w.l("SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_DEFERRED);");
            b.w.blank();
            b.w.l("ExInitializeWorkItem(&IrpContext->WorkQueueItem, " + m.worker + ", IrpContext);");
            b.w.l("ExQueueWorkItem(&IrpContext->WorkQueueItem, DelayedWorkQueue);");
            return new Fn(name, true, "static VOID " + name + " (IN PIRP_CONTEXT IrpContext);", b.finish(h, null));
        }

        Fn partitions() {
            String name = scanPartitions;
            Rng r = rng("partitions", 0, 0);
            Lines h = header("NTSTATUS", name, true, new String[] {"IN PIRP_CONTEXT IrpContext", "IN PVCB Vcb"}, r,
                    "This routine recomputes the free space of the volume from its partitions.",
                    new String[] {"IrpContext - Supplies the context of the request.",
                        "Vcb - Supplies the volume."}, "NTSTATUS - STATUS_CANT_WAIT if a partition was busy.");
            Body b = new Body(r, name, true, true, "Vcb", null);
            b.local("Status", "NTSTATUS Status = STATUS_SUCCESS");
            b.local("Wait", "BOOLEAN Wait = BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)");
            b.local("Index", "ULONG Index");
            b.local("FreeClusters", "ULONG FreeClusters = 0");
            Lines w = b.w;
            w.l("PAGED_CODE();");
            w.blank();
            w.comment("Take every partition shared, in order, to read a consistent total.");
            w.open("for (Index = 0; Index < GFS_PARTITION_COUNT; Index += 1) {");
            w.l("(VOID)ExAcquireResourceSharedLite(&Vcb->Partitions[Index].Resource, TRUE);");
            w.close("}");
            w.blank();
            w.open("for (Index = 0; Index < GFS_PARTITION_COUNT; Index += 1) {");
            w.l("FreeClusters += Vcb->Partitions[Index].FreeClusters;");
            w.close("}");
            w.blank();
            w.open("for (Index = GFS_PARTITION_COUNT; Index > 0; Index -= 1) {");
            w.l("ExReleaseResourceLite(&Vcb->Partitions[Index - 1].Resource);");
            w.close("}");
            w.blank();
            if (r.chance(0.7)) {
                w.comment("Then visit each partition exclusive on its own.");
                w.open("for (Index = 0; Index < GFS_PARTITION_COUNT; Index += 1) {");
                w.blank();
                w.open("if (!ExAcquireResourceExclusiveLite(&Vcb->Partitions[Index].Resource, Wait)) {");
                w.blank();
                w.l("Status = STATUS_CANT_WAIT;");
                w.l("break;");
                w.close("}");
                w.blank();
                w.l("Vcb->Partitions[Index].Generation += 1;");
                w.blank();
                w.open("if (Vcb->Partitions[Index].FreeClusters > Vcb->Partitions[Index].ClusterCount) {");
                w.l("Vcb->Partitions[Index].FreeClusters = Vcb->Partitions[Index].ClusterCount;");
                w.close("}");
                w.blank();
                w.l("ExReleaseResourceLite(&Vcb->Partitions[Index].Resource);");
                w.close("}");
                w.blank();
            }
            if (r.chance(0.6)) {
                w.open("if (NT_SUCCESS(Status)) {");
                w.blank();
                w.l("GfsLockFreeClusterBitMap(Vcb);");
                w.l("Vcb->FreeClusterCount = FreeClusters;");
                w.l("GfsUnlockFreeClusterBitMap(Vcb);");
                w.close("}");
                w.blank();
            } else {
                w.l("Vcb->FreeClusterCount = FreeClusters;");
                w.blank();
            }
            return new Fn(name, true, "static NTSTATUS " + name + " (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb);",
                    b.finish(h, "return Status;"));
        }

        Fn leaf(int i) {
            Rng r = rng("leaf", i, 0);
            int kind = i % 3;
            String name;
            do {
                name = "Gfs" + m.tag + r.pick(VERBS) + r.pick(OBJECTS) + (kind == 1 ? "Valid" : "");
            } while (!m.names.add(name) && !m.names.add(name += i));
            leafNames.add(name);
            String returnType = kind == 0 ? "ULONG" : kind == 1 ? "BOOLEAN" : "VOID";
            String[] params = kind == 0 ? new String[] {"IN PFCB Fcb", "IN ULONG Value"}
                    : kind == 1 ? new String[] {"IN PVCB Vcb", "IN ULONG Value"}
                    : new String[] {"IN PIRP_CONTEXT IrpContext", "IN PFCB Fcb", "IN ULONG Value"};
            String[] docs = kind == 0 ? new String[] {"Fcb - Supplies the file.", "Value - Supplies the value to fold in."}
                    : kind == 1 ? new String[] {"Vcb - Supplies the volume.", "Value - Supplies the cluster to test."}
                    : new String[] {"IrpContext - Supplies the context of the request.", "Fcb - Supplies the file.",
                        "Value - Supplies the value to record."};
            Lines h = header(returnType, name, true, params, r,
                    "This routine " + third(r.pick(VERBS)) + " the " + r.pick(OBJECTS).toLowerCase()
                    + " of the " + r.pick(SCOPES) + ".", docs,
                    kind == 0 ? "ULONG - The updated value." : kind == 1 ? "BOOLEAN - TRUE if the value is in use."
                    : null);
            String vcb = kind == 1 ? "Vcb" : "Fcb->Vcb";
            String fcb = kind == 1 ? null : "Fcb";
            Body b = new Body(r, name, kind == 2, false, vcb, fcb);
            b.failReturn = kind == 0 ? "return Value;" : "return;";
            if (kind == 1) {
                b.local("Result", "BOOLEAN Result = FALSE");
            }
            b.w.l("PAGED_CODE();");
            b.w.blank();
            if (kind == 1) {
                b.local("Index", "ULONG Index");
                b.w.open("for (Index = 0; Index < GFS_PARTITION_COUNT; Index += 1) {");
                b.w.blank();
                b.w.l("if (Value >= Vcb->Partitions[Index].FirstCluster &&");
                b.w.open("    Value - Vcb->Partitions[Index].FirstCluster < Vcb->Partitions[Index].ClusterCount) {");
                b.w.blank();
                b.w.l("Result = (BOOLEAN)(Vcb->Partitions[Index].FreeClusters != Vcb->Partitions[Index].ClusterCount);");
                b.w.l("break;");
                b.w.close("}");
                b.w.close("}");
                b.w.blank();
            }
            plain(b, r.between(1, 4));
            if (kind != 1 && r.chance(0.35) && b.takeSlot()) {
                locked(b, pickVariant(b, false), null);
            }
            if (kind == 1) {
                b.w.open("if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_WRITE_PROTECTED)) {");
                b.w.l("Result = FALSE;");
                b.w.close("}");
                b.w.blank();
            } else if (kind == 2) {
                b.w.l("Fcb->DirentOffset = Value;");
                b.w.blank();
            }
            String trailer = kind == 0 ? "return Value;" : kind == 1 ? "return Result;" : null;
            if (kind == 2) {
                // Drop the trailing blank line of the last block.
                if (!b.w.out.isEmpty() && b.w.out.get(b.w.out.size() - 1).isEmpty()) {
                    b.w.out.remove(b.w.out.size() - 1);
                }
            }
            String proto = "static " + returnType + " " + name + " (" + String.join(", ", params) + ");";
            return new Fn(name, true, proto, b.finish(h, trailer));
        }

        /** The code-mapping table: {@code cases} lines of switch cases in 15 lines of frame. */
        Fn filler(int cases) {
            String name = mapCode;
            Rng r = rng("filler", 0, 0);
            Lines w = new Lines();
            w.l("static ULONG");
            w.l(name + " (");
            w.l("    IN ULONG Code");
            w.l("    )");
            w.l("/*++");
            w.blank();
            w.l("Routine Description:");
            w.blank();
            w.l("    This routine maps an on-disk code of the " + m.phrase + " table to its in-memory value.");
            w.blank();
            w.l("--*/");
            w.l("{");
            w.l("    switch (Code) {");
            int code = r.between(1, 64);
            for (int i = 0; i < cases - 1; i++) {
                code += r.between(1, 9);
                w.l(String.format("    case 0x%03x: return 0x%04xu;", code, r.below(0x10000)));
            }
            w.l("    default: return 0;");
            w.l("    }");
            w.l("}");
            return new Fn(name, true, "static ULONG " + name + " (IN ULONG Code);", w.out);
        }
    }
}
