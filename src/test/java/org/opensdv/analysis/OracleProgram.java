package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small random driver for the exhaustive oracle: loop-free functions over a few global resources,
 * with acquires (Wait TRUE, FALSE or an unknown global), checked acquire results, flags, branches on
 * flags and on unknown globals, calls to later functions, try/finally with __leave and early returns.
 * It prints itself as C and, independently of the engine, enumerates every path to find its defects.
 */
final class OracleProgram {
    static final int RESOURCES = 3;
    static final int FLAGS = 2;
    static final int CONDITIONS = 2;

    sealed interface S permits Acquire, AcquireInto, AcquireChecked, Shared, Release, SetFlag, IfFlag, IfCond, Call,
            TryFinally, Return, Leave {
    }

    /** wait: "TRUE", "FALSE" or "gWait". try: ExTryToAcquireResourceExclusiveLite instead. */
    record Acquire(int r, String waitArg, boolean tryForm) implements S {
    }

    record AcquireInto(int r, String waitArg, int flag) implements S {
    }

    record AcquireChecked(int r, String waitArg, List<S> then, List<S> otherwise) implements S {
    }

    record Shared(int r) implements S {
    }

    record Release(int r) implements S {
    }

    record SetFlag(int flag, int value) implements S {
    }

    record IfFlag(int flag, List<S> then, List<S> otherwise) implements S {
    }

    record IfCond(int cond, List<S> then, List<S> otherwise) implements S {
    }

    record Call(int function) implements S {
    }

    record TryFinally(List<S> body, List<S> fin) implements S {
    }

    record Return() implements S {
    }

    record Leave() implements S {
    }

    final List<List<S>> functions = new ArrayList<>();
    private final Random random;
    private int budget;

