package org.opensdv.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensdv.ir.Block;
import org.opensdv.ir.Expr;
import org.opensdv.ir.Function;
import org.opensdv.ir.Stmt;
import org.opensdv.ir.Terminator;

/**
 * What the engine precomputes per function: locals whose address is taken (they live in memory),
 * the variables live at each block's entry (states that differ only in dead variables are one), the
 * loop heads (where states are joined so that loops reach a fixpoint), and the trace steps of its
 * branches.
 */
final class FunctionFacts {
    final Set<String> addressTaken;
    final List<Set<String>> liveIn = new ArrayList<>();
    final Set<Integer> loopHeads = new HashSet<>();
    /** Per block, the heads of the loops it is in. */
    private List<Set<Integer>> loopsOf;
    /** Per loop head, the variables the loop's statements assign. */
    private final Map<Integer, Set<String>> writtenInLoop = new HashMap<>();
    /**
     * Each block's position in reverse postorder (unreachable blocks last): exploring in this order
     * brings every path into a join point before the block runs, except along loops.
     */
    int[] order;
    /**
     * Per block, the trace steps of its branch's two sides, made when first taken: the same for
     * every state that takes them, so their text is built once.
     */
    private final Step[][] branchSteps;

    FunctionFacts(Function f) {
        branchSteps = new Step[f.blocks().size()][];
        addressTaken = addressTaken(f);
        computeLoopHeads(f);
        computeLiveness(f);
    }

    /** Per temporary holding a call's value, the call as written; made when first asked. */
    private volatile Map<String, String> callTexts;

