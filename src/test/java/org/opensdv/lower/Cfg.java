package org.opensdv.lower;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensdv.ir.Block;
import org.opensdv.ir.Function;
import org.opensdv.ir.Stmt;
import org.opensdv.ir.Terminator;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;

/**
 * Test view of a lowered function: program points are named by the functions called there
 * ({@code A()}, {@code Finally()}, ...) or by the line of a {@code return}.
 */
final class Cfg {
    private final Function function;

    private Cfg(Function function) {
        this.function = function;
    }

    /** Lowers {@code source} (a whole file; the prelude is in effect) and returns function {@code name}. */
    static Cfg of(Path dir, String source, String name) throws IOException {
        Path file = dir.resolve("t.c");
        Files.writeString(file, source);
        var project = InputCollector.collect(List.of(file), new CompilerOptions(List.of(), Map.of()));
        var result = ProgramBuilder.build(project, 1);
        Function f = result.functions().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name + " in " + result.diagnostics()));
        if (f.hasProblems()) {
            throw new AssertionError("problems lowering " + name + ": " + f.problems());
        }
        return new Cfg(f);
    }

    Function function() {
        return function;
    }

    /** Positions (block, index) of calls to {@code callee}. */
    private List<int[]> callSites(String callee) {
        List<int[]> out = new ArrayList<>();
        for (Block b : function.blocks()) {
            for (int i = 0; i < b.statements().size(); i++) {
                if (b.statements().get(i) instanceof Stmt.Call c && callee.equals(c.calleeName())) {
                    out.add(new int[] {b.id(), i});
                }
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("no call to " + callee + " in\n" + function.dump());
        }
        return out;
    }

    int callCount(String callee) {
        try {
            return callSites(callee).size();
        } catch (AssertionError e) {
            return 0;
        }
    }

    /** Is some call to {@code to} executed after some call to {@code from} on a path? */
    boolean reaches(String from, String to) {
        for (int[] src : callSites(from)) {
            Block b = function.block(src[0]);
            for (int i = src[1] + 1; i < b.statements().size(); i++) {
                if (isCallTo(b.statements().get(i), to)) {
                    return true;
                }
            }
            if (reachableBlocks(b.successors(), Set.of()).stream().anyMatch(id -> blockCalls(id, to))) {
                return true;
            }
        }
        return false;
    }

    /** Can the routine get from its entry to a call of {@code to} without calling {@code avoided}? */
    boolean reachesAvoiding(String to, String avoided) {
        Set<Integer> blocked = new HashSet<>();
        for (Block b : function.blocks()) {
            for (Stmt s : b.statements()) {
                if (isCallTo(s, avoided)) {
                    blocked.add(b.id());
                }
            }
        }
        Set<Integer> reach = reachableBlocks(List.of(0), blocked);
        return reach.stream().anyMatch(id -> blockCalls(id, to) && !blocked.contains(id));
    }

    /** Can the routine get from entry to the return statement on {@code line} without calling {@code avoided}? */
    boolean returnReachableAvoiding(int line, String avoided) {
        Set<Integer> blocked = new HashSet<>();
        for (Block b : function.blocks()) {
            for (Stmt s : b.statements()) {
                if (isCallTo(s, avoided)) {
                    blocked.add(b.id());
                }
            }
        }
        return reachableBlocks(List.of(0), blocked).stream().anyMatch(id -> !blocked.contains(id) && isReturnAt(id, line));
    }

    /** Is the return on {@code line} reached after a call to {@code from}? */
    boolean reachesReturn(String from, int line) {
        for (int[] src : callSites(from)) {
            Block b = function.block(src[0]);
            if (isReturnAt(b.id(), line)
                    || reachableBlocks(b.successors(), Set.of()).stream().anyMatch(id -> isReturnAt(id, line))) {
                return true;
            }
        }
        return false;
    }

    /** Calls made on some path between the entry and the return on {@code line}. */
    Set<String> callsBeforeReturn(int line) {
        Set<Integer> reachesIt = new HashSet<>();
        boolean changed = true;
        for (Block b : function.blocks()) {
            if (isReturnAt(b.id(), line)) {
                reachesIt.add(b.id());
            }
        }
        while (changed) {
            changed = false;
            for (Block b : function.blocks()) {
                if (!reachesIt.contains(b.id()) && b.successors().stream().anyMatch(reachesIt::contains)) {
                    reachesIt.add(b.id());
                    changed = true;
                }
            }
        }
        Set<String> calls = new HashSet<>();
        for (int id : reachesIt) {
            for (Stmt s : function.block(id).statements()) {
                if (s instanceof Stmt.Call c && c.calleeName() != null) {
                    calls.add(c.calleeName());
                }
            }
        }
        return calls;
    }

    /** The calls on the way an exception raised in the first call to {@code callee} takes. */
    Set<String> raisesTo(String callee) {
        int target = firstCall(callee).raisesTo();
        Set<String> out = new java.util.TreeSet<>();
        if (target >= 0) {
            for (int id : reachableBlocks(List.of(target), Set.of())) {
                function.block(id).statements().forEach(st -> {
                    if (st instanceof Stmt.Call c && c.calleeName() != null) {
                        out.add(c.calleeName());
                    }
                });
            }
        }
        return out;
    }

    /** Does an exception raised in the first call to {@code callee} leave the function? */
    boolean raiseLeavesFunction(String callee) {
        int target = firstCall(callee).raisesTo();
        return target < 0 || reachableBlocks(List.of(target), Set.of()).stream()
                .anyMatch(id -> function.block(id).terminator() instanceof Terminator.Raise);
    }

    Stmt.Call firstCall(String callee) {
        int[] site = callSites(callee).get(0);
        return (Stmt.Call) function.block(site[0]).statements().get(site[1]);
    }

    List<Terminator.Branch> branches() {
        List<Terminator.Branch> out = new ArrayList<>();
        for (Block b : function.blocks()) {
            if (b.terminator() instanceof Terminator.Branch br) {
                out.add(br);
            }
        }
        return out;
    }

    boolean hasBackEdge() {
        for (Block b : function.blocks()) {
            for (int s : b.successors()) {
                if (s <= b.id() && reachableBlocks(List.of(s), Set.of()).contains(b.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isReturnAt(int block, int line) {
        return function.block(block).terminator() instanceof Terminator.Return r && r.loc().line() == line;
    }

    private boolean blockCalls(int block, String callee) {
        return function.block(block).statements().stream().anyMatch(s -> isCallTo(s, callee));
    }

    private static boolean isCallTo(Stmt s, String callee) {
        return s instanceof Stmt.Call c && callee.equals(c.calleeName());
    }

    private Set<Integer> reachableBlocks(List<Integer> starts, Set<Integer> blocked) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        for (int s : starts) {
            if (seen.add(s)) {
                work.push(s);
            }
        }
        while (!work.isEmpty()) {
            int id = work.pop();
            if (blocked.contains(id)) {
                continue;
            }
            for (int s : function.block(id).successors()) {
                if (seen.add(s)) {
                    work.push(s);
                }
            }
        }
        return seen;
    }

    @Override
    public String toString() {
        return function.dump();
    }
}