    OracleProgram(long seed) {
        random = new Random(seed);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            budget = 6 + random.nextInt(10);
            functions.add(block(i, count, 0, false, false));
        }
    }

    // ------------------------------------------------------------------ generation

    private List<S> block(int fn, int count, int depth, boolean inTry, boolean inFinally) {
        List<S> out = new ArrayList<>();
        int n = 1 + random.nextInt(depth == 0 ? 6 : 3);
        for (int i = 0; i < n && budget > 0; i++) {
            budget--;
            out.add(statement(fn, count, depth, inTry, inFinally));
        }
        return out;
    }

    private S statement(int fn, int count, int depth, boolean inTry, boolean inFinally) {
        int r = random.nextInt(RESOURCES);
        String[] waits = {"TRUE", "FALSE", "gWait"};
        String wait = waits[random.nextInt(3)];
        boolean nest = depth < 3;
        int pick = random.nextInt(nest ? 15 : 9);
        switch (pick) {
            case 0, 1:
                return new Acquire(r, wait, random.nextInt(6) == 0);
            case 2, 3:
                return new Release(r);
            case 4:
                return new SetFlag(random.nextInt(FLAGS), random.nextInt(2));
            case 5:
                return new AcquireInto(r, wait, random.nextInt(FLAGS));
            case 6:
                return new Shared(r);
            case 7:
                if (fn + 1 < count) {
                    return new Call(fn + 1 + random.nextInt(count - fn - 1));
                }
                return new Release(r);
            case 8:
                if (inFinally) {
                    return new SetFlag(random.nextInt(FLAGS), random.nextInt(2));
                }
                return inTry && random.nextBoolean() ? new Leave() : new Return();
            case 9, 10:
                return new IfFlag(random.nextInt(FLAGS), block(fn, count, depth + 1, inTry, inFinally),
                        random.nextBoolean() ? List.of() : block(fn, count, depth + 1, inTry, inFinally));
            case 11:
                return new IfCond(random.nextInt(CONDITIONS), block(fn, count, depth + 1, inTry, inFinally),
                        random.nextBoolean() ? List.of() : block(fn, count, depth + 1, inTry, inFinally));
            case 12:
                return new AcquireChecked(r, random.nextBoolean() ? "FALSE" : wait,
                        block(fn, count, depth + 1, inTry, inFinally),
                        random.nextBoolean() ? List.of() : block(fn, count, depth + 1, inTry, inFinally));
            default:
                if (inFinally) {
                    return new Release(r);
                }
                return new TryFinally(block(fn, count, depth + 1, true, false), block(fn, count, depth + 1, false, true));
        }
    }

    // ------------------------------------------------------------------ C source

    private final Map<S, Integer> lineOf = new java.util.IdentityHashMap<>();
    private final Map<Integer, Integer> closingLine = new HashMap<>();
    private final Map<Return, Integer> returnLine = new java.util.IdentityHashMap<>();

    String source() {
        StringBuilder sb = new StringBuilder();
        List<String> lines = new ArrayList<>();
        lines.add("#include <ntifs.h>");
        lines.add("ERESOURCE R0, R1, R2;");
        lines.add("BOOLEAN gCond0, gCond1, gWait;");
        for (int i = 1; i < functions.size(); i++) {
            lines.add("VOID F" + i + "(VOID);");
        }
        lines.add("DRIVER_UNLOAD F0;");
        for (int i = 0; i < functions.size(); i++) {
            lines.add(i == 0 ? "VOID F0(PDRIVER_OBJECT DriverObject)" : "VOID F" + i + "(VOID)");
            lines.add("{");
            for (int f = 0; f < FLAGS; f++) {
                lines.add("    BOOLEAN f" + f + " = FALSE;");
            }
            if (i == 0) {
                lines.add("    UNREFERENCED_PARAMETER(DriverObject);");
            }
            emit(functions.get(i), 1, lines);
            lines.add("}");
            closingLine.put(i, lines.size());
        }
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private void emit(List<S> body, int indent, List<String> lines) {
        String pad = "    ".repeat(indent);
        for (S s : body) {
            if (s instanceof Acquire a) {
                lines.add(pad + (a.tryForm() ? "ExTryToAcquireResourceExclusiveLite(&R" + a.r() + ");"
                        : "ExAcquireResourceExclusiveLite(&R" + a.r() + ", " + a.waitArg() + ");"));
                lineOf.put(s, lines.size());
            } else if (s instanceof AcquireInto a) {
                lines.add(pad + "f" + a.flag() + " = ExAcquireResourceExclusiveLite(&R" + a.r() + ", " + a.waitArg() + ");");
                lineOf.put(s, lines.size());
            } else if (s instanceof AcquireChecked a) {
                lines.add(pad + "if (ExAcquireResourceExclusiveLite(&R" + a.r() + ", " + a.waitArg() + ")) {");
                lineOf.put(s, lines.size());
                emit(a.then(), indent + 1, lines);
                lines.add(pad + "} else {");
                emit(a.otherwise(), indent + 1, lines);
                lines.add(pad + "}");
            } else if (s instanceof Shared sh) {
                lines.add(pad + "ExAcquireResourceSharedLite(&R" + sh.r() + ", TRUE);");
                lineOf.put(s, lines.size());
            } else if (s instanceof Release rel) {
                lines.add(pad + "ExReleaseResourceLite(&R" + rel.r() + ");");
                lineOf.put(s, lines.size());
            } else if (s instanceof SetFlag sf) {
                lines.add(pad + "f" + sf.flag() + " = " + (sf.value() == 1 ? "TRUE" : "FALSE") + ";");
            } else if (s instanceof IfFlag i) {
                lines.add(pad + "if (f" + i.flag() + ") {");
                emit(i.then(), indent + 1, lines);
                lines.add(pad + "} else {");
                emit(i.otherwise(), indent + 1, lines);
                lines.add(pad + "}");
            } else if (s instanceof IfCond i) {
                lines.add(pad + "if (gCond" + i.cond() + ") {");
                emit(i.then(), indent + 1, lines);
                lines.add(pad + "} else {");
                emit(i.otherwise(), indent + 1, lines);
                lines.add(pad + "}");
            } else if (s instanceof Call c) {
                lines.add(pad + "F" + c.function() + "();");
            } else if (s instanceof TryFinally t) {
                lines.add(pad + "__try {");
                emit(t.body(), indent + 1, lines);
                lines.add(pad + "} __finally {");
                emit(t.fin(), indent + 1, lines);
                lines.add(pad + "}");
            } else if (s instanceof Return r) {
                lines.add(pad + "return;");
                returnLine.put(r, lines.size());
            } else if (s instanceof Leave) {
                lines.add(pad + "__leave;");
            }
        }
    }

    // ------------------------------------------------------------------ the oracle

    /** Every defect on every path, as "line: kind", by brute force. */
    Set<String> oracleDefects() {
        if (closingLine.isEmpty()) {
            source();
        }
        Set<String> defects = new TreeSet<>();
        for (int env = 0; env < (1 << (CONDITIONS + 1)); env++) {
            List<Boolean> choices = new ArrayList<>();
            // depth-first over the outcomes of acquires that may fail
            while (true) {
                Path p = new Path(env, choices);
                p.runRoutine();
                defects.addAll(p.defects);
                int i = choices.size() - 1;
                while (i >= 0 && choices.get(i)) {
                    i--;
                }
                if (i < 0) {
                    break;
                }
                choices = new ArrayList<>(choices.subList(0, i));
                choices.add(true);
            }
        }
        return defects;
    }

    private static final class ReturnSignal extends RuntimeException {
        final Return from;

        ReturnSignal(Return from) {
            super(null, null, false, false);
            this.from = from;
        }
    }

    private static final class LeaveSignal extends RuntimeException {
        LeaveSignal() {
            super(null, null, false, false);
        }
    }

    /** One complete path: fixed unknown globals, a prefix of failing/succeeding acquire outcomes. */
    private final class Path {
        final int env;
        final List<Boolean> choices;
        int nextChoice;
        final int[] held = new int[RESOURCES]; // 0 none, 1 shared, 2 exclusive
        /** The holder's acquisitions of each resource, each release undoing one; counted up to two. */
        final int[] acquisitions = new int[RESOURCES];
        final Set<String> defects = new TreeSet<>();

        Path(int env, List<Boolean> choices) {
            this.env = env;
            this.choices = choices;
        }

        boolean unknown(int index) {
            return ((env >> index) & 1) == 1;
        }

        /** An acquire that may fail: false = fails. New choice points start with "fails". */
        boolean succeeds() {
            if (nextChoice < choices.size()) {
                return choices.get(nextChoice++);
            }
            choices.add(false);
            nextChoice++;
            return false;
        }

        void runRoutine() {
            int exitLine;
            try {
                run(functions.get(0), new int[FLAGS]);
                exitLine = closingLine.get(0);
            } catch (ReturnSignal r) {
                exitLine = returnLine.get(r.from);
            }
            for (int r = 0; r < RESOURCES; r++) {
                if (held[r] == 2) {
                    defects.add(exitLine + ": held-at-exit");
                    break;
                }
            }
        }

        void callFunction(int index) {
            try {
                run(functions.get(index), new int[FLAGS]);
            } catch (ReturnSignal r) {
                // returns to the caller
            }
        }

        boolean acquireSucceeds(String wait) {
            if (wait.equals("TRUE") || (wait.equals("gWait") && unknown(CONDITIONS))) {
                return true;
            }
            return succeeds();
        }

        void exclusiveAcquired(S s, int r) {
            if (held[r] == 2) {
                defects.add(lineOf.get(s) + ": acquire-while-held");
            }
            // an exclusive hold counts the acquire; a shared one is replaced by it
            acquisitions[r] = held[r] == 2 ? Math.min(2, acquisitions[r] + 1) : 1;
            held[r] = 2;
        }

        void run(List<S> body, int[] flags) {
            for (S s : body) {
                if (s instanceof Acquire a) {
                    boolean ok = a.tryForm() ? succeeds() : acquireSucceeds(a.waitArg());
                    if (ok) {
                        exclusiveAcquired(s, a.r());
                    }
                } else if (s instanceof AcquireInto a) {
                    boolean ok = acquireSucceeds(a.waitArg());
                    if (ok) {
                        exclusiveAcquired(s, a.r());
                    }
                    flags[a.flag()] = ok ? 1 : 0;
                } else if (s instanceof AcquireChecked a) {
                    boolean ok = acquireSucceeds(a.waitArg());
                    if (ok) {
                        exclusiveAcquired(s, a.r());
                        run(a.then(), flags);
                    } else {
                        run(a.otherwise(), flags);
                    }
                } else if (s instanceof Shared sh) {
                    if (held[sh.r()] == 0) {
                        held[sh.r()] = 1;
                    }
                    acquisitions[sh.r()] = Math.min(2, acquisitions[sh.r()] + 1);
                } else if (s instanceof Release rel) {
                    if (held[rel.r()] == 0) {
                        defects.add(lineOf.get(s) + ": release-not-held");
                    } else if (--acquisitions[rel.r()] == 0) {
                        held[rel.r()] = 0;
                    }
                } else if (s instanceof SetFlag sf) {
                    flags[sf.flag()] = sf.value();
                } else if (s instanceof IfFlag i) {
                    run(flags[i.flag()] != 0 ? i.then() : i.otherwise(), flags);
                } else if (s instanceof IfCond i) {
                    run(unknown(i.cond()) ? i.then() : i.otherwise(), flags);
                } else if (s instanceof Call c) {
                    callFunction(c.function());
                } else if (s instanceof TryFinally t) {
                    try {
                        run(t.body(), flags);
                    } catch (LeaveSignal leave) {
                        // __leave: on to the finally
                    } finally {
                        run(t.fin(), flags);
                    }
                } else if (s instanceof Return r) {
                    throw new ReturnSignal(r);
                } else if (s instanceof Leave) {
                    throw new LeaveSignal();
                }
            }
        }
    }
}