    /**
     * {@code e} as the source wrote it, as far as the IR can tell: a temporary holding a call's
     * value ({@code &$t1->Resource}) is shown as the call ({@code &WhLastNode(Volume->Files)->Resource}).
     */
    String written(Function f, Expr e) {
        String text = e.toString();
        if (!text.contains("$t")) {
            return text;
        }
        Map<String, String> calls = callTexts;
        if (calls == null) { // threads may both make it: equal maps, either will do
            calls = new HashMap<>();
            for (Block b : f.blocks()) {
                for (Stmt st : b.statements()) {
                    if (st instanceof Stmt.Call c && c.result() != null && c.result().kind() == Expr.VarKind.TEMP) {
                        calls.put(c.result().name(), c.callText());
                    }
                }
            }
            callTexts = calls;
        }
        for (int round = 0; round < 8 && text.contains("$t"); round++) { // a call's arguments may hold calls
            java.util.regex.Matcher m = TEMPORARY.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(calls.getOrDefault(m.group(), m.group())));
            }
            m.appendTail(out);
            if (out.toString().equals(text)) {
                break;
            }
            text = out.toString();
        }
        return text;
    }

    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\$t\\d+");

    /** The trace step of taking one side of block {@code block}'s branch (a {@link Terminator.Branch}). */
    Step branchStep(Function f, int block, boolean side) {
        Step[] steps = branchSteps[block];
        if (steps == null) { // threads may both make them: equal steps, either will do
            Terminator.Branch br = (Terminator.Branch) f.block(block).terminator();
            String condition = br.text();
            steps = new Step[] {
                new Step(Step.Kind.BRANCH, br.loc(), f.name(), condition + " is true", null, null),
                new Step(Step.Kind.BRANCH, br.loc(), f.name(), condition + " is false", null, null)};
            branchSteps[block] = steps;
        }
        return steps[side ? 0 : 1];
    }

    /** The variables, not globals, whose address {@code f} takes (found without the other facts). */
    static Set<String> addressTaken(Function f) {
        Set<String> out = new HashSet<>();
        java.util.function.Consumer<Expr> collect = e -> visit(e, x -> {
            if (x instanceof Expr.AddrOf a && a.operand() instanceof Expr.Var v && v.kind() != Expr.VarKind.GLOBAL) {
                out.add(v.name());
            }
        });
        for (Block b : f.blocks()) {
            for (Stmt s : b.statements()) {
                if (s instanceof Stmt.Assign a) {
                    collect.accept(a.target());
                    collect.accept(a.value());
                } else if (s instanceof Stmt.Call c) {
                    c.args().forEach(collect);
                    collect.accept(c.callee());
                }
            }
        }
        return out;
    }

    private static void visit(Expr e, java.util.function.Consumer<Expr> f) {
        if (e == null) {
            return;
        }
        f.accept(e);
        if (e instanceof Expr.AddrOf a) {
            visit(a.operand(), f);
        } else if (e instanceof Expr.Deref d) {
            visit(d.pointer(), f);
        } else if (e instanceof Expr.Field fl) {
            visit(fl.base(), f);
        } else if (e instanceof Expr.Index i) {
            visit(i.base(), f);
            visit(i.index(), f);
        } else if (e instanceof Expr.Unary u) {
            visit(u.operand(), f);
        } else if (e instanceof Expr.Binary b) {
            visit(b.left(), f);
            visit(b.right(), f);
        } else if (e instanceof Expr.Cast c) {
            visit(c.operand(), f);
        }
    }

    private boolean isFrameVar(Expr.Var v) {
        return v.kind() != Expr.VarKind.GLOBAL && !addressTaken.contains(v.name());
    }

    /** The frame variables {@code e} reads, as bits of {@code names}. */
    private void uses(Expr e, BitSet out, Map<String, Integer> names) {
        visit(e, x -> {
            if (x instanceof Expr.Var v && isFrameVar(v)) {
                out.set(names.computeIfAbsent(v.name(), k -> names.size()));
            }
        });
    }

    /** Variables an lvalue reads (p in p->f = ...), not the variable it writes. */
    private void lvalueUses(Expr target, BitSet out, Map<String, Integer> names) {
        if (target instanceof Expr.Var) {
            return;
        }
        uses(target, out, names);
    }

    /**
     * Backward liveness over bit sets of the frame variables, visiting blocks in postorder so that
     * a pass sees most successors' sets already final; blocks with equal sets share one.
     */
    private void computeLiveness(Function f) {
        int n = f.blocks().size();
        Map<String, Integer> names = new HashMap<>();
        BitSet[] use = new BitSet[n];
        BitSet[] def = new BitSet[n];
        for (int i = 0; i < n; i++) {
            Block b = f.blocks().get(i);
            BitSet u = new BitSet();
            BitSet d = new BitSet();
            BitSet reads = new BitSet();
            for (Stmt s : b.statements()) {
                reads.clear();
                Expr.Var written = null;
                if (s instanceof Stmt.Assign a) {
                    uses(a.value(), reads, names);
                    lvalueUses(a.target(), reads, names);
                    if (a.target() instanceof Expr.Var v && isFrameVar(v)) {
                        written = v;
                    }
                } else if (s instanceof Stmt.Call c) {
                    for (Expr x : c.args()) {
                        uses(x, reads, names);
                    }
                    uses(c.callee(), reads, names);
                    if (c.result() != null && isFrameVar(c.result())) {
                        written = c.result();
                    }
                }
                reads.andNot(d);
                u.or(reads);
                if (written != null) {
                    d.set(names.computeIfAbsent(written.name(), k -> names.size()));
                }
            }
            reads.clear();
            Terminator t = b.terminator();
            if (t instanceof Terminator.Branch br) {
                uses(br.condition(), reads, names);
            } else if (t instanceof Terminator.Return r && r.value() != null) {
                uses(r.value(), reads, names);
            }
            reads.andNot(d);
            u.or(reads);
            use[i] = u;
            def[i] = d;
        }
        Integer[] postorder = new Integer[n];
        for (int i = 0; i < n; i++) {
            postorder[i] = i;
        }
        java.util.Arrays.sort(postorder, (x, y) -> Integer.compare(order[y], order[x]));
        BitSet[] live = new BitSet[n];
        for (int i = 0; i < n; i++) {
            live[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i : postorder) {
                BitSet out = new BitSet();
                for (int s : f.blocks().get(i).successors()) {
                    out.or(live[s]);
                }
                out.andNot(def[i]);
                out.or(use[i]);
                if (!out.equals(live[i])) {
                    live[i] = out;
                    changed = true;
                }
            }
        }
        String[] byIndex = new String[names.size()];
        names.forEach((name, i) -> byIndex[i] = name);
        Map<BitSet, Set<String>> shared = new HashMap<>();
        for (int i = 0; i < n; i++) {
            liveIn.add(shared.computeIfAbsent(live[i], bits -> {
                Set<String> vars = new HashSet<>();
                bits.stream().forEach(v -> vars.add(byIndex[v]));
                return java.util.Collections.unmodifiableSet(vars);
            }));
        }
    }

    private void computeLoopHeads(Function f) {
        int n = f.blocks().size();
        List<int[]> backEdges = new ArrayList<>();
        depthFirst(f, null, backEdges);
        backEdges.forEach(e -> loopHeads.add(e[1]));
        // the blocks of each natural loop: those that reach its back edge without passing its head
        List<List<Integer>> predecessors = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            predecessors.add(new ArrayList<>());
        }
        for (int b = 0; b < n; b++) {
            for (int s : f.blocks().get(b).successors()) {
                predecessors.get(s).add(b);
            }
        }
        List<Set<Integer>> loopsOf = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            loopsOf.add(new HashSet<>());
        }
        for (int[] edge : backEdges) {
            int head = edge[1];
            java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>(List.of(edge[0]));
            loopsOf.get(head).add(head);
            while (!work.isEmpty()) {
                int b = work.pop();
                if (loopsOf.get(b).add(head)) {
                    predecessors.get(b).forEach(work::push);
                }
            }
        }
        order = depthFirst(f, loopsOf, null);
        this.loopsOf = loopsOf;
        for (int b = 0; b < n; b++) {
            for (int head : loopsOf.get(b)) {
                Set<String> written = writtenInLoop.computeIfAbsent(head, h -> new HashSet<>());
                for (Stmt st : f.blocks().get(b).statements()) {
                    if (st instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
                        written.add(v.name());
                    } else if (st instanceof Stmt.Call c && c.result() != null) {
                        written.add(c.result().name());
                    }
                }
            }
        }
    }

    /**
     * Is {@code var} a variable no statement of the loop whose head is {@code head} assigns? Its
     * value is then the same on every pass of one run of the loop.
     */
    boolean unchangedInLoop(int head, String var) {
        Set<String> written = writtenInLoop.get(head);
        return written != null && !written.contains(var);
    }

    /**
     * Does an edge from {@code from} (-1: the function's entry) to the loop head {@code head} come
     * from outside every loop the head is in: not an iteration of any of them?
     */
    boolean entersLoopNest(int from, int head) {
        return from < 0 || java.util.Collections.disjoint(loopsOf.get(from), loopsOf.get(head));
    }

    /**
     * A depth-first walk from the entry: notes its back edges (from, to) if asked, and returns each
     * block's position in reverse postorder. Given the loops each block is in, it walks first the
     * successors that leave the most loops, so a loop's exits come after all its blocks in that
     * order: the states a loop ends with are all there before the code after it runs.
     */
    private static int[] depthFirst(Function f, List<Set<Integer>> loopsOf, List<int[]> backEdges) {
        int n = f.blocks().size();
        int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        int[] order = new int[n];
        java.util.Arrays.fill(order, Integer.MAX_VALUE);
        int finished = 0;
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<List<Integer>> successors = new java.util.ArrayDeque<>();
        stack.push(new int[] {0, 0});
        successors.push(successorsOf(f, 0, loopsOf));
        state[0] = 1;
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            List<Integer> succ = successors.peek();
            if (top[1] < succ.size()) {
                int s = succ.get(top[1]++);
                if (state[s] == 1) {
                    if (backEdges != null) {
                        backEdges.add(new int[] {top[0], s});
                    }
                } else if (state[s] == 0) {
                    state[s] = 1;
                    stack.push(new int[] {s, 0});
                    successors.push(successorsOf(f, s, loopsOf));
                }
            } else {
                state[top[0]] = 2;
                order[top[0]] = n - 1 - finished++;
                stack.pop();
                successors.pop();
            }
        }
        return order;
    }

    /** A block's successors, those that leave more of its loops first (in their order otherwise). */
    private static List<Integer> successorsOf(Function f, int block, List<Set<Integer>> loopsOf) {
        List<Integer> succ = f.blocks().get(block).successors();
        if (loopsOf == null || loopsOf.get(block).isEmpty() || succ.size() < 2) {
            return succ;
        }
        List<Integer> sorted = new ArrayList<>(succ);
        sorted.sort(java.util.Comparator.comparingInt(s -> {
            Set<Integer> left = new HashSet<>(loopsOf.get(block));
            left.removeAll(loopsOf.get(s));
            return -left.size();
        }));
        return sorted;
    }
}
