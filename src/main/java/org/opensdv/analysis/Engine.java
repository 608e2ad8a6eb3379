package org.opensdv.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.opensdv.driver.DriverModel;
import org.opensdv.driver.Routine;
import org.opensdv.ir.Block;
import org.opensdv.ir.Expr;
import org.opensdv.ir.Function;
import org.opensdv.ir.IntegerTypes;
import org.opensdv.ir.SourceLoc;
import org.opensdv.ir.Stmt;
import org.opensdv.ir.Terminator;
import org.opensdv.rules.RuleSpec;

/**
 * Path-sensitive symbolic execution of one rule over one routine at a time.
 *
 * <p>The engine owns paths and states; the rule spec says which calls are events and which
 * situations are defects. Each routine starts with nothing held. Branches fork only when the path
 * condition does not decide them; infeasible forks are dropped. At each block, states equal in what
 * can still matter (live variables, memory, held modes, relevant facts) are explored once; at loop
 * heads states with the same held modes are joined (values that differ become a widened unknown), so
 * loops reach a fixpoint. Calls to functions that can reach a rule event are analysed in the caller's
 * context (wrappers acquire for their caller, helpers release the caller's hold), and their exits are
 * memoised by callee and entry state; other calls return an unknown value. Every routine has a budget.
 */
public final class Engine {
    /**
     * Limits per routine: executed statements, states kept at one block, and wall time; and how
     * many paths with the same lock state are kept apart at a block before they are joined.
     */
    public record Budget(long maxSteps, int maxStatesPerBlock, long maxMillis, int pathsPerLockState) {
        public static Budget defaults() {
            return new Budget(3_000_000, 256, 20_000, 1);
        }

        /** The next, more precise setting after {@code pathsPerLockState}: eight times as many, then all. */
        Budget refined() {
            return new Budget(maxSteps, maxStatesPerBlock, maxMillis,
                    pathsPerLockState >= 64 ? Integer.MAX_VALUE : pathsPerLockState * 8);
        }

        /** Every path apart, as the last refinement explores them, within {@code steps}. */
        Budget exact(long steps) {
            return new Budget(Math.min(maxSteps, steps), maxStatesPerBlock, maxMillis, Integer.MAX_VALUE);
        }
    }

    /** The outcome for one routine: complete or not (and why), and the defects found. */
    public record RoutineResult(Routine routine, boolean complete, String reason, List<Defect> defects,
            long steps, SourceLoc cited) {
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(String message) {
            super(message, null, false, false);
        }
    }

    private static final Term CURRENT_OWNER = new Term.Sym("current-owner", "the current thread", false);
    /**
     * Calls nested deeper than this are not followed; the routine is then Inconclusive, because the
     * call not followed may acquire or release. Each level takes a few KiB of the analysis thread's
     * stack (see {@link Analyzer}).
     */
    static final int MAX_CALL_DEPTH = 128;
    /**
     * The steps every witness replay gets first ({@link CheapestFirst}); a replay may take at least
     * this many however cheap the exploration that found its candidate.
     */
    private static final long MIN_REPLAY_STEPS = 10_000;
    /**
     * The most paths a function without side effects may have to be followed for its value (each is
     * a way out of its own); one with more has its values remembered by argument instead.
     */
    private static final long MAX_VALUED_PATHS = 256;
    /** Of a candidate's witness and the ways out merged into it, how many widen a refinement's focus. */
    private static final int MAX_FOCUS_WAYS = 16;
    /** Why a candidate stays open when every exploration of the routine was complete. */
    private static final String SEEN_ONLY_JOINED =
            "every path was explored, but those that show it were always joined with others";
    private static final String RUN_TIME_LIMIT = "the time limit of the whole run (--timeout) was reached";
    /** The id prefix of a routine parameter's value. */
    private static final String PARAMETER = "param:";
    /**
     * The id prefix of a string literal's value: renamed for a callee's summary as a fresh value is
     * (a literal's text matters to no rule; a log helper's message differs at every call site).
     */
    private static final String STRING = "string:";
    /** The id prefix of a value renamed for a callee summary (a caller's parameter keeps it deeper down). */
    private static final String RENAMED = "in:";
    /**
     * The value of an object memset or RtlZeroMemory filled with zeros: each part of it not
     * written since reads as 0.
     */
    private static final Term ZERO_FILLED = new Term.Sym("zero-filled", "zeros", false);
    /** The "returned" value of a callee's exit by exception: the caller goes on where the call raises to. */
    private static final Term RAISED = new Term.Sym("raised", "an exception", false);
    /**
     * The one way out by exception a callee's summary keeps for all those that leave holding what
     * it was entered with: the caller raises from its state before the call.
     */
    private static final Term RAISED_AS_ENTERED = new Term.Sym("raised-as-entered", "an exception", false);
    private static final Term SOME_VALUE = new Term.Sym("widened:some", "some value", true);

    private final DriverModel model;
    private final RuleSpec rule;
    private final Budget budget;
    private final Map<String, RuleSpec.Event> events = new HashMap<>();
    private final Set<String> currentOwner;
    private final Set<String> relevant = new HashSet<>();
    /** The functions that can reach a rule event (the others in {@link #relevant} only write memory). */
    private final Set<String> reachesEvents = new HashSet<>();
    /** The functions without side effects followed for their value (see {@link #valuedWithoutSideEffects}). */
    private final Set<String> valued = new HashSet<>();
    /**
     * Functions without side effects but with a loop or too many paths, whose value is used at two
     * call sites or more: not followed (a loop makes their value a new unknown; every path would be
     * a way out of its own), but a path remembers what each call returned, by its arguments, until
     * memory the function reads is written (see {@code Run.remembered}).
     */
    private final Set<String> rememberedValues = new HashSet<>();
    /**
     * Per function in {@link #rememberedValues}, the cell whose value changes when memory it reads
     * is written (made once: writes look them up).
     */
    private final Map<String, Loc.Var> rememberedMemoryCells = new HashMap<>();
    /** Per field or global name, the functions in {@link #rememberedValues} that read it, by their memory cells. */
    private final Map<String, Set<Loc.Var>> rememberedReaders = new HashMap<>();
    /** The other way round: per such memory cell's name, the field and global names its function reads. */
    private final Map<String, Set<String>> readByRemembered = new HashMap<>();
    /** Per function (by identity: a record's hash would walk its blocks at every call). */
    private final Map<Identity<Function>, FunctionFacts> functionFacts = new ConcurrentHashMap<>();
    private final LongAdder stepsExecuted = new LongAdder();
    private final LongAdder summariesComputed = new LongAdder();
    private final LongAdder summariesReused = new LongAdder();
    private final LongAdder joins = new LongAdder();
    private final Set<Identity<Function>> functionsRun = ConcurrentHashMap.newKeySet();
    /** Per function, the followed functions it may call (see {@link #followedCallees}). */
    private final Map<Identity<Function>, List<Function>> followedCallees = new ConcurrentHashMap<>();
    /** Per function, the names it may call (see {@link #callees}). */
    private final Map<Identity<Function>, Set<String>> callees = new ConcurrentHashMap<>();

    /** Fields and globals whose values can matter to the rule (see {@link #computeMemoryCone}). */
    private final Set<String> memoryNames = new HashSet<>();
    /**
     * Callee summaries, shared by the analyses of all routines (and threads): per key, the contexts
     * computed so far (see {@link Context}).
     */
    private final Map<List<Object>, List<Context>> summaries = new ConcurrentHashMap<>();
    /** Summaries stored since the memory was last looked at. */
    private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Set<String>> reachableNames = new ConcurrentHashMap<>();
    private final Map<String, Integer> callHeights = new ConcurrentHashMap<>();
    private boolean eventCalled;
    private final Set<String> mayRaise = new HashSet<>();

    /**
     * Where a reused summary differed from the summary its caller's entry gives, when tests ask
     * (see {@link #auditingReuse}); otherwise null.
     */
    private List<String> reuseMismatches;

    public Engine(DriverModel model, RuleSpec rule, Budget budget) {
        this.model = model;
        this.rule = rule;
        this.budget = budget;
        rule.events().forEach(e -> events.put(e.function(), e));
        this.currentOwner = Set.copyOf(rule.currentOwner());
        computeRelevance();
        computeMemoryCone();
        computeMayRaise();
    }

    /**
     * Is a call to {@code name} a raise: declared never to return, not stopping the system, and
     * either without a body here ({@code ExRaiseStatus}) or a helper that may raise?
     */
    private boolean isRaise(String name, String callerFile) {
        return model.doesNotReturn(name) && !model.stopsTheSystem(name)
                && (model.resolve(name, callerFile) == null || mayRaise.contains(name));
    }

    /**
     * Functions that may raise an exception: they call a function without a body here that is
     * declared never to return and does not stop the system (a raise such as {@code ExRaiseStatus}),
     * or one that may raise (a driver's own raise helper). A call to one that is not followed still
     * forks the way the exception goes.
     */
    private void computeMayRaise() {
        Map<String, Set<String>> callers = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        for (Function f : model.allFunctions()) {
            for (String callee : callees(f)) {
                callers.computeIfAbsent(callee, k -> new HashSet<>()).add(f.name());
                if (isRaise(callee, f.loc().file()) && mayRaise.add(f.name())) {
                    work.add(f.name()); // a raise helper with a body joins through the callers it has
                }
            }
        }
        while (!work.isEmpty()) {
            for (String caller : callers.getOrDefault(work.pop(), Set.of())) {
                if (mayRaise.add(caller)) {
                    work.add(caller);
                }
            }
        }
    }

    /**
     * What the analysis has done so far, over all routines and threads: the statements and
     * terminators it executed (refinements and replays included), the callee summaries it computed
     * and those it reused, the joins, and the functions it ran with their size (statements plus
     * terminators). Running each function once would take {@code functionsRunSize} steps; how far
     * {@code stepsExecuted} is above that says how often functions ran again, in other contexts or
     * with more paths apart.
     */
    public record Statistics(long stepsExecuted, long summariesComputed, long summariesReused, long joins,
            int functionsRun, long functionsRunSize) {
    }

    public Statistics statistics() {
        long size = 0;
        for (Identity<Function> f : functionsRun) {
            for (Block b : f.value().blocks()) {
                size += b.statements().size() + 1;
            }
        }
        return new Statistics(stepsExecuted.sum(), summariesComputed.sum(), summariesReused.sum(), joins.sum(),
                functionsRun.size(), size);
    }

    /**
     * Makes every reuse of a stored summary compute the summary again for the caller's entry and
     * note where the two differ: a summary must fit only entries that answer all its computation
     * asked alike, so a difference is a question the summary failed to ask. Slow; for tests.
     */
    Engine auditingReuse() {
        reuseMismatches = java.util.Collections.synchronizedList(new ArrayList<>());
        return this;
    }

    /** The differences {@link #auditingReuse} found, one line each. */
    List<String> reuseMismatches() {
        synchronized (reuseMismatches) {
            return List.copyOf(reuseMismatches);
        }
    }

    /** Does any function of the driver call one of the rule's functions (directly or via macros)? */
    public boolean applies() {
        return eventCalled;
    }

    /** Can this routine reach one of the rule's functions? */
    public boolean reaches(Routine routine) {
        return relevant.contains(routine.name());
    }

    /**
     * Functions reachable from {@code f} that can reach a rule event (for problem reporting), each
     * once, in the order found. Told apart by identity: a function record's hash walks its blocks.
     */
    public List<Function> relevantCallees(Function f) {
        Set<Function> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Function> out = new ArrayList<>();
        Deque<Function> work = new ArrayDeque<>(List.of(f));
        while (!work.isEmpty()) {
            Function cur = work.pop();
            if (!seen.add(cur)) {
                continue;
            }
            out.add(cur);
            followedCallees(cur).forEach(work::push);
        }
        return out;
    }

    /**
     * The followed functions {@code f} may call, each once, in the order of {@link #callees}; found
     * once per function, as the walks over reachable functions ask for them again and again.
     */
    private List<Function> followedCallees(Function f) {
        return followedCallees.computeIfAbsent(new Identity<>(f), k -> {
            List<Function> out = new ArrayList<>();
            for (String callee : callees(f)) {
                Function g = model.resolve(callee, f.loc().file());
                if (g != null && relevant.contains(g.name())) {
                    out.add(g);
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * The shared summaries are a cache: results do not depend on them. When the heap is mostly full
     * they are dropped (and recomputed as needed) rather than let the collector thrash.
     */
    private void forgetSummariesIfMemoryIsShort() {
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() > rt.maxMemory() / 10 * 7) {
            summaries.clear();
        }
    }

    /** How many followed functions analysing {@code f} may run (f included): a measure of its cost. */
    public int reach(Function f) {
        return reachableNames(f).size();
    }

    /** The names of the followed functions a call of {@code f} may run (f included). */
    private Set<String> reachableNames(Function f) {
        return reachableNames.computeIfAbsent(f.name(), k -> {
            Set<String> out = new HashSet<>();
            relevantCallees(f).forEach(g -> out.add(g.name()));
            return out;
        });
    }

    /**
     * How many calls deep a call of {@code f} can nest followed calls (0: it calls none). When f
     * can reach itself, no more than one frame for each other function it reaches: a call of a
     * function already on the call stack is not followed, so no function is on it twice.
     */
    private int callHeight(Function f) {
        Integer known = callHeights.get(f.name());
        if (known == null) {
            synchronized (callHeights) {
                known = callHeight(f, new HashSet<>());
            }
        }
        return known == Integer.MAX_VALUE ? reach(f) - 1 : known;
    }

    /** Memoised depth-first: a function that reaches a cycle counts as unbounded (conservative). */
    private int callHeight(Function f, Set<String> onPath) {
        Integer known = callHeights.get(f.name());
        if (known != null) {
            return known;
        }
        if (!onPath.add(f.name())) {
            return Integer.MAX_VALUE;
        }
        int h = 0;
        for (Function g : followedCallees(f)) {
            int below = callHeight(g, onPath);
            h = below == Integer.MAX_VALUE ? below : Math.max(h, below + 1);
            if (h == Integer.MAX_VALUE) {
                break;
            }
        }
        onPath.remove(f.name());
        callHeights.put(f.name(), h);
        return h;
    }

    /**
     * Which functions the engine follows: those that can reach a rule event, and those whose side
     * effects such code can observe — a function that writes, through a parameter or a global, a
     * field that followed code tests (an exception filter setting {@code IrpContext->Flags}'s WAIT
     * bit, say). Callers of either are followed too, or the effect would not reach the routine.
     * So are functions without side effects whose value such code compares across calls ({@link
     * #valuedWithoutSideEffects}); what they return counts as tested, so a function that changes
     * it (a list helper emptying a list between two {@code IsListEmpty} tests) is followed too.
     */
    private void computeRelevance() {
        Map<String, Set<String>> callers = new HashMap<>();
        Set<String> seeds = new HashSet<>();
        for (Function f : model.allFunctions()) {
            for (String callee : callees(f)) {
                if (events.containsKey(callee)) {
                    eventCalled = true;
                    seeds.add(f.name());
                }
                callers.computeIfAbsent(callee, k -> new HashSet<>()).add(f.name());
            }
        }
        closeOverCallers(seeds, callers);
        reachesEvents.addAll(relevant);
        valued.addAll(valuedWithoutSideEffects());
        relevant.addAll(valued);
        Set<String> tested = new HashSet<>();
        for (Function f : model.allFunctions()) {
            if (relevant.contains(f.name())) {
                for (Block b : f.blocks()) {
                    if (b.terminator() instanceof Terminator.Branch br) {
                        collectNames(br.condition(), tested);
                    } else if (b.terminator() instanceof Terminator.Return r && r.value() != null
                            && valued.contains(f.name())) {
                        collectNames(r.value(), tested); // the callers test it
                    }
                    for (Stmt st : b.statements()) {
                        if (st instanceof Stmt.Call c && c.calleeName() != null && events.containsKey(c.calleeName())) {
                            c.args().forEach(a -> collectNames(a, tested));
                        }
                    }
                }
            }
        }
        Set<String> effectful = new HashSet<>();
        for (Function f : model.allFunctions()) {
            if (!relevant.contains(f.name()) && writesObservably(f, tested)) {
                effectful.add(f.name());
            }
        }
        closeOverCallers(effectful, callers);
    }

    /**
     * The functions without side effects whose value the functions that reach a rule event use at
     * two call sites or more (in one function, or in two wrappers), and the functions they call.
     * Followed, such a call's value is a term over the memory it reads, so the two calls over the
     * same memory have the same value ({@code if (!IsListEmpty(&Q)) acquire ... if
     * (!IsListEmpty(&Q)) release}); not followed, each would be a new unknown. A value used once
     * cannot disagree with itself: following every such function a driver uses cost the generated
     * 100 kLOC driver 29% more steps for the same results. Such functions with a loop, or with more
     * than {@link #MAX_VALUED_PATHS} paths, are not followed; their values are remembered ({@link
     * #rememberedValues}).
     */
    private Set<String> valuedWithoutSideEffects() {
        Map<Identity<Function>, Integer> sites = new HashMap<>();
        for (Function f : model.allFunctions()) {
            if (!reachesEvents.contains(f.name())) {
                continue;
            }
            for (Block b : f.blocks()) {
                for (Stmt st : b.statements()) {
                    if (st instanceof Stmt.Call c && c.result() != null && c.calleeName() != null
                            && !events.containsKey(c.calleeName())) {
                        Function g = model.resolve(c.calleeName(), f.loc().file());
                        if (g != null && !reachesEvents.contains(g.name())) {
                            sites.merge(new Identity<>(g), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        Set<String> out = new HashSet<>();
        sites.forEach((g, count) -> {
            if (count >= 2 && !out.contains(g.value().name())) {
                Set<String> pure = withoutSideEffects(g.value(), false);
                if (pure != null && !tooManyWaysOut(pure, g.value().loc().file())) {
                    out.addAll(pure);
                } else {
                    Set<String> looping = withoutSideEffects(g.value(), true);
                    if (looping != null) {
                        rememberedValues.add(g.value().name());
                        Loc.Var cell = new Loc.Var("g", rememberedMemory(g.value().name()));
                        rememberedMemoryCells.put(g.value().name(), cell);
                        for (String name : looping) {
                            Function h = model.resolve(name, g.value().loc().file());
                            for (String read : h == null ? Set.<String>of() : memoryNamesIn(h)) {
                                rememberedReaders.computeIfAbsent(read, k -> new LinkedHashSet<>()).add(cell);
                                readByRemembered.computeIfAbsent(cell.name(), k -> new HashSet<>()).add(read);
                            }
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * Does one of these functions (without loops) have more paths than a valued call keeps apart?
     * Followed for its value, each path is a way out of its own: a lookup table (a switch naming
     * each of two thousand status codes) made every call thousands of states, and with its values
     * remembered by argument instead it is one.
     */
    private boolean tooManyWaysOut(Set<String> names, String file) {
        for (String name : names) {
            Function f = model.resolve(name, file);
            if (f != null && pathsThrough(f, MAX_VALUED_PATHS) > MAX_VALUED_PATHS) {
                return true;
            }
        }
        return false;
    }

    /** The paths from entry to exit of a function without loops, counted up to just above {@code cap}. */
    private static long pathsThrough(Function f, long cap) {
        long[] paths = new long[f.blocks().size()];
        java.util.Arrays.fill(paths, -1);
        // successors before predecessors: a depth-first post-order, iterative for long chains
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {0, 0});
        paths[0] = -2; // on the stack
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            List<Integer> next = f.block(top[0]).terminator().successors();
            if (top[1] < next.size()) {
                int s = next.get(top[1]++);
                if (paths[s] == -1) {
                    paths[s] = -2;
                    stack.push(new int[] {s, 0});
                }
                continue;
            }
            stack.pop();
            long sum = next.isEmpty() ? 1 : 0;
            for (int s : next) {
                sum = Math.min(cap + 1, sum + Math.max(0, paths[s])); // -2: a back edge, none here
            }
            paths[top[0]] = sum;
        }
        return paths[0];
    }

    /**
     * The names of {@code root} and every function it calls if none has side effects or a loop,
     * else null. Such a function assigns only its own variables (none whose address is taken),
     * calls by name only functions with bodies that are such too, no rule function, and nothing
     * that raises: its value depends only on its arguments and the memory it reads, and is a term
     * over them.
     */
    private Set<String> withoutSideEffects(Function root, boolean loopsToo) {
        Set<String> names = new HashSet<>();
        Deque<Function> work = new ArrayDeque<>(List.of(root));
        while (!work.isEmpty()) {
            Function f = work.pop();
            if (names.add(f.name()) && !ownBodyWithoutSideEffects(f, work, loopsToo)) {
                return null;
            }
        }
        return names;
    }

    private boolean ownBodyWithoutSideEffects(Function f, Deque<Function> callees, boolean loopsToo) {
        if (!loopsToo && !factsOf(f).loopHeads.isEmpty()) {
            return false; // its value would be one its loop made unknown: a new one at every call
        }
        Set<String> addressTaken = factsOf(f).addressTaken;
        java.util.function.Predicate<Expr> own = e -> e instanceof Expr.Var v && v.kind() != Expr.VarKind.GLOBAL
                && !addressTaken.contains(v.name());
        for (Block b : f.blocks()) {
            if (b.terminator() instanceof Terminator.Raise) {
                return false;
            }
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a && !own.test(a.target())) {
                    return false;
                }
                if (st instanceof Stmt.Call c) {
                    String name = c.calleeName();
                    if (name == null || events.containsKey(name) || currentOwner.contains(name)
                            || model.doesNotReturn(name) || c.result() != null && !own.test(c.result())) {
                        return false;
                    }
                    Function g = model.resolve(name, f.loc().file());
                    if (g == null) {
                        return false; // no body: it may do anything
                    }
                    callees.push(g);
                }
            }
        }
        return true;
    }

    /**
     * Which memory can matter to the rule: fields and globals whose values can flow, through
     * assignments, arguments and returns of followed functions, into a branch condition, a rule
     * function's argument or a called function pointer. Writes to other memory are not tracked, so
     * paths that differ only there are one state.
     */
    private void computeMemoryCone() {
        List<Function> followed = new ArrayList<>();
        model.allFunctions().forEach(f -> {
            if (relevant.contains(f.name())) {
                followed.add(f);
            }
        });
        Cone cone = new Cone(followed);
        for (Function f : followed) {
            for (Block b : f.blocks()) {
                if (b.terminator() instanceof Terminator.Branch br) {
                    cone.reads(f, br.condition());
                } else if (b.terminator() instanceof Terminator.Return r && r.value() != null) {
                    cone.reads(f, r.value());
                }
                for (Stmt st : b.statements()) {
                    if (st instanceof Stmt.Call c) {
                        if (c.calleeName() == null) {
                            cone.reads(f, c.callee());
                        } else if (events.containsKey(c.calleeName()) || currentOwner.contains(c.calleeName())) {
                            c.args().forEach(a -> cone.reads(f, a));
                        }
                    }
                }
            }
        }
        // each statement that can carry a value into the cone waits for the one name that decides
        // whether it does (its target's field, global or local, or the callee's parameter), and is
        // taken in once, when that name joins the cone
        for (Function f : followed) {
            for (Block b : f.blocks()) {
                for (Stmt st : b.statements()) {
                    if (st instanceof Stmt.Assign a) {
                        cone.whenStoredTo(f, a.target(), () -> {
                            cone.reads(f, a.target());
                            cone.reads(f, a.value());
                        });
                    } else if (st instanceof Stmt.Call c) {
                        if (c.result() != null) {
                            cone.whenStoredTo(f, c.result(), () -> cone.reads(f, c.result()));
                        }
                        Function g = c.calleeName() == null ? null : model.resolve(c.calleeName(), f.loc().file());
                        if (g == null || !relevant.contains(g.name())) {
                            continue;
                        }
                        for (int i = 0; i < c.args().size(); i++) {
                            Expr arg = c.args().get(i);
                            Runnable passed = () -> cone.reads(f, arg);
                            if (i >= g.parameters().size()) {
                                cone.now(passed); // variadic: where it goes is not known
                            } else {
                                cone.whenLocal(g, g.parameters().get(i).name(), passed);
                            }
                        }
                    }
                }
            }
        }
        cone.drain();
    }

    /**
     * The memory cone's worklist: names join it (fields and globals into {@link #memoryNames}, a
     * followed function's locals into its own set) and wake the statements that wait for them.
     */
    private final class Cone {
        private final Map<Function, Set<String>> locals = new java.util.IdentityHashMap<>(); // a record's hash walks its blocks
        private final Map<String, List<Runnable>> waitingOnMemory = new HashMap<>();
        private final Map<Function, Map<String, List<Runnable>>> waitingOnLocal = new java.util.IdentityHashMap<>();
        private final Deque<Runnable> ready = new ArrayDeque<>();

        Cone(List<Function> followed) {
            followed.forEach(f -> locals.put(f, new HashSet<>()));
        }

        /** Every name {@code e}, read in {@code f}, reads joins the cone. */
        void reads(Function f, Expr e) {
            Set<String> memory = new HashSet<>();
            Set<String> mine = new HashSet<>();
            names(e, memory, mine);
            for (String m : memory) {
                if (memoryNames.add(m)) {
                    wake(waitingOnMemory.remove(m));
                }
            }
            for (String l : mine) {
                if (locals.get(f).add(l)) {
                    wake(waitingOnLocal.getOrDefault(f, Map.of()).get(l));
                }
            }
        }

        /** Runs {@code action} once a value stored to {@code lvalue} in {@code f} can matter. */
        void whenStoredTo(Function f, Expr lvalue, Runnable action) {
            Expr cur = lvalue;
            while (cur instanceof Expr.Cast || cur instanceof Expr.Index) {
                cur = cur instanceof Expr.Cast c ? c.operand() : ((Expr.Index) cur).base();
            }
            if (cur instanceof Expr.Field field) {
                whenMemory(field.field(), action);
            } else if (cur instanceof Expr.Var v) {
                if (v.kind() == Expr.VarKind.GLOBAL) {
                    whenMemory(v.name(), action);
                } else {
                    whenLocal(f, v.name(), action);
                }
            } else {
                now(action); // unnamed memory always might matter
            }
        }

        void whenLocal(Function f, String name, Runnable action) {
            if (locals.get(f).contains(name)) {
                now(action);
            } else {
                waitingOnLocal.computeIfAbsent(f, k -> new HashMap<>())
                        .computeIfAbsent(name, k -> new ArrayList<>()).add(action);
            }
        }

        private void whenMemory(String name, Runnable action) {
            if (memoryNames.contains(name)) {
                now(action);
            } else {
                waitingOnMemory.computeIfAbsent(name, k -> new ArrayList<>()).add(action);
            }
        }

        void now(Runnable action) {
            ready.add(action);
        }

        private void wake(List<Runnable> actions) {
            if (actions != null) {
                ready.addAll(actions);
                actions.clear(); // a local's list stays in its map: taken in once is enough
            }
        }

        void drain() {
            while (!ready.isEmpty()) {
                ready.poll().run();
            }
        }
    }

    private void closeOverCallers(Set<String> seeds, Map<String, Set<String>> callers) {
        Deque<String> work = new ArrayDeque<>();
        for (String s : seeds) {
            if (relevant.add(s)) {
                work.add(s);
            }
        }
        while (!work.isEmpty()) {
            String f = work.pop();
            for (String caller : callers.getOrDefault(f, Set.of())) {
                if (relevant.add(caller)) {
                    work.add(caller);
                }
            }
        }
    }

    /**
     * Does {@code f} assign one of {@code fields} in memory its caller can see: through a pointer
     * (whichever variable holds it: a parameter's copy {@code State = Ctx->State} too), in a global,
     * or in an object it returns?
     */
    private static boolean writesObservably(Function f, Set<String> fields) {
        Set<String> returned = new HashSet<>(); // an object it returns, as a constructor does, the caller sees
        for (Block b : f.blocks()) {
            if (b.terminator() instanceof Terminator.Return r && root(r.value()) instanceof Expr.Var v) {
                returned.add(v.name());
            }
        }
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a) {
                    String field = DriverModel.lastField(a.target());
                    if (field != null && fields.contains(field) && (throughPointer(a.target())
                            || root(a.target()) instanceof Expr.Var v && (v.kind() == Expr.VarKind.PARAM
                                    || v.kind() == Expr.VarKind.GLOBAL || returned.contains(v.name())))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Does an lvalue reach its memory through a pointer ({@code p->f}, {@code *p}, {@code p[i]})? */
    private static boolean throughPointer(Expr e) {
        for (Expr cur = e; ; ) {
            if (cur instanceof Expr.Deref || cur instanceof Expr.Index) {
                return true; // an element of a local array counts too: following more is only slower
            } else if (cur instanceof Expr.Field f) {
                cur = f.base();
            } else if (cur instanceof Expr.Cast c) {
                cur = c.operand();
            } else {
                return false;
            }
        }
    }

    /** What an lvalue is reached from through fields, indices, dereferences and casts: a variable, or not. */
    private static Expr root(Expr e) {
        Expr cur = e;
        while (true) {
            if (cur instanceof Expr.Field f) {
                cur = f.base();
            } else if (cur instanceof Expr.Index i) {
                cur = i.base();
            } else if (cur instanceof Expr.Deref d) {
                cur = d.pointer();
            } else if (cur instanceof Expr.Cast c) {
                cur = c.operand();
            } else {
                return cur;
            }
        }
    }

    /**
     * Names a function may call: direct callees and the functions stored where it calls through.
     * Found once per function: the set-up's passes over the whole driver and the walks of the call
     * graph all ask.
     */
    private Set<String> callees(Function f) {
        return callees.computeIfAbsent(new Identity<>(f), k -> {
            Set<String> out = new LinkedHashSet<>();
            for (Block b : f.blocks()) {
                for (Stmt s : b.statements()) {
                    if (s instanceof Stmt.Call c) {
                        if (c.calleeName() != null) {
                            out.add(c.calleeName());
                        } else {
                            out.addAll(pointerTargets(c.callee()));
                        }
                    }
                }
            }
            return java.util.Collections.unmodifiableSet(out);
        });
    }

    private Set<String> pointerTargets(Expr callee) {
        String name = DriverModel.functionName(callee);
        if (name != null) {
            return Set.of(name);
        }
        Expr cur = callee;
        while (cur instanceof Expr.Deref d) {
            cur = d.pointer();
        }
        String field = DriverModel.lastField(cur);
        return field == null ? Set.of() : model.storedInto(field);
    }

    /**
     * Field and global names a function and the analysed functions it calls mention: memory under
     * other names cannot change what a summary of it says (but see {@code Run.visibleTo} for the
     * cells of remembered values).
     */
    private final ReachableUnion<Function> namesRead = new ReachableUnion<>(this::followedCallees, this::ownNamesRead);

    private final Map<String, Set<String>> ownNamesRead = new ConcurrentHashMap<>();

    /** Field and global names one function's own statements mention (found once: many callers reach it). */
    private Set<String> ownNamesRead(Function f) {
        return ownNamesRead.computeIfAbsent(f.name(), k -> {
            Set<String> names = memoryNamesIn(f);
            for (Block b : f.blocks()) {
                for (Stmt st : b.statements()) {
                    if (st instanceof Stmt.Call c && c.calleeName() != null) {
                        if (rememberedValues.contains(c.calleeName())) {
                            names.add(rememberedCalls(c.calleeName())); // it reads what the path remembers
                            names.add(rememberedMemoryCells.get(c.calleeName()).name());
                        } else if (!rememberedReaders.isEmpty()) {
                            names.addAll(rememberedWrites(c.calleeName(), f.loc().file())); // a callee may write it
                            names.addAll(filledLinks(f, c));
                        }
                    } else if (st instanceof Stmt.Call c && !rememberedReaders.isEmpty()) {
                        for (String callee : pointerTargets(c.callee())) {
                            names.addAll(rememberedWrites(callee, f.loc().file()));
                        }
                    }
                }
            }
            return names;
        });
    }

    /** Field and global names one function's own statements, tests and return statements mention. */
    private static Set<String> memoryNamesIn(Function f) {
        Set<String> names = new HashSet<>();
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a) {
                    collectNames(a.target(), names);
                    collectNames(a.value(), names);
                } else if (st instanceof Stmt.Call c) {
                    c.args().forEach(x -> collectNames(x, names));
                    collectNames(c.callee(), names);
                }
            }
            if (b.terminator() instanceof Terminator.Branch br) {
                collectNames(br.condition(), names);
            } else if (b.terminator() instanceof Terminator.Return r && r.value() != null) {
                collectNames(r.value(), names); // what it returns, its caller may test
            }
        }
        return names;
    }

    private static void collectNames(Expr e, Set<String> out) {
        names(e, out, null);
    }

    /** The names an expression reads: fields and globals into {@code memory}, others into {@code locals} if given. */
    private static void names(Expr e, Set<String> memory, Set<String> locals) {
        if (e instanceof Expr.Field f) {
            memory.add(f.field());
            names(f.base(), memory, locals);
        } else if (e instanceof Expr.Var v) {
            if (v.kind() == Expr.VarKind.GLOBAL) {
                memory.add(v.name());
            } else if (locals != null) {
                locals.add(v.name());
            }
        } else if (e instanceof Expr.AddrOf a) {
            names(a.operand(), memory, locals);
        } else if (e instanceof Expr.Deref d) {
            names(d.pointer(), memory, locals);
        } else if (e instanceof Expr.Index i) {
            names(i.base(), memory, locals);
            names(i.index(), memory, locals);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), memory, locals);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), memory, locals);
            names(b.right(), memory, locals);
        } else if (e instanceof Expr.Cast c) {
            names(c.operand(), memory, locals);
        }
    }

    /**
     * The memory names a function with a body, or any it calls, assigns that a function in
     * {@link #rememberedValues} reads.
     */
    private final ReachableUnion<Function> rememberedWrites = new ReachableUnion<>(this::calledWithBodies,
            this::ownRememberedWrites);

    /** As {@link #rememberedWrites}, for a function named in {@code fromFile} (empty for one without a body). */
    private Set<String> rememberedWrites(String function, String fromFile) {
        Function root = model.resolve(function, fromFile);
        return root == null ? Set.of() : rememberedWrites.of(root);
    }

    /** The functions with a body {@code f} may call (see {@link #callees}). */
    private List<Function> calledWithBodies(Function f) {
        List<Function> out = new ArrayList<>();
        for (String callee : callees(f)) {
            Function h = model.resolve(callee, f.loc().file());
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }

    /** The names {@code f}'s own assignments write that a function in {@link #rememberedValues} reads. */
    private Set<String> ownRememberedWrites(Function f) {
        Set<String> out = new HashSet<>();
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a) {
                    collectNames(a.target(), out);
                } else if (st instanceof Stmt.Call c && c.calleeName() != null) {
                    out.addAll(filledLinks(f, c)); // a memory fill writes the links of the object
                }
            }
        }
        out.retainAll(rememberedReaders.keySet());
        return out;
    }

    /**
     * What a function with a body, or any function it calls, assigns as a whole object through a
     * pointer that names no field ({@code *Link = NULL}; see {@link #mayWriteLink}): through which
     * of its {@code parameters} (as the caller gave them), into which named memory whose address it
     * passes on to such a parameter ({@code names}, those a remembered function reads), or through
     * any other pointer ({@code anything}: one it found, changed or read from memory). A memory fill
     * of an object whose fields the frontend could not tell ({@code RtlZeroMemory(Buffer, ...)},
     * {@code Buffer} a {@code PVOID}) counts as such an assignment; one whose fields it could tell
     * writes them by name ({@link #ownRememberedWrites}). Not counted: an element written by index
     * ({@code Slots[i] = NULL}), and a fill of a new object the function made itself
     * ({@link #fillsNewObject}).
     */
    record PointerWrites(Set<Integer> parameters, Set<String> names, boolean anything) {
        static final PointerWrites NONE = new PointerWrites(Set.of(), Set.of(), false);
    }

    /** Per function, once found: each is final when stored, the fixpoint over what it reaches done. */
    private final Map<Identity<Function>, PointerWrites> pointerWrites = new ConcurrentHashMap<>();

    private PointerWrites pointerWrites(Function f) {
        PointerWrites known = pointerWrites.get(new Identity<>(f));
        return known != null ? known : findPointerWrites(f);
    }

    /**
     * {@link PointerWrites} of {@code root}, found with those of every function it reaches (a
     * fixpoint over the call graph: what a callee writes through its parameters is what its callers
     * pass there, so the values only grow).
     */
    private synchronized PointerWrites findPointerWrites(Function root) {
        PointerWrites known = pointerWrites.get(new Identity<>(root));
        if (known != null) {
            return known; // found by another thread meanwhile
        }
        List<Function> reached = new ArrayList<>();
        Map<Identity<Function>, PointerWrites> found = new HashMap<>();
        Deque<Function> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Function f = todo.pop();
            if (pointerWrites.containsKey(new Identity<>(f)) || found.putIfAbsent(new Identity<>(f), PointerWrites.NONE) != null) {
                continue;
            }
            reached.add(f);
            todo.addAll(calledWithBodies(f));
        }
        java.util.function.Function<Function, PointerWrites> of = g -> {
            PointerWrites w = pointerWrites.get(new Identity<>(g));
            return w != null ? w : found.getOrDefault(new Identity<>(g), PointerWrites.NONE);
        };
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Function f : reached) {
                PointerWrites w = ownPointerWrites(f, of);
                if (!w.equals(found.put(new Identity<>(f), w))) {
                    changed = true;
                }
            }
        }
        pointerWrites.putAll(found);
        return found.get(new Identity<>(root));
    }

    /** {@link PointerWrites} of {@code f}'s statements, its calls' as {@code of} has them now. */
    private PointerWrites ownPointerWrites(Function f, java.util.function.Function<Function, PointerWrites> of) {
        Set<String> reassigned = new HashSet<>(); // parameters given another value: no longer the caller's pointer
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
                    reassigned.add(v.name());
                } else if (st instanceof Stmt.Call c && c.result() != null) {
                    reassigned.add(c.result().name());
                }
            }
        }
        Set<Integer> parameters = new java.util.TreeSet<>();
        Set<String> names = new java.util.TreeSet<>();
        boolean[] anything = {false};
        java.util.function.Consumer<Expr> writtenThrough = pointer -> writtenThrough(f, pointer, reassigned,
                parameters, names, anything);
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a && mayWriteLink(a.target())) {
                    writtenThrough.accept(((Expr.Deref) a.target()).pointer());
                } else if (st instanceof Stmt.Call c) {
                    String name = c.calleeName();
                    DriverModel.Fill fill = name == null ? null : model.memoryFill(name);
                    if (fill != null && fill.destination() < c.args().size()
                            && !c.pointerFields().containsKey(fill.destination()) && !fillsNewObject(f, c, fill)
                            && !fillsDataBuffer(f, c, fill, reassigned)) {
                        // an object whose fields are unknown, as *p = x (known ones: ownRememberedWrites)
                        writtenThrough.accept(c.args().get(fill.destination()));
                    }
                    for (String callee : name != null ? Set.of(name) : pointerTargets(c.callee())) {
                        Function g = model.resolve(callee, f.loc().file());
                        if (g == null) {
                            continue;
                        }
                        PointerWrites w = of.apply(g);
                        names.addAll(w.names());
                        anything[0] |= w.anything();
                        for (int k : w.parameters()) {
                            if (k < c.args().size()) {
                                writtenThrough.accept(c.args().get(k));
                            }
                        }
                    }
                }
            }
        }
        if (parameters.isEmpty() && names.isEmpty() && !anything[0]) {
            return PointerWrites.NONE;
        }
        return new PointerWrites(parameters, names, anything[0]);
    }

    /**
     * Does this memory fill write a new object {@code f} made itself ({@code IrpContext =
     * FatAllocateIrpContext(); RtlZeroMemory(IrpContext, ...)}): its destination a variable that
     * only ever holds what a new-object function returned? No walk a caller remembers before the
     * call can have read such an object, and linking it anywhere is a write of its own.
     */
    private boolean fillsNewObject(Function f, Stmt.Call c, DriverModel.Fill fill) {
        return uncast(c.args().get(fill.destination())) instanceof Expr.Var v
                && newObjectVariables.computeIfAbsent(new Identity<>(f),
                        k -> newObjectVariables(f, newObjectFunctions())).contains(v.name());
    }

    /** Per function, its {@link #newObjectVariables} once the new-object functions are known. */
    private final Map<Identity<Function>, Set<String>> newObjectVariables = new ConcurrentHashMap<>();

    /**
     * Does this memory fill write a file's data that a call in {@code f} returned through an
     * out-parameter ({@link DriverModel#dataBufferOutput}) on every way to it:
     * {@code RtlZeroMemory(*Buffer, n)} after {@code CcPreparePinWrite(..., Buffer)},
     * {@code Buffer} a parameter {@code f} does not change, or {@code RtlZeroMemory(Data, n)} after
     * {@code CcPinRead(..., &Data)}, {@code Data} a local set nowhere else? Such data holds none of
     * the driver's links.
     */
    private boolean fillsDataBuffer(Function f, Stmt.Call c, DriverModel.Fill fill, Set<String> reassigned) {
        Expr destination = uncast(c.args().get(fill.destination()));
        Expr passed; // what the data call must have been given
        if (destination instanceof Expr.Deref d && uncast(d.pointer()) instanceof Expr.Var p
                && !reassigned.contains(p.name())) {
            passed = p;
        } else if (destination instanceof Expr.Var v && v.kind() != Expr.VarKind.GLOBAL
                && v.kind() != Expr.VarKind.PARAM) {
            passed = new Expr.AddrOf(v);
            if (assignedOtherwise(f, v)) {
                return false;
            }
        } else {
            return false;
        }
        java.util.function.Predicate<Stmt> dataCall = st -> st instanceof Stmt.Call call && call.calleeName() != null
                && model.dataBufferOutput(call.calleeName()) >= 0
                && model.dataBufferOutput(call.calleeName()) < call.args().size()
                && uncast(call.args().get(model.dataBufferOutput(call.calleeName()))).equals(passed);
        return !reachedAvoiding(f, c, dataCall);
    }

    /**
     * Can {@code f} reach statement {@code target} from its entry without executing a statement
     * {@code avoided} accepts (does such a statement not dominate it)?
     */
    private static boolean reachedAvoiding(Function f, Stmt target, java.util.function.Predicate<Stmt> avoided) {
        Set<Integer> seen = new HashSet<>(List.of(0));
        Deque<Integer> work = new ArrayDeque<>(List.of(0));
        while (!work.isEmpty()) {
            Block b = f.block(work.pop());
            boolean cut = false;
            List<Integer> next = new ArrayList<>();
            for (Stmt st : b.statements()) {
                if (st == target) {
                    return true;
                }
                if (avoided.test(st)) {
                    cut = true;
                    break;
                }
                if (st instanceof Stmt.Call call && call.raisesTo() >= 0) {
                    next.add(call.raisesTo());
                }
            }
            if (!cut && b.terminator() != null) {
                next.addAll(b.terminator().successors());
            }
            for (int n : next) {
                if (seen.add(n)) {
                    work.push(n);
                }
            }
        }
        return false;
    }

    /** Is local {@code v} assigned, or given a call's value, anywhere in {@code f}? */
    private static boolean assignedOtherwise(Function f, Expr.Var v) {
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a && a.target().equals(v)
                        || st instanceof Stmt.Call c && v.equals(c.result())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The names of the fields that may hold a pointer in the object a memory fill of {@code f}'s
     * writes, that a function in {@link #rememberedValues} reads (the frontend found the fields
     * from the destination's type); empty for a fill of a new object {@code f} made itself.
     */
    private Set<String> filledLinks(Function f, Stmt.Call c) {
        String name = c.calleeName();
        DriverModel.Fill fill = name == null ? null : model.memoryFill(name);
        Set<String> fields = fill == null ? null : c.pointerFields().get(fill.destination());
        if (fields == null || fields.isEmpty() || fillsNewObject(f, c, fill)) {
            return Set.of();
        }
        Set<String> out = new HashSet<>(fields);
        out.retainAll(rememberedReaders.keySet());
        return out;
    }

    /**
     * Functions whose call returns a new object, one no other memory points to yet: the allocators
     * of roles.json and functions with bodies that return only what such a call returned
     * ({@code FatAllocateIrpContext} returns a lookaside allocation). By name: a name qualifies when
     * every function of that name does. Found once, when first asked.
     */
    private volatile Set<String> newObjectFunctions;

    private Set<String> newObjectFunctions() {
        Set<String> known = newObjectFunctions;
        if (known == null) {
            synchronized (this) {
                known = newObjectFunctions;
                if (known == null) {
                    known = findNewObjectFunctions();
                    newObjectFunctions = known;
                }
            }
        }
        return known;
    }

    private Set<String> findNewObjectFunctions() {
        List<Function> candidates = new ArrayList<>(); // those whose every return gives a variable
        Set<String> ruledOut = new HashSet<>();
        for (Function f : model.allFunctions()) {
            if (returnsVariables(f)) {
                candidates.add(f);
            } else {
                ruledOut.add(f.name());
            }
        }
        Set<String> found = new HashSet<>();
        while (true) { // a wrapper of a wrapper qualifies once the inner one does
            Map<String, Boolean> byName = new HashMap<>();
            for (Function f : candidates) {
                if (!ruledOut.contains(f.name())) {
                    byName.merge(f.name(), returnsNewObject(f, found), Boolean::logicalAnd);
                }
            }
            Set<String> next = new HashSet<>();
            byName.forEach((name, all) -> {
                if (all) {
                    next.add(name);
                }
            });
            if (next.equals(found)) {
                return Set.copyOf(found);
            }
            found = next;
        }
    }

    /** Does {@code f} return a value, and every {@code return} a variable's? */
    private static boolean returnsVariables(Function f) {
        boolean returns = false;
        for (Block b : f.blocks()) {
            if (b.terminator() instanceof Terminator.Return r && r.value() != null) {
                if (!(uncast(r.value()) instanceof Expr.Var)) {
                    return false;
                }
                returns = true;
            }
        }
        return returns;
    }

    /** Does every {@code return} of {@code f} give what a call of a new-object function returned? */
    private boolean returnsNewObject(Function f, Set<String> newObjectFunctions) {
        Set<String> variables = null;
        boolean returns = false;
        for (Block b : f.blocks()) {
            if (b.terminator() instanceof Terminator.Return r && r.value() != null) {
                if (variables == null) {
                    variables = newObjectVariables(f, newObjectFunctions);
                }
                if (!(uncast(r.value()) instanceof Expr.Var v && variables.contains(v.name()))) {
                    return false;
                }
                returns = true;
            }
        }
        return returns;
    }

    /**
     * The local variables of {@code f} (not its parameters, nor any whose address it takes) that
     * only ever hold what a call of a new-object function returned: each assignment to one is such
     * a call's value, or another such variable's.
     */
    private Set<String> newObjectVariables(Function f, Set<String> newObjectFunctions) {
        Map<String, List<String>> copiedFrom = new HashMap<>(); // per candidate, the variables it is assigned
        Set<String> ruledOut = FunctionFacts.addressTaken(f);
        Set<String> defined = new HashSet<>();
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                Expr.Var target = st instanceof Stmt.Assign a && a.target() instanceof Expr.Var v ? v
                        : st instanceof Stmt.Call c ? c.result() : null;
                if (target == null) {
                    continue;
                }
                defined.add(target.name());
                if (target.kind() == Expr.VarKind.PARAM || target.kind() == Expr.VarKind.GLOBAL) {
                    ruledOut.add(target.name());
                } else if (st instanceof Stmt.Call c) {
                    String callee = c.calleeName();
                    if (callee == null || !model.allocates(callee) && !newObjectFunctions.contains(callee)) {
                        ruledOut.add(target.name());
                    }
                } else if (uncast(((Stmt.Assign) st).value()) instanceof Expr.Var source) {
                    copiedFrom.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(source.name());
                } else {
                    ruledOut.add(target.name());
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, List<String>> e : copiedFrom.entrySet()) {
                if (!ruledOut.contains(e.getKey()) && e.getValue().stream().anyMatch(
                        source -> ruledOut.contains(source) || !defined.contains(source))) {
                    ruledOut.add(e.getKey());
                    changed = true;
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (Block b : f.blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Call c && c.result() != null && !ruledOut.contains(c.result().name())) {
                    out.add(c.result().name());
                } else if (st instanceof Stmt.Assign a && a.target() instanceof Expr.Var v
                        && !ruledOut.contains(v.name())) {
                    out.add(v.name());
                }
            }
        }
        return out;
    }

    /** Notes, for {@link #ownPointerWrites}, that {@code f} writes a whole object through {@code pointer}. */
    private void writtenThrough(Function f, Expr pointer, Set<String> reassigned, Set<Integer> parameters,
            Set<String> names, boolean[] anything) {
        Expr p = uncast(pointer);
        if (p instanceof Expr.Const) {
            return; // NULL
        }
        if (p instanceof Expr.AddrOf addr) {
            Expr object = uncast(addr.operand());
            if (object instanceof Expr.Deref d) {
                writtenThrough(f, d.pointer(), reassigned, parameters, names, anything); // &*p is p
                return;
            }
            String name = DriverModel.lastField(object); // null: a local's address
            if (name != null && rememberedReaders.containsKey(name)) {
                names.add(name);
            }
            return;
        }
        int k = parameterIndex(f, p, reassigned);
        if (k >= 0) {
            parameters.add(k);
        } else {
            anything[0] = true;
        }
    }

    /**
     * Does an assignment to {@code target} write a whole object through a pointer whose type does
     * not say the object holds no pointer ({@code *Link = NULL}, not {@code *Char = 0} nor
     * {@code *Dirent = Copy})? Such an object may be or hold a link a walk follows.
     */
    private static boolean mayWriteLink(Expr target) {
        return target instanceof Expr.Deref d && !d.pointerFree();
    }

    private static Expr uncast(Expr e) {
        Expr cur = e;
        while (cur instanceof Expr.Cast c) {
            cur = c.operand();
        }
        return cur;
    }

    /** The index of {@code f}'s parameter {@code p} is, if it still holds what the caller passed, else -1. */
    private static int parameterIndex(Function f, Expr p, Set<String> reassigned) {
        if (p instanceof Expr.Var v && v.kind() == Expr.VarKind.PARAM && !reassigned.contains(v.name())) {
            List<Expr.Var> params = f.parameters();
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).name().equals(v.name())) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The names of the memory whose addresses are among {@code args} ({@code &Node->FirstChild}). */
    private static Set<String> passedByAddress(List<Term> args) {
        Set<String> out = new HashSet<>();
        for (Term a : args) {
            if (a instanceof Term.Addr addr && nameOf(addr.loc()) != null) {
                out.add(nameOf(addr.loc()));
            }
        }
        return out;
    }

    /** How the cells in which a path remembers calls of a function in {@link #rememberedValues} are named (no C name has a space). */
    private static final String REMEMBERED_CALLS = "calls of ";
    /** How the cell that changes when memory such a function reads is written is named. */
    private static final String REMEMBERED_MEMORY = "memory read by ";

    private static String rememberedCalls(String function) {
        return REMEMBERED_CALLS + function;
    }

    /**
     * The cell a summary writes when the function wrote through a pointer that names no field (no C
     * name has a space): its caller's remembered values no longer hold either.
     */
    private static final Loc.Var WRITTEN_THROUGH_POINTER = new Loc.Var("g", "memory written through a pointer");
    private static final Term WRITTEN = new Term.Num(1);

    /**
     * How a pointer to a file's data that a call returns through an out-parameter is named
     * ({@link DriverModel#dataBufferOutput}).
     */
    private static final String DATA_BUFFER = "data:";

    /** How the value a call returns is named: this, the callee, {@code @} and the call's place. */
    private static final String RETURNED = "ret:";

    private static String rememberedMemory(String function) {
        return REMEMBERED_MEMORY + function;
    }

    /** The cell in which a path remembers the value of a call of {@code function} with {@code args}. */
    private static Loc rememberedCall(String function, List<Term> args) {
        Term asked = new Term.Num(args.size());
        for (int i = args.size() - 1; i >= 0; i--) {
            asked = new Term.Op(",", args.get(i), asked);
        }
        return new Loc.Index(new Loc.Var("g", rememberedCalls(function)), asked);
    }

    /** The name a memory location is known by: its last field, or its variable. */
    private static String nameOf(Loc l) {
        if (l instanceof Loc.Field f) {
            return f.field();
        }
        if (l instanceof Loc.Var v) {
            return v.scope().equals("g") ? v.name() : null;
        }
        if (l instanceof Loc.Index i) {
            return nameOf(i.base());
        }
        return null;
    }

    /**
     * Is {@code loc} a whole object reached through a pointer that names no field or global
     * ({@code *Link}; not {@code Buffer[i]}, see {@link PointerWrites})?
     */
    private static boolean throughUnnamedPointer(Loc loc) {
        return loc instanceof Loc.Deref;
    }

    private FunctionFacts factsOf(Function f) {
        return functionFacts.computeIfAbsent(new Identity<>(f), k -> new FunctionFacts(f));
    }

    /**
     * Explores the routine first joining paths that agree on the lock state (bounded work); a defect
     * found only on a joined path is then confirmed on its witness's path, or else confirmed or
     * refuted by exploring every path apart.
     */
    public RoutineResult analyse(Routine routine) {
        return analyse(routine, Long.MAX_VALUE);
    }

    /** As {@link #analyse(Routine)}, stopping at {@code runDeadline} (the whole run's time limit) too. */
    public RoutineResult analyse(Routine routine, long runDeadline) {
        long now = System.currentTimeMillis();
        if (now >= runDeadline) {
            return new RoutineResult(routine, false, "not analysed: " + RUN_TIME_LIMIT, List.of(), 0, null);
        }
        long deadline = Math.min(now + budget.maxMillis(), runDeadline);
        boolean runLimited = deadline == runDeadline;
        Budget limits = budget;
        Run run = explore(routine, limits, deadline, runLimited, null, null);
        boolean complete = run.complete();
        String reason = run.reason();
        long steps = run.steps;
        Map<List<Object>, Defect> confirmed = new LinkedHashMap<>();
        Map<List<Object>, Defect> open = new LinkedHashMap<>();
        // where the refinements keep paths apart: the functions the open candidates' paths ran
        // through (null: everywhere); elsewhere paths are joined as in the first exploration
        Set<String> focus = new java.util.TreeSet<>();
        while (true) {
            for (Defect d : run.defectList()) {
                if (!run.unconfirmedList().contains(d)) {
                    confirmed.putIfAbsent(identity(d), d);
                }
            }
            if (!run.complete()) {
                break; // what this run could not finish stays open
            }
            open.clear(); // a complete run found every defect there is: the others are refuted
            for (Defect d : run.unconfirmedList()) {
                if (!confirmed.containsKey(identity(d))) {
                    open.put(identity(d), d);
                }
            }
            if (limits == budget) {
                steps += replayWitnesses(routine, run, open, confirmed, deadline, runLimited);
            }
            if (open.isEmpty()) {
                break;
            }
            boolean grew = false;
            if (focus != null) {
                Boolean added = widenFocus(focus, run, open.keySet());
                if (added == null) {
                    focus = null; // a candidate without a witness: refine everywhere
                } else {
                    grew = added;
                }
            }
            if (limits.pathsPerLockState() == Integer.MAX_VALUE && !grew) {
                break; // every path apart wherever the candidates' paths ran
            }
            if (limits.pathsPerLockState() != Integer.MAX_VALUE) {
                limits = limits.refined();
            }
            run = explore(routine, limits, deadline, runLimited, null, focus == null ? null : Set.copyOf(focus));
            steps += run.steps;
            if (!run.complete()) {
                reason = run.reason();
            }
        }
        open.keySet().removeAll(confirmed.keySet());
        SourceLoc cited = null;
        if (complete && !open.isEmpty()) {
            Defect d = open.values().iterator().next();
            complete = false;
            cited = d.loc();
            reason = "a possible " + d.kind() + " at " + RuleResult.Inconclusive.CITED
                    + " could not be confirmed on a single path ("
                    + (reason != null ? reason : seenOnlyApproximately(routine)) + ")";
        }
        return new RoutineResult(routine, complete, reason, new ArrayList<>(confirmed.values()), steps, cited);
    }

    /**
     * Why a candidate stays open when every exploration of the routine was complete: its paths
     * were joined with others, or (if the routine calls any) depend on values of functions whose
     * remembered values went stale.
     */
    private String seenOnlyApproximately(Routine routine) {
        Set<String> remembered = new java.util.TreeSet<>();
        for (Function f : relevantCallees(routine.function())) {
            for (String callee : callees(f)) {
                if (rememberedValues.contains(callee)) {
                    remembered.add(callee);
                }
            }
        }
        if (remembered.isEmpty()) {
            return SEEN_ONLY_JOINED;
        }
        boolean one = remembered.size() == 1;
        return SEEN_ONLY_JOINED + ", or depend on what " + String.join(" and ", remembered)
                + (one ? " returns after memory it reads was written: not followed (a loop)"
                        : " return after memory they read was written: not followed (loops)")
                + ", so the values before and after are not related";
    }

    /**
     * Adds to {@code focus} the functions the witnesses of {@code candidates} ran through (a join
     * that made a candidate's path vaguer was in one of them): whether any was added, or null when
     * a candidate has no witness.
     */
    private static Boolean widenFocus(Set<String> focus, Run run, Set<List<Object>> candidates) {
        boolean grew = false;
        for (List<Object> candidate : candidates) {
            Trace witness = run.witnesses.get(candidate);
            if (witness == null) {
                return null;
            }
            for (Trace way : witness.withMergedWays(MAX_FOCUS_WAYS)) {
                for (Step step : way.steps()) {
                    grew |= step.function() != null && focus.add(step.function());
                }
            }
        }
        return grew;
    }

    private static List<Object> identity(Defect d) {
        return List.of(d.kind(), d.loc().file(), d.loc().line(), d.loc().column());
    }

    /**
     * Tries to show each open candidate on a path like its witness: the routine runs again, into
     * every callee, taking at each branch and call site the witness passed only the ways it went
     * (last, but at one branch per function), and calling nothing else that may lock
     * ({@link Witness}), with no join, so a defect found
     * there is on a real path. A candidate no such path shows stays open for the refinement. The
     * cheapest replays go first ({@link CheapestFirst}), each costing at most what the exploration
     * that found its candidate did. Returns the steps taken.
     */
    private long replayWitnesses(Routine routine, Run run, Map<List<Object>, Defect> open,
            Map<List<Object>, Defect> confirmed, long deadline, boolean runLimited) {
        record Replay(List<Object> candidate, Trace witness, boolean mergedWaysToo, int detours) {
        }
        List<Replay> replays = new ArrayList<>();
        List<Replay> detoured = new ArrayList<>();
        for (List<Object> candidate : open.keySet()) {
            Trace witness = run.witnesses.get(candidate);
            if (witness != null && !confirmed.containsKey(candidate)) {
                // the witness's own path, and also the ways out merged into it
                replays.add(new Replay(candidate, witness, false, 0));
                if (witness.withMergedWays(2).size() >= 2) {
                    replays.add(new Replay(candidate, witness, true, 0));
                }
                // a path a join kept may owe the defect to a value another path brought: a real
                // path that differs from the witness at one branch (in a function) often has it
                detoured.add(new Replay(candidate, witness, false, 1));
            }
        }
        replays.addAll(detoured);
        long[] steps = {0};
        CheapestFirst.replay(replays, Replay::candidate, MIN_REPLAY_STEPS, Math.max(MIN_REPLAY_STEPS, run.steps),
                (r, limit) -> {
                    if (!open.containsKey(r.candidate())) {
                        return CheapestFirst.Outcome.CONFIRMED; // by another candidate's replay
                    }
                    // exact as the last refinement is (a callee's exits that differ only in facts still merge)
                    Run replay = explore(routine, budget.exact(limit), deadline, runLimited,
                            new Witness(r.witness(), r.mergedWaysToo(), r.detours()), null);
                    steps[0] += replay.steps;
                    for (Defect d : replay.defectList()) {
                        if (!replay.unconfirmedList().contains(d) && open.containsKey(identity(d))) {
                            confirmed.putIfAbsent(identity(d), d);
                            open.remove(identity(d));
                        }
                    }
                    return System.currentTimeMillis() > deadline ? CheapestFirst.Outcome.OUT_OF_TIME
                            : !open.containsKey(r.candidate()) ? CheapestFirst.Outcome.CONFIRMED
                            : replay.steps > limit ? CheapestFirst.Outcome.RAN_OUT
                            : CheapestFirst.Outcome.ENDED;
                });
        return steps[0];
    }

    private Run explore(Routine routine, Budget limits, long deadline, boolean runLimited, Witness guide,
            Set<String> focus) {
        Run run = new Run(routine, limits, deadline, runLimited, guide, focus);
        Function f = routine.function();
        Map<String, Term> env = new HashMap<>();
        for (Expr.Var p : f.parameters()) {
            env.put(p.name(), new Term.Sym(PARAMETER + p.name(), p.name(), false));
        }
        Step enter = new Step(Step.Kind.ENTER, f.loc(), f.name(), routine.describe() + " entered, holding nothing",
                null, null);
        State entry = new State(env, Map.of(), Map.of(), Facts.EMPTY, Trace.start(enter), null, null, Map.of());
        try {
            run.exec(f, entry, frameId(f), 0);
        } catch (BudgetExceeded e) {
            run.stopped = e.getMessage();
        }
        return run;
    }

    /**
     * One way out of a callee: its exit state (without its frame), the memory it wrote (relative to
     * its entry) and the fresh values it created (renamed apart in the caller each time the summary
     * is applied).
     */
    private record Summary(State exit, Map<Loc, Term> writes, Set<Term> created) {
    }

    /**
     * Could {@code resource}, held under no name of its own, be one of the held entries: one a
     * loop's join left unknown that it may unify with, or any it may unify with when its own name
     * is vague ({@code Queue[some i]})? Then its held mode is unknown.
     */
    private static boolean mayBeAnotherHold(Term resource, Map<Term, Held> held) {
        boolean vague = Terms.containsWidened(resource);
        for (Map.Entry<Term, Held> e : held.entrySet()) {
            if ((vague || e.getValue() == Held.UNKNOWN) && Terms.mayUnify(e.getKey(), resource)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unknown holds that another unknown hold covers ({@code Queue[2]} when {@code Queue[some i]}
     * is unknown too): the held mode of any resource is answered alike without them, and lock
     * states that differ only in them are one. Each unknown hold looked at is a question of the
     * summary being computed ({@code asked}, if any): another entry could cover it.
     */
    private static List<Term> coveredUnknowns(Map<Term, Held> held, Questions asked) {
        List<Term> covered = new ArrayList<>();
        if (asked != null) {
            asked.unknownsTidied = true;
        }
        for (Map.Entry<Term, Held> e : held.entrySet()) {
            if (e.getValue() == Held.UNKNOWN) {
                if (asked != null) {
                    asked.coveredUnknown.add(e.getKey());
                }
                if (coveredUnknown(e.getKey(), held)) {
                    covered.add(e.getKey());
                }
            }
        }
        return covered;
    }

    /** Does another unknown hold cover {@code k}? Of two that cover each other, the first by text stays. */
    private static boolean coveredUnknown(Term k, Map<Term, Held> held) {
        for (Map.Entry<Term, Held> e : held.entrySet()) {
            Term g = e.getKey();
            if (e.getValue() == Held.UNKNOWN && !g.equals(k) && Terms.covers(g, k)
                    && (!Terms.covers(k, g) || g.toString().compareTo(k.toString()) < 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unknown holds a join renames ({@link Run#holdName}) or drops as covered by another
     * ({@link #coveredUnknown}): those of an entry a summary's join would have changed.
     */
    private static Set<Term> tidiedAway(Map<Term, Held> held) {
        Set<Term> out = new HashSet<>();
        held.forEach((k, v) -> {
            if (v == Held.UNKNOWN && (!Run.holdName(k, v).equals(k) || coveredUnknown(k, held))) {
                out.add(k);
            }
        });
        return out;
    }

    /** The other unknown holds {@code g} covers (whether or not it is one). */
    private static Set<Term> unknownsCoveredBy(Term g, Map<Term, Held> held) {
        Set<Term> out = new HashSet<>();
        held.forEach((k, v) -> {
            if (v == Held.UNKNOWN && !k.equals(g) && Terms.covers(g, k)) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * What a value read from a local array at a vague index ({@code Held[HeldCount - 1]} after a
     * loop's join) may be: the values of its elements the path wrote, each at a constant index —
     * or null, any value, when the read is not such, no element or some at another index was
     * written, or memory through a pointer. An element never written holds no resource a routine
     * could have taken.
     */
    private static Set<Term> valuesItMayRead(Term resource, CopyOnWriteMap<Loc, Term> heap) {
        if (!(resource instanceof Term.Load l) || !(l.loc() instanceof Loc.Index read)
                || !(read.base() instanceof Loc.Var array) || array.scope().equals("g")
                || !Terms.containsWidened(read.index())) {
            return null;
        }
        Set<Term> values = new HashSet<>();
        for (Map.Entry<Loc, Term> e : heap.entrySet()) {
            if (e.getKey() instanceof Loc.Index element && element.base().equals(array)) {
                if (!(element.index() instanceof Term.Num)) {
                    return null;
                }
                values.add(e.getValue());
            } else if (Loc.partOf(e.getKey(), array) || e.getKey().equals(array)
                    || e.getKey().equals(WRITTEN_THROUGH_POINTER)) {
                return null; // the array written whole, an element's part, or memory through a pointer
            }
        }
        return values.isEmpty() ? null : values;
    }

    /** The entries, not already unknown, that a resource released under a vague name may be. */
    private static Map<Term, Held> holdsItMayBe(Term resource, Map<Term, Held> held) {
        Map<Term, Held> out = new HashMap<>();
        held.forEach((k, v) -> {
            if (v != Held.UNKNOWN && Terms.mayUnify(k, resource)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The known holds whose name goes through {@code pointer} (see {@code Run.pointersNaming}). */
    private static Set<Term> holdsNamedThrough(Term pointer, Map<Term, Held> held) {
        Set<Term> out = new HashSet<>();
        held.forEach((k, v) -> {
            if (v != Held.UNKNOWN && Run.pointersNaming(k).contains(pointer)) {
                out.add(k);
            }
        });
        return out;
    }

    /** The held entry, other than {@code resource} itself, that the facts prove it is, or null. */
    private static Term provenSameHold(Term resource, Facts facts, Map<Term, Held> held) {
        for (Term k : held.keySet()) {
            if (!k.equals(resource) && facts.provablyEqual(k, resource)) {
                return k;
            }
        }
        return null;
    }

    /** What a caller's entry for one resource shows a callee: its held mode and the name steps show. */
    private static List<Object> entry(Term resource, Map<Term, Held> held, Map<Term, State.Acquired> acquired) {
        State.Acquired a = acquired.get(resource);
        return java.util.Arrays.asList(held.get(resource), a == null ? null : a.shown());
    }

    /**
     * What a summary's computation asked about its entry: the answers it got are all that its
     * result depends on, so it fits any entry that answers them alike.
     */
    static final class Questions {
        /** Resources whose own entry was read: held mode and shown name. */
        final Set<Term> held = new HashSet<>();
        /** Resources whose acquisition site was cited (as a second acquire's related location). */
        final Set<Term> acquisitionSite = new HashSet<>();
        /** Resources, not held under their own name, asked whether they may be another hold. */
        final Set<Term> mayBeAnother = new HashSet<>();
        /** Resources released under a vague name: which holds they may be. */
        final Set<Term> releasedVaguely = new HashSet<>();
        /** Unknown holds asked whether another unknown hold covers them, and which they cover. */
        final Set<Term> coveredUnknown = new HashSet<>();
        /**
         * Whether a join (or a vague release) tidied the unknown holds, renaming or dropping some:
         * it would tidy an entry's too, so which of them it would change is an answer.
         */
        boolean unknownsTidied;
        /** Resources whose identity a path's facts could prove equal to another term: with those facts. */
        final Map<Term, Set<Facts>> provenEqual = new HashMap<>();
        final Set<Loc> memory = new HashSet<>();
        /**
         * Functions a call could have reached, each with whether it was on the call stack at entry
         * (a call of a function on the stack is not followed): the summary holds under any stack
         * that has the same of these, however else it differs.
         */
        final Map<String, Boolean> onStack = new HashMap<>();
        /**
         * Values a path's test made NULL (or 0) while the computation kept the path: it would have
         * dropped it had the entry held a resource named through one of them (see
         * {@code namesAHoldThroughNull}), so which entry holds are so named is an answer too.
         */
        final Set<Term> madeNull = new HashSet<>();
        /**
         * Names written whose readers' remembered-memory cells the computation looked for, each with
         * those cells: which of them the entry has decides which it marks written.
         */
        final Map<String, Set<Loc.Var>> rememberedLookedUp = new HashMap<>();

        void addAll(Questions q, java.util.function.UnaryOperator<Term> term,
                java.util.function.UnaryOperator<Loc> loc, java.util.function.UnaryOperator<Facts> facts) {
            q.held.forEach(t -> addIfAboutEntry(held, term.apply(t)));
            q.acquisitionSite.forEach(t -> addIfAboutEntry(acquisitionSite, term.apply(t)));
            q.mayBeAnother.forEach(t -> mayBeAnother.add(term.apply(t)));
            q.releasedVaguely.forEach(t -> releasedVaguely.add(term.apply(t)));
            q.coveredUnknown.forEach(t -> coveredUnknown.add(term.apply(t)));
            unknownsTidied |= q.unknownsTidied;
            q.madeNull.forEach(t -> addIfAboutEntry(madeNull, term.apply(t)));
            rememberedLookedUp.putAll(q.rememberedLookedUp); // global cells: no name to rename
            q.provenEqual.forEach((t, fs) -> fs.forEach(f -> provenEqual.computeIfAbsent(term.apply(t),
                    k -> new HashSet<>()).add(facts.apply(f))));
            q.memory.forEach(l -> {
                Loc cell = loc.apply(l);
                if (aboutEntry(cell)) {
                    memory.add(cell);
                }
            });
        }

        /**
         * Whether a question looked up by name (a cell, a hold) can be answered differently by two
         * entries: not when it names a value created during the computation, since an entry names
         * every fresh value canonically ({@link Renaming}), so no entry has that cell or hold.
         * Such questions are not kept: callers would only copy them up and compare them.
         */
        static boolean aboutEntry(Term t) {
            return !Terms.mentions(t, Questions::createdHere);
        }

        static boolean aboutEntry(Loc l) {
            return !Terms.mentions(l, Questions::createdHere);
        }

        private static boolean createdHere(Term t) {
            return t instanceof Term.Sym s && s.fresh() && !s.id().startsWith(RENAMED)
                    && !s.id().startsWith("widened:" + RENAMED) && !t.equals(SOME_VALUE);
        }

        private static void addIfAboutEntry(Set<Term> questions, Term t) {
            if (aboutEntry(t)) {
                questions.add(t);
            }
        }

        /** Are these questions answered alike by two entries' holds? */
        boolean answeredAlike(Map<Term, Held> held1, Map<Term, State.Acquired> acquired1, Map<Term, Held> held2,
                Map<Term, State.Acquired> acquired2) {
            for (Term q : held) {
                if (!entry(q, held1, acquired1).equals(entry(q, held2, acquired2))) {
                    return false;
                }
            }
            for (Term q : acquisitionSite) {
                if (!java.util.Objects.equals(acquired1.get(q), acquired2.get(q))) {
                    return false;
                }
            }
            for (Term q : mayBeAnother) {
                if (mayBeAnotherHold(q, held1) != mayBeAnotherHold(q, held2)) {
                    return false;
                }
            }
            for (Term q : releasedVaguely) {
                if (!holdsItMayBe(q, held1).equals(holdsItMayBe(q, held2))) {
                    return false;
                }
            }
            for (Term q : coveredUnknown) {
                if (coveredUnknown(q, held1) != coveredUnknown(q, held2)
                        || !unknownsCoveredBy(q, held1).equals(unknownsCoveredBy(q, held2))) {
                    return false;
                }
            }
            if (unknownsTidied && !tidiedAway(held1).equals(tidiedAway(held2))) {
                return false;
            }
            for (Term q : madeNull) {
                if (!holdsNamedThrough(q, held1).equals(holdsNamedThrough(q, held2))) {
                    return false;
                }
            }
            for (Map.Entry<Term, Set<Facts>> e : provenEqual.entrySet()) {
                for (Facts f : e.getValue()) {
                    Term k1 = provenSameHold(e.getKey(), f, held1);
                    Term k2 = provenSameHold(e.getKey(), f, held2);
                    if (!java.util.Objects.equals(k1, k2)
                            || k1 != null && !entry(k1, held1, acquired1).equals(entry(k2, held2, acquired2))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * A summary being computed: what it asks, its own analysis steps (not those of the summaries
     * it uses), the first lock-state merge it had to force, and the summaries it used.
     */
    private static final class Computing {
        final Questions asked = new Questions();
        /** How many functions were on the call stack when it started (the callee's own frame is next). */
        final int stackAtEntry;
        long steps;
        /** Why this summary is not exact (a forced merge, a call too deep), or null. */
        String approximation;
        final List<Context> used = new ArrayList<>();

        Computing(int stackAtEntry) {
            this.stackAtEntry = stackAtEntry;
        }

        /** Is {@code name} one of the frames this computation itself pushed on {@code callStack}? */
        boolean ownFrame(String name, Deque<String> callStack) {
            int own = callStack.size() - stackAtEntry;
            for (String f : callStack) { // the newest first
                if (own-- <= 0) {
                    return false;
                }
                if (f.equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A callee's summary computed in one context — the memory it could see, which of those values
     * callers' joins had made vaguer, the held resources — reusable in another context that
     * answers every question the computation asked alike. Its exits' holds are then the other
     * context's with what the callee changed.
     */
    private record Context(Map<Loc, Term> memory, Set<Term> inherited, Map<Term, Held> held,
            Map<Term, State.Acquired> acquired, Questions questions, List<Summary> exits, long steps,
            String approximation, List<Context> used) {
        boolean fits(Map<Loc, Term> otherMemory, Set<Term> otherInherited, Map<Term, Held> otherHeld,
                Map<Term, State.Acquired> otherAcquired, java.util.Collection<String> callStack) {
            for (Map.Entry<String, Boolean> e : questions.onStack.entrySet()) {
                if (callStack.contains(e.getKey()) != e.getValue()) {
                    return false;
                }
            }
            if (!otherMemory.equals(memory) || !otherInherited.equals(inherited)) {
                for (Loc l : questions.memory) {
                    if (!cell(l, memory, inherited).equals(cell(l, otherMemory, otherInherited))) {
                        return false;
                    }
                }
                for (Set<Loc.Var> readers : questions.rememberedLookedUp.values()) {
                    if (!present(readers, memory).equals(present(readers, otherMemory))) {
                        return false;
                    }
                }
            }
            if (otherHeld.equals(held) && otherAcquired.equals(acquired)) {
                return true;
            }
            if (!questions.answeredAlike(held, acquired, otherHeld, otherAcquired)) {
                return false;
            }
            // what the callee changed (or a join renamed) must have been there alike
            for (Summary s : exits) {
                for (Map.Entry<Term, Held> e : held.entrySet()) {
                    Term k = e.getKey();
                    if (s.exit().held.get(k) != e.getValue()
                            || !java.util.Objects.equals(s.exit().acquiredAt.get(k), acquired.get(k))) {
                        if (otherHeld.get(k) != e.getValue()
                                || !java.util.Objects.equals(otherAcquired.get(k), acquired.get(k))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        /** A cell as the callee sees it: its value, the value's text (traces show it), what in it is vague. */
        private static List<Object> cell(Loc l, Map<Loc, Term> memory, Set<Term> inherited) {
            Term v = memory.get(l);
            if (v == null) {
                return List.of();
            }
            Set<Term> vague = new HashSet<>();
            if (!inherited.isEmpty()) {
                Terms.mentions(v, x -> {
                    if (inherited.contains(x)) {
                        vague.add(x);
                    }
                    return false;
                });
            }
            return List.of(v, v.toString(), vague);
        }

        private static Set<Loc> present(Set<Loc.Var> cells, Map<Loc, Term> memory) {
            Set<Loc> out = new HashSet<>();
            memory.keySet().forEach(l -> {
                if (l instanceof Loc.Var v && cells.contains(v)) {
                    out.add(l);
                }
            });
            return out;
        }

        List<Summary> reuse(Map<Term, Held> otherHeld, Map<Term, State.Acquired> otherAcquired) {
            if (otherHeld.equals(held) && otherAcquired.equals(acquired)) {
                return exits;
            }
            List<Summary> out = new ArrayList<>();
            for (Summary s : exits) {
                State exit = s.exit();
                Map<Term, Held> h = new HashMap<>(otherHeld);
                changes(held, exit.held, h);
                Map<Term, State.Acquired> a = new HashMap<>(otherAcquired);
                changes(acquired, exit.acquiredAt, a);
                out.add(new Summary(exit.withHolds(h, a), s.writes(), s.created()));
            }
            return out;
        }

        private static <V> void changes(Map<Term, V> before, Map<Term, V> after, Map<Term, V> into) {
            before.forEach((k, v) -> {
                if (!after.containsKey(k)) {
                    into.remove(k);
                }
            });
            after.forEach((k, v) -> {
                if (!v.equals(before.get(k))) {
                    into.put(k, v);
                }
            });
        }
    }

    /**
     * The scope of a function's locals in memory: the function alone, since no function is on the
     * call stack twice (see {@link #callHeight}). Not the depth, or a pointer to a caller's local
     * would differ between calls at different depths and keep their callees' summaries apart.
     */
    private static String frameId(Function f) {
        return f.name();
    }

    /**
     * A caller's fresh values and the routine's parameters renamed to canonical names for a callee
     * summary ({@code in:0}, {@code in:1}, ... for the arguments' values in order of appearance; a
     * memory cell's new values after the cell), and back — so calls from other sites, iterations and
     * routines share the summary. Values a join widened stay widened ({@code widened:in:2}), so
     * they still stand for any value.
     */
    private static final class Renaming {
        private final Map<Term, Term> in = new HashMap<>();
        private final Map<Term, Term> out = new HashMap<>();
        private final List<Object> shapes = new ArrayList<>();
        /** Where values being named now were found (a memory cell), and how many were named there. */
        private String site = "";
        private String place;
        private int atSite;
        /** How many cells of each text values were named in: two frames' locals may share a name. */
        private final Map<String, Integer> places = new HashMap<>();
        /** The bits of the canonical names given so far: a term without any has nothing to rename back. */
        private long outBits;
        private final Terms.Renamer toIn = new Terms.Renamer() {
            @Override
            public Term apply(Term t) {
                if (t instanceof Term.Sym s && (s.fresh() || s.id().startsWith(PARAMETER) || s.id().startsWith(RENAMED)
                        || s.id().startsWith(STRING)) && !t.equals(SOME_VALUE)) {
                    return in.computeIfAbsent(t, k -> {
                        // a join's value stays one (to unify with anything), whichever join made it; in
                        // memory it is shown after its cell, not after the variable a caller's join widened
                        boolean widened = Terms.isWidened(t);
                        Term c = new Term.Sym((widened ? "widened:" : "") + RENAMED + site + atSite++,
                                widened && place != null ? place + " (some iteration)" : s.display(), s.fresh());
                        out.put(c, k);
                        outBits |= c.symBits();
                        shapes.add(s.display());
                        return c;
                    });
                }
                return t;
            }

            @Override
            public long bits() {
                return -1L; // any symbol may be one to rename
            }
        };
        private final Terms.Renamer toOut = new Terms.Renamer() {
            @Override
            public Term apply(Term t) {
                return out.getOrDefault(t, t);
            }

            @Override
            public long bits() {
                return outBits;
            }
        };

        Term in(Term t) {
            return Terms.rewrite(t, toIn);
        }

        /**
         * Renames {@code t}, naming its new values after the place they were found rather than by
         * a running count, so one cell more or less elsewhere does not rename the rest. Of cells
         * shown alike (two frames' {@code Context.Held}), each after the first is counted apart:
         * named alike, their values would be one value in the callee.
         */
        Term in(Term t, String place) {
            int seen = places.merge(place, 1, Integer::sum);
            site = seen == 1 ? place + "#" : place + "#" + seen + "#";
            this.place = place;
            atSite = 0;
            try {
                return in(t);
            } finally {
                site = "";
                this.place = null;
                atSite = in.size();
            }
        }

        Loc in(Loc l) {
            return Terms.rewrite(l, toIn);
        }

        Term out(Term t) {
            return out.isEmpty() ? t : Terms.rewrite(t, toOut);
        }

        Loc out(Loc l) {
            return out.isEmpty() ? l : Terms.rewrite(l, toOut);
        }

        Facts out(Facts f) {
            return out.isEmpty() ? f : f.rename(t -> Terms.rewrite(t, toOut)); // names inside terms too
        }

        /** Whether no name was replaced (then nothing needs renaming back). */
        boolean keepsAll() {
            return out.isEmpty();
        }

        /** What the canonical names stand for, as far as a summary's text can tell: their displays. */
        List<Object> shapes() {
            return List.copyOf(shapes);
        }

        Summary back(Summary s) {
            if (out.isEmpty()) {
                return s;
            }
            Map<Loc, Term> writes = new HashMap<>();
            s.writes().forEach((l, v) -> writes.put(Terms.rewrite(l, toOut), Terms.rewrite(v, toOut)));
            return new Summary(s.exit().rename(toOut), writes, s.created());
        }
    }

    /**
     * The blocks of one function waiting to run, in reverse postorder, each with the states that
     * reached it since it last ran.
     */
    private static final class Work {
        private final FunctionFacts facts;
        private final java.util.TreeMap<Long, Integer> ready = new java.util.TreeMap<>();
        private final Map<Integer, List<State>> arrived = new HashMap<>();
        /** Per block, the state that unrelated lock states were last forced into. */
        final Map<Integer, State> catchAll = new HashMap<>();
        /** The loop-head state whose successors are being added, or null. */
        State origin;
        /** Which loop-head state each waiting state came from (directly). */
        private final Map<State, State> origins = new java.util.IdentityHashMap<>();
        /** Loop-head states a join replaced after they ran: their waiting successors are covered. */
        final Set<State> superseded = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        /** The block whose successors are being added, or -1 for the entry. */
        int running = -1;
        /** States that reach a loop's head from outside it and every loop around it. */
        final Set<State> entering = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Work(FunctionFacts facts) {
            this.facts = facts;
        }

        void add(int block, State s) {
            List<State> list = arrived.get(block);
            if (list == null) {
                list = new ArrayList<>();
                arrived.put(block, list);
                ready.put(((long) facts.order[block] << 32) | block, block);
            }
            list.add(s);
            if (origin != null) {
                origins.put(s, origin);
            }
            if (facts.loopHeads.contains(block) && facts.entersLoopNest(running, block)) {
                entering.add(s);
            }
        }

        boolean isEmpty() {
            return ready.isEmpty();
        }

        int nextBlock() {
            return ready.pollFirstEntry().getValue();
        }

        List<State> arrivals(int block) {
            List<State> states = arrived.remove(block);
            if (!superseded.isEmpty()) {
                states.removeIf(s -> superseded.contains(origins.get(s)));
            }
            return states;
        }
    }

    /** The analysis of one routine: its budget, its defects, the memo of callee exits. */
    private final class Run {
        final Routine routine;
        final Budget budget;
        final long deadline;
        /** Whether the deadline is the whole run's time limit rather than this routine's budget. */
        final boolean runLimited;
        long steps;
        final Map<List<Object>, Defect> defects = new LinkedHashMap<>();
        /** Defects found so far only on approximate (joined) paths. */
        final Set<List<Object>> unconfirmed = new HashSet<>();
        final Deque<String> callStack = new ArrayDeque<>();
        /** The pointers the statement or condition being evaluated reads or writes through. */
        private final List<Term> dereferenced = new ArrayList<>(4);
        /** Whether {@link #dereferenced} is being collected (evaluations outside one are not). */
        private boolean collecting;
        /** The summaries being computed, innermost first. */
        final Deque<Computing> computing = new ArrayDeque<>();
        /** The shared summaries this routine's analysis has used (and been charged the steps of). */
        final Set<Context> charged = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        /** Why the exploration had to merge lock states it could not keep apart, or null. */
        String approximation;
        /** The budget this run exceeded, or null. */
        String stopped;
        /** The whole trace of each defect found only on approximate paths. */
        final Map<List<Object>, Trace> witnesses = new HashMap<>();
        /**
         * A replay's witness (see {@link #replayWitnesses}), or null: paths it does not allow are
         * dropped, nothing is joined and no shared summary is used.
         */
        final Witness guide;
        /** The calls that led to the function being run, innermost last: a replay matches its witness in them. */
        final List<Step> callSteps = new ArrayList<>();
        /**
         * States an exception took out of the statement just run, with the block it raises to (-1:
         * out of the function); {@link #runBlock} sends them on.
         */
        final List<Map.Entry<Integer, State>> raised = new ArrayList<>();

        /**
         * The functions where {@link #budget}'s paths per lock state apply, or null: everywhere.
         * Elsewhere the engine's own budget applies.
         */
        final Set<String> focus;

        Run(Routine routine, Budget budget, long deadline, boolean runLimited, Witness guide, Set<String> focus) {
            this.routine = routine;
            this.budget = budget;
            this.focus = focus;
            this.deadline = deadline;
            this.runLimited = runLimited;
            this.guide = guide;
        }

        boolean complete() {
            return stopped == null && approximation == null;
        }

        String reason() {
            return stopped != null ? stopped : approximation;
        }

        /** How many paths with one lock state {@code f}'s blocks keep apart before joining them. */
        int pathsPerLockState(Function f) {
            return focus == null || focus.contains(f.name()) ? budget.pathsPerLockState()
                    : Engine.this.budget.pathsPerLockState();
        }

        /**
         * What a summary of {@code callee} depends on of the budget: none of the functions it may
         * run being in focus, it is the first exploration's summary, shared with it.
         */
        Object summaryBudget(Function callee) {
            if (focus == null) {
                return budget;
            }
            return java.util.Collections.disjoint(reachableNames(callee), focus) ? Engine.this.budget
                    : List.of(budget, focus);
        }

        List<Defect> defectList() {
            return new ArrayList<>(defects.values());
        }

        List<Defect> unconfirmedList() {
            return unconfirmed.stream().map(defects::get).toList();
        }

        private void tick() {
            stepsExecuted.increment();
            Computing c = computing.peek();
            if (c != null) {
                c.steps++;
            }
            if (++steps > budget.maxSteps()) {
                throw new BudgetExceeded("more than " + budget.maxSteps() + " analysis steps");
            }
            if ((steps & 1023) == 0) {
                checkTime();
            }
        }

        /** Stops the exploration once its time is spent: after every so many steps, and in work between steps. */
        private void checkTime() {
            if (System.currentTimeMillis() > deadline) {
                throw new BudgetExceeded(runLimited ? RUN_TIME_LIMIT
                        : "more than " + java.math.BigDecimal.valueOf(budget.maxMillis(), 3).stripTrailingZeros()
                                .toPlainString() + " s of analysis");
            }
        }

        // ------------------------------------------------------------ functions

        /** The call depth being explored: 0 is the routine; deeper frames are callee summaries. */
        int depth;
        /** Fresh values the current summary received from its caller. */
        Set<Term> pinned = Set.of();
        /** What callers' joins made vaguer among the values the current summary received. */
        Set<Term> inherited = Set.of();

        /** Explores {@code f} from {@code entry}; returns its exit states (their {@code returned} set). */
        List<State> exec(Function f, State entry, String frame, int depth) {
            functionsRun.add(new Identity<>(f));
            int savedDepth = this.depth;
            this.depth = depth;
            FunctionFacts ff = factsOf(f);
            Map<Integer, List<State>> visited = new HashMap<>();
            Map<Integer, Set<Object>> keys = new HashMap<>();
            Work work = new Work(ff);
            List<State> exits = new ArrayList<>();
            Set<Term> savedPinned = pinned;
            // a summary: what the caller passed in stays relevant to the caller
            pinned = depth > 0 ? entry.freshSymbols(entry.env.values()) : Set.of();
            callStack.push(f.name());
            try {
                work.add(0, entry);
                while (!work.isEmpty()) {
                    int blockId = work.nextBlock();
                    List<State> admitted = new ArrayList<>();
                    for (State arriving : work.arrivals(blockId)) {
                        admit(f, ff, blockId, arriving, visited, keys, admitted, work);
                    }
                    boolean loopHead = ff.loopHeads.contains(blockId);
                    work.running = blockId;
                    for (State state : admitted) {
                        work.origin = loopHead ? state : null;
                        runBlock(f, ff, blockId, state, frame, depth, work, exits);
                    }
                    work.origin = null;
                    work.running = -1;
                }
            } finally {
                callStack.pop();
                this.depth = savedDepth;
                pinned = savedPinned;
            }
            // the ways out by exception that leave holding what the function found are one for the
            // caller (it raises from its own state, see resume); only those that change holds go on
            // to callers as they are
            State asEntered = null;
            for (java.util.Iterator<State> it = exits.iterator(); it.hasNext();) {
                State x = it.next();
                if (x.returned == RAISED && x.held.equals(entry.held)) {
                    asEntered = asEntered == null ? x : asEntered.withFacts(asEntered.facts.intersect(x.facts));
                    it.remove();
                }
            }
            if (asEntered != null) {
                exits.add(asEntered.returning(RAISED_AS_ENTERED));
            }
            // a value's ways out keep their facts apart: they are what makes a second call agree
            return valued.contains(f.name()) ? exits
                    : mergeExits(exits, pathsPerLockState(f) == Integer.MAX_VALUE, f.name() + ":raised");
        }

        /**
         * Runs one block on one state: its statements, then its way out — successors go to
         * {@code work}, a return to {@code exits}. (A method of its own, so the JIT compiles the
         * exploration loop above small.)
         */
        private void runBlock(Function f, FunctionFacts ff, int blockId, State state, String frame, int depth,
                Work work, List<State> exits) {
            Block block = f.block(blockId);
            List<State> current = List.of(state);
            for (Stmt s : block.statements()) {
                List<State> next = new ArrayList<>();
                for (State st : current) {
                    tick();
                    int mark = raised.size();
                    next.addAll(execStmt(f, s, st, frame, depth));
                    if (raised.size() > mark) {
                        sendOnRaised(mark, depth, work, exits);
                    }
                }
                current = next;
                if (current.isEmpty()) {
                    return;
                }
            }
            for (State st : current) {
                tick();
                Terminator t = block.terminator();
                if (t instanceof Terminator.Goto g) {
                    work.add(g.target(), st);
                } else if (t instanceof Terminator.Branch br) {
                    branch(f, ff, blockId, br, st, frame, work);
                } else if (t instanceof Terminator.Choice c) {
                    work.add(c.targets().get(0), st);
                    for (int i = 1; i < c.targets().size(); i++) {
                        Step step = new Step(Step.Kind.EXCEPTION, c.loc(), f.name(), "the call may "
                                + "raise an exception; control goes to the handler", null, null);
                        work.add(c.targets().get(i), st.then(step));
                    }
                } else if (t instanceof Terminator.Raise) {
                    if (depth > 0) {
                        exits.add(st.returning(RAISED)); // the caller goes on where the call raises to
                    } // a routine the exception leaves does not return: nothing to check
                } else if (t instanceof Terminator.Return r) {
                    Term value = r.value() == null ? null : eval(r.value(), st, frame, ff);
                    State exit = st.returning(value);
                    if (depth == 0) {
                        checkExit(f, r, exit);
                    }
                    exits.add(exit);
                }
            }
        }

        /** Sends the states raised since {@code mark} where they raise to, or out of the function. */
        private void sendOnRaised(int mark, int depth, Work work, List<State> exits) {
            List<Map.Entry<Integer, State>> out = new ArrayList<>(raised.subList(mark, raised.size()));
            raised.subList(mark, raised.size()).clear();
            for (Map.Entry<Integer, State> e : out) {
                if (e.getKey() >= 0) {
                    work.add(e.getKey(), e.getValue());
                } else if (depth > 0) {
                    exits.add(e.getValue().returning(RAISED));
                }
            }
        }

        /** An exception raised in call {@code c}: it goes on where the call raises to. */
        private void raise(Stmt.Call c, State st) {
            raised.add(Map.entry(c.raisesTo(), st));
        }

        /**
         * Lets a state that reached {@code block} run it, unless a state already there covers it;
         * joins it with one there when too many are kept apart. What is to run goes to {@code batch}.
         */
        private void admit(Function f, FunctionFacts ff, int block, State s, Map<Integer, List<State>> visited,
                Map<Integer, Set<Object>> keys, List<State> batch, Work work) {
            // joins take their time between steps: a routine whose states piled up at a few blocks
            // ran 5 s past its 20 s while few statements ran
            checkTime();
            Set<String> live = ff.liveIn.get(block);
            if (guide != null && !guide.allows(s.trace, callSteps)) {
                return; // a replay keeps to its witness
            }
            boolean entering = work.entering.remove(s);
            State.Keyed keyed = s.withRelevantFacts(live, pinned);
            s = keyed.state();
            Object key = keyed.key();
            Set<Object> seen = keys.computeIfAbsent(block, k -> new HashSet<>());
            if (seen.contains(key)) {
                return;
            }
            if (guide != null) { // a replay is exact: nothing is joined
                seen.add(key);
                batch.add(s);
                return;
            }
            List<State> states = visited.computeIfAbsent(block, k -> new ArrayList<>());
            boolean loopHead = ff.loopHeads.contains(block);
            boolean full = states.size() >= budget.maxStatesPerBlock();
            if (full) {
                for (State other : states) {
                    if (!other.held.equals(s.held) || !other.heap.equals(s.heap)
                            || !java.util.Objects.equals(other.pathName, s.pathName) || !sameLive(other, s, live)) {
                        continue;
                    }
                    if (other.pending.equals(s.pending)) {
                        Facts common = other.facts.intersect(s.facts);
                        State merged = weaken(other.withFacts(common), other.facts.forgottenIn(common),
                                s.facts.forgottenIn(common), s.weakened);
                        substitute(states, seen, batch, other, merged, live);
                        return;
                    }
                    if (other.facts.equals(s.facts)) {
                        // the same state but for the callee defects waiting on it: every way on from
                        // it is a way on from each, so their waiting defects stay exact together
                        substitute(states, seen, batch, other, other.withPendingOf(s), live);
                        return;
                    }
                }
            }
            if (loopHead || full) {
                // a loop's iterations that carry different callee defects waiting for the caller stay
                // apart (there are only so many): joined, no single path would be known to carry them
                // all. A full block joins them all the same (the join is then approximate).
                State partner = null;
                for (State other : states) {
                    if (other.held.equals(s.held) && java.util.Objects.equals(other.pathName, s.pathName)
                            && (other.pending.equals(s.pending) || full && partner == null)
                            && (full || !otherExecution(other, s))) {
                        partner = other;
                        if (other.pending.equals(s.pending)) {
                            break;
                        }
                    }
                }
                if (full && !loopHead && partner != null && partner.pending.equals(s.pending)) {
                    // of the states it could join, the one it differs from least: the fewer values
                    // the join makes vaguer, the fewer false candidates (a flag written on some
                    // ways out by exception and not on others stays known where both kinds abound)
                    partner = closestAlike(states, s, live);
                }
                // a full block makes room by joining two of its states that share a lock state: it
                // bounds distinct lock states, not paths, before holds are made unknown
                boolean roomMade = partner == null && full && !loopHead && makeRoom(f, block, states, seen, batch, live);
                boolean vaguer = false;
                if (partner == null && loopHead) {
                    // an iteration that only lost track of some holds (a release through the loop's
                    // index): the loop may do so again, so its head keeps those holds unknown
                    for (State other : states) {
                        if (java.util.Objects.equals(other.pathName, s.pathName) && other.pending.equals(s.pending)
                                && onlyUnknownsDiffer(other.held, s.held) && !otherExecution(other, s)) {
                            partner = other;
                            vaguer = true;
                            break;
                        }
                    }
                }
                boolean lossy = false;
                // only a loop's iterations are bounded so: the paths that reach the loop from outside
                // its nest are as many as reach any block, and one of them forced into another's
                // lock state would lose what it holds (a rollback that leaves slot 0 held)
                if (partner == null && !roomMade && (full || distinctHeldMaps(states) >= 3 && !entering)) {
                    // bounded work: holds that differ become UNKNOWN; once a block has such a catch-all
                    // state, later arrivals join it rather than search for a closer one
                    State catchAll = work.catchAll.get(block);
                    List<State> candidates = states;
                    if (!full) {
                        candidates = new ArrayList<>();
                        for (State other : states) {
                            if (!otherExecution(other, s)) {
                                candidates.add(other);
                            }
                        }
                    }
                    partner = catchAll != null && candidates.contains(catchAll) ? catchAll : closest(candidates, s);
                    lossy = partner != null;
                }
                if (partner != null) {
                    State joined = join(partner, s, f.name() + ":" + block, live, true,
                            loopHead ? v -> ff.unchangedInLoop(block, v) : null);
                    if (!loopHead && madeUnknown(partner.held, s.held, joined.held)) {
                        SourceLoc where = f.block(block).statements().isEmpty() ? f.block(block).terminator().loc()
                                : f.block(block).statements().get(0).loc();
                        approximated("more than " + budget.maxStatesPerBlock() + " distinct lock states in "
                                + f.name() + " at " + where.file() + ":" + where.line()
                                + "; they were merged and some holds are unknown");
                    }
                    boolean ran = !batch.contains(partner);
                    if (substitute(states, seen, batch, partner, joined, live)) {
                        if (lossy) {
                            work.catchAll.put(block, joined);
                        }
                        if (vaguer && ran) {
                            work.superseded.add(partner); // the joined state leaves the loop for it
                        }
                    }
                    return;
                }
            }
            int pathsPerLockState = pathsPerLockState(f);
            if (pathsPerLockState != Integer.MAX_VALUE) {
                State partner = null;
                int kept = 0;
                int bestShared = -1;
                for (State other : states) {
                    // paths that remember one call with different values are different executions
                    // (two walks of a tree agree on each): kept apart as lock states are
                    if (other.held.equals(s.held) && other.pending.equals(s.pending)
                            && java.util.Objects.equals(other.pathName, s.pathName)
                            && (rememberedValues.isEmpty() || !rememberedDisagree(other, s))) {
                        kept++;
                        if (partner == null) {
                            partner = other; // the closest is looked for only among several
                            continue;
                        }
                        if (bestShared < 0) {
                            bestShared = sharedValues(partner, s, live);
                        }
                        int shared = sharedValues(other, s, live);
                        if (shared > bestShared) {
                            partner = other;
                            bestShared = shared;
                        }
                    }
                }
                if (kept >= pathsPerLockState) {
                    State joined = join(partner, s, f.name() + ":" + block, live, false);
                    substitute(states, seen, batch, partner, joined, live);
                    return;
                }
            }
            seen.add(key);
            states.add(s);
            batch.add(s);
        }

        /**
         * Notes the first approximation (a forced merge, a call not followed) for the routine and for
         * each summary being computed: the routine's result is then not exact.
         */
        private void approximated(String why) {
            if (approximation == null) {
                approximation = why;
            }
            for (Computing c : computing) {
                if (c.approximation == null) {
                    c.approximation = why;
                }
            }
        }

        /**
         * Uses a shared summary: its approximation counts here too, and the first use in this routine
         * costs the steps its computation took (with those of the summaries it used), so budgets and
         * results do not depend on which routine or thread computed it.
         */
        private void use(Context context) {
            if (context.approximation() != null) {
                approximated(context.approximation());
            }
            Computing outer = computing.peek();
            if (outer != null) {
                outer.used.add(context);
            }
            charge(context);
            if (steps > budget.maxSteps()) {
                throw new BudgetExceeded("more than " + budget.maxSteps() + " analysis steps");
            }
            checkTime();
        }

        private void charge(Context context) {
            if (charged.add(context)) {
                steps += context.steps();
                context.used().forEach(this::charge);
            }
        }

        /**
         * Puts {@code joined} in the place of {@code part} at a block, unless an equal state was
         * there already (then false: nothing new to run).
         */
        private boolean substitute(List<State> states, Set<Object> seen, List<State> batch, State part, State joined,
                Set<String> live) {
            if (!seen.add(joined.key(live, pinned))) {
                return false;
            }
            states.remove(part);
            states.add(joined);
            replace(batch, part, joined);
            return true;
        }

        /** The joined state runs instead of its part if that has not run yet, else as well. */
        private void replace(List<State> batch, State part, State joined) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) == part) {
                    batch.set(i, joined);
                    return;
                }
            }
            batch.add(joined);
        }

        /**
         * Do two states at a loop head come from different executions rather than from iterations
         * of one? Their facts contradict: within one execution a value is what it is (a fresh one
         * stands for one run of the call or join that made it), so its facts never do. A loop head
         * joins iterations, not executions: joined, the loop's later tests could mix the two (a
         * parameter NULL at one test and not at the next, on a path taken as real).
         */
        private boolean otherExecution(State a, State b) {
            if (a.facts != b.facts && a.facts.and(b.facts) == null) {
                return true;
            }
            return !rememberedValues.isEmpty() && rememberedDisagree(a, b);
        }

        /** Is this a cell in which a path remembers calls of a function in {@link #rememberedValues}, or their memory? */
        private static boolean isRemembered(Loc cell) {
            Loc base = cell instanceof Loc.Index i ? i.base() : cell;
            return base instanceof Loc.Var v && v.scope().equals("g")
                    && (v.name().startsWith(REMEMBERED_CALLS) || v.name().startsWith(REMEMBERED_MEMORY));
        }

        /**
         * Do the two states remember one call, over the same memory, with values their facts tell
         * apart (a walk that found no node on one, a node on the other)? A call's value is one per
         * execution, so they come from different executions.
         */
        private static boolean rememberedDisagree(State a, State b) {
            Map<Term, Term> same = new HashMap<>();
            a.heap.forEach((cell, x) -> {
                if (cell instanceof Loc.Index i && i.base() instanceof Loc.Var v && v.name().startsWith(REMEMBERED_CALLS)
                        && x instanceof Term.Op ox && ox.op().equals("@")
                        && b.heap.get(cell) instanceof Term.Op oy && oy.op().equals("@")
                        && ox.left().equals(oy.left()) && !ox.right().equals(oy.right())) {
                    same.put(oy.right(), ox.right());
                }
            });
            if (same.isEmpty()) {
                return false;
            }
            Facts renamed = b.facts.rename(t -> Terms.rewrite(t, x -> same.getOrDefault(x, x)));
            return a.facts.and(renamed) == null;
        }

        /**
         * Does a join leave a hold unknown that was not unknown on both sides already? Holds a loop's
         * join made unknown earlier are carried, not lost again, by every later join.
         */
        private static boolean madeUnknown(Map<Term, Held> a, Map<Term, Held> b, Map<Term, Held> joined) {
            for (Map.Entry<Term, Held> e : joined.entrySet()) {
                if (e.getValue() == Held.UNKNOWN
                        && (a.get(e.getKey()) != Held.UNKNOWN || b.get(e.getKey()) != Held.UNKNOWN)) {
                    return true;
                }
            }
            return false;
        }

        /** How many live variables and memory cells two states agree on: the cheaper join partner. */
        private int sharedValues(State a, State b, Set<String> live) {
            int n = 0;
            for (String v : live) {
                Term x = a.env.get(v);
                if (x != null && x.equals(b.env.get(v))) {
                    n++;
                }
            }
            if (a.heap.equals(b.heap)) {
                n += live.size() + 1;
            }
            return n;
        }

        /** Of the states with {@code s}'s lock state, path name and waiting defects, the one with the fewest values unlike its. */
        private State closestAlike(List<State> states, State s, Set<String> live) {
            State best = null;
            int fewest = Integer.MAX_VALUE;
            for (State other : states) {
                if (!other.held.equals(s.held) || !java.util.Objects.equals(other.pathName, s.pathName)
                        || !other.pending.equals(s.pending)) {
                    continue;
                }
                int differing = 0;
                for (String v : live) {
                    if (!java.util.Objects.equals(other.env.get(v), s.env.get(v))) {
                        differing++;
                    }
                }
                if (differing < fewest) {
                    differing += CopyOnWriteMap.differing(other.heap, s.heap, fewest - differing - 1);
                }
                if (differing < fewest) {
                    best = other;
                    fewest = differing;
                    if (fewest <= 1) {
                        break; // none closer but an equal one, which the block would not hold
                    }
                }
            }
            return best;
        }

        private boolean sameLive(State a, State b, Set<String> live) {
            for (String v : live) {
                if (!java.util.Objects.equals(a.env.get(v), b.env.get(v))) {
                    return false;
                }
            }
            return true;
        }

        /** Do two lock states differ only where one of them does not know the held mode? */
        private boolean onlyUnknownsDiffer(Map<Term, Held> a, Map<Term, Held> b) {
            return unknownWhereDifferent(a, b) && unknownWhereDifferent(b, a);
        }

        /**
         * Is each entry of {@code a} in {@code b} alike, or unknown in one of them (in {@code b}
         * possibly because another hold there may be it)?
         */
        private boolean unknownWhereDifferent(Map<Term, Held> a, Map<Term, Held> b) {
            for (Map.Entry<Term, Held> e : a.entrySet()) {
                Held other = b.get(e.getKey());
                if (other == e.getValue() || other == Held.UNKNOWN || e.getValue() == Held.UNKNOWN) {
                    continue;
                }
                if (other == null) {
                    Questions q = asking();
                    if (q != null) {
                        q.mayBeAnother.add(e.getKey());
                    }
                    if (mayBeAnotherHold(e.getKey(), b)) {
                        continue;
                    }
                }
                return false;
            }
            return true;
        }

        /**
         * Joins two states at a full block that share a lock state — two whose waiting callee defects
         * agree if there are such, else any two — so that a state with a lock state of its own can
         * be kept apart; false when every state there has a lock state of its own. The joined state
         * runs in their place (again, if both had run).
         */
        private boolean makeRoom(Function f, int block, List<State> states, Set<Object> seen, List<State> batch,
                Set<String> live) {
            State[] pair = twoAlike(states, x -> java.util.Arrays.asList(x.held, x.pathName, x.pending));
            if (pair == null) {
                pair = twoAlike(states, x -> java.util.Arrays.asList(x.held, x.pathName));
            }
            if (pair == null) {
                return false;
            }
            State covered = pair[1];
            State joined = join(pair[0], covered, f.name() + ":" + block, live, false);
            states.remove(covered);
            batch.removeIf(x -> x == covered);
            substitute(states, seen, batch, pair[0], joined, live);
            return true;
        }

        /** The first two states, in arrival order, with the same {@code key}; null if there are none. */
        private State[] twoAlike(List<State> states, java.util.function.Function<State, Object> key) {
            Map<Object, State> first = new HashMap<>();
            for (State x : states) {
                State other = first.putIfAbsent(key.apply(x), x);
                if (other != null) {
                    return new State[] {other, x};
                }
            }
            return null;
        }

        /** The state whose held modes differ from {@code s}'s in the fewest resources. */
        private State closest(List<State> states, State s) {
            State best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (State other : states) {
                Set<Term> keys = new HashSet<>(other.held.keySet());
                keys.addAll(s.held.keySet());
                int distance = 0;
                for (Term k : keys) {
                    if (other.held.get(k) != s.held.get(k)) {
                        distance++;
                    }
                }
                if (distance < bestDistance) {
                    best = other;
                    bestDistance = distance;
                }
            }
            return best;
        }

        private int distinctHeldMaps(List<State> states) {
            Set<Map<Term, Held>> maps = new HashSet<>();
            states.forEach(x -> maps.add(x.held));
            return maps.size();
        }

        /**
         * One state covering both: values that differ become a widened unknown, and so do the
         * resources named through them (the loop's {@code Queue[i]} becomes {@code Queue[some i]});
         * holds that still differ become UNKNOWN, on which no defect is claimed. At a loop's head
         * ({@code unchangedInLoop} given: which variables the loop never assigns) widening is part of
         * the exploration, but for those variables; anywhere else what it made vaguer is recorded,
         * so a path that depends on it is approximate.
         */
        private State join(State a, State b, String site, Set<String> live, boolean generaliseHeld) {
            return join(a, b, site, live, generaliseHeld, null);
        }

        private State join(State a, State b, String site, Set<String> live, boolean generaliseHeld,
                java.util.function.Predicate<String> unchangedInLoop) {
            boolean loopHead = unchangedInLoop != null;
            joins.increment();
            Questions asked = asking();
            if (asked != null) {
                asked.unknownsTidied = true; // whatever holds the paths have, see withUnknownsTidied
            }
            Map<Term, Term> generalise = new HashMap<>();
            boolean widenedAny = false;
            HashMap<String, Term> env = new HashMap<>();
            List<Bounded> bounded = new ArrayList<>();
            Set<Term> rebound = new HashSet<>();
            for (String v : live) {
                Term x = a.env.get(v);
                Term y = b.env.get(v);
                if (x != null && x.equals(y)) {
                    env.put(v, x);
                } else if (x != null || y != null) {
                    widenedAny = true;
                    Term w = widened(site, v);
                    bounded.add(bounded(w, x, a.facts, y, b.facts, loopHead));
                    addIfRebound(rebound, w, x, y);
                    env.put(v, withCommonFlags(w, x, y));
                    addGeneralisation(generalise, x, w);
                    addGeneralisation(generalise, y, w);
                }
            }
            boolean[] widenedCell = {false};
            Set<Loc> overwritten = new HashSet<>();
            CopyOnWriteMap<Loc, Term> heap = CopyOnWriteMap.combine(a.heap, b.heap, (l, x, y) -> {
                if (x != null && x.equals(y)) {
                    return x;
                }
                // a part one path has where the other wrote the whole object, which the first did
                // not: the object's join makes it any value, and the part with it; kept, the part
                // would be made a vaguer value only where the entry happened to have it
                if ((x == null) != (y == null)
                        && overwrittenWhole(l, x == null ? a.heap : b.heap, x == null ? b.heap : a.heap)) {
                    overwritten.add(l);
                    return x != null ? x : y; // dropped below
                }
                // what one path remembers of a call the other never made stays: for that other
                // path the value is any value, as a call it makes later would give (and a write
                // through a pointer on one path is one on the joined path)
                if ((x == null || y == null) && (isRemembered(l) || l.equals(WRITTEN_THROUGH_POINTER))) {
                    return x != null ? x : y;
                }
                // a part of an object filled with zeros reads as 0 where it was not written since
                if (x == null && y != null && y.equals(zeroIfFilled(l, a.heap))) {
                    return y;
                }
                if (y == null && x != null && x.equals(zeroIfFilled(l, b.heap))) {
                    return x;
                }
                widenedCell[0] = true;
                Term w = widened(site, l.toString());
                bounded.add(bounded(w, x, a.facts, y, b.facts, loopHead));
                addIfRebound(rebound, w, x, y);
                addGeneralisation(generalise, x, w);
                addGeneralisation(generalise, y, w);
                return withCommonFlags(w, x, y);
            });
            widenedAny |= widenedCell[0];
            if (!overwritten.isEmpty()) {
                heap = heap.withoutKeys(overwritten::contains);
            }
            if (!generaliseHeld) {
                generalise.clear(); // lock states agree: their resources keep their names
            }
            java.util.function.UnaryOperator<Term> g = t -> generaliseKey(t, generalise);
            // a resource named through the unknown an earlier pass of this join made is one of
            // that pass's: the unknown now stands for this pass (a slot taken at Index (some
            // iteration) is not the one the next pass takes at Index (some iteration))
            State ha = withEarlierPasses(a, rebound);
            State hb = withEarlierPasses(b, rebound);
            // a resource both paths hold alike keeps its name, even if a loop variable once had a
            // value that occurs in it (Resources[0] held around a loop whose index starts at 0)
            java.util.function.BiFunction<Term, Held, Term> name = (k, v) -> v == ha.held.get(k) && v == hb.held.get(k)
                    ? k : Terms.rewrite(k, g);
            Map<Term, Held> held;
            Map<Term, State.Acquired> at;
            if (ha.held.equals(hb.held)) {
                // the usual join, of paths with one lock state: every resource keeps its name and mode
                held = ha.held.containsValue(Held.UNKNOWN) ? withUnknownsTidied(ha.held) : ha.held;
                at = joinedAcquisitions(ha.acquiredAt, hb.acquiredAt, held);
            } else {
                held = joinedHolds(ha, hb, name);
                HashMap<Term, State.Acquired> renamed = new HashMap<>();
                hb.acquiredAt.forEach((k, v) -> renamed.put(name.apply(k, hb.held.get(k)), v));
                ha.acquiredAt.forEach((k, v) -> renamed.put(name.apply(k, ha.held.get(k)), v));
                renamed.keySet().retainAll(held.keySet()); // names the join folded into one unknown hold are gone
                at = renamed;
            }
            // A join with a path that is real is as real as that path for whatever does not depend
            // on what the join made vaguer (which is recorded below): it keeps that path's trace.
            boolean approximate = generaliseHeld ? a.approximate || b.approximate : a.approximate && b.approximate;
            // callee defects waiting for a caller: none may be lost, but after a join of paths that
            // had different ones, no single path is known to have them all
            List<State.Pending> pending = State.pendingOfBoth(a.pending, b.pending);
            if (!b.pending.equals(a.pending)) {
                approximate = true;
            }
            Trace trace = witness(a, b).trace;
            String pathName = a.pathName != null ? a.pathName : b.pathName;
            Facts common = withBounds(a.facts.intersect(b.facts), bounded);
            if (widenedAny) {
                heap = dropUnreachable(heap, env, held, at, common);
            }
            State joined = new State(CopyOnWriteMap.from(env), heap,
                    CopyOnWriteMap.from(held), common, trace, pathName, null, CopyOnWriteMap.from(at), pending,
                    approximate, a.weakened.plusAll(b.weakened));
            if (loopHead) {
                // a loop's join: widening is part of the exploration, not an approximation — but for
                // a variable the loop never assigns, the paths joined are of different runs of it
                // (a count of slots taken, 0 on one and 1 on the other, before a release loop)
                Set<Term> otherRuns = new HashSet<>();
                env.forEach((v, t) -> {
                    if (unchangedInLoop.test(v)) {
                        addWidened(t, site, otherRuns);
                    }
                });
                return otherRuns.isEmpty() ? joined : weaken(joined, otherRuns);
            }
            Set<Term> vaguer = new HashSet<>();
            env.values().forEach(t -> addWidened(t, site, vaguer));
            heap.values().forEach(t -> addWidened(t, site, vaguer));
            return weaken(joined, vaguer, a.facts.forgottenIn(common), b.facts.forgottenIn(common));
        }

        /**
         * Whether {@code cell}, which {@code having} has and {@code lacking} has not, is part of an
         * object {@code lacking} wrote as a whole and {@code having} has no value for, at any level.
         */
        private static boolean overwrittenWhole(Loc cell, CopyOnWriteMap<Loc, Term> lacking,
                CopyOnWriteMap<Loc, Term> having) {
            boolean written = false;
            for (Loc whole = Loc.enclosing(cell); whole != null; whole = Loc.enclosing(whole)) {
                if (having.containsKey(whole)) {
                    return false;
                }
                written |= lacking.containsKey(whole);
            }
            return written;
        }

        /**
         * Zero, when a cell {@code heap} has no value for is part of an object filled with zeros
         * and not written since (as {@link #read} finds it); else null.
         */
        private static Term zeroIfFilled(Loc cell, CopyOnWriteMap<Loc, Term> heap) {
            for (Loc whole = Loc.enclosing(cell); whole != null; whole = Loc.enclosing(whole)) {
                Term value = heap.get(whole);
                if (value != null) {
                    return value == ZERO_FILLED ? new Term.Num(0) : null;
                }
            }
            return null;
        }

        private Map<Term, Held> joinedHolds(State a, State b, java.util.function.BiFunction<Term, Held, Term> name) {
            Map<Term, Held> heldA = new HashMap<>();
            a.held.forEach((k, v) -> heldA.merge(name.apply(k, v), v, (p, q) -> p == q ? p : Held.UNKNOWN));
            Map<Term, Held> heldB = new HashMap<>();
            b.held.forEach((k, v) -> heldB.merge(name.apply(k, v), v, (p, q) -> p == q ? p : Held.UNKNOWN));
            HashMap<Term, Held> held = new HashMap<>();
            Set<Term> resources = new HashSet<>(heldA.keySet());
            resources.addAll(heldB.keySet());
            for (Term r : resources) {
                Held x = heldA.get(r);
                Held y = heldB.get(r);
                Held mode = x == y ? x : Held.UNKNOWN;
                held.merge(holdName(r, mode), mode, (p, q) -> p == q ? p : Held.UNKNOWN);
            }
            held.keySet().removeAll(coveredUnknowns(held, asking()));
            return held;
        }

        /** Unknown holds named through loop values: one entry per shape, however many joins made them. */
        private static Term holdName(Term resource, Held mode) {
            return mode == Held.UNKNOWN && Terms.containsWidened(resource) ? Terms.anyValueFor(resource, SOME_VALUE)
                    : resource;
        }

        /**
         * One lock state's holds as a join leaves them: an unknown hold named through loop values
         * under one name per shape, and none another unknown hold covers (as {@link #joinedHolds}).
         */
        private Map<Term, Held> withUnknownsTidied(Map<Term, Held> held) {
            Map<Term, Held> named = new HashMap<>();
            boolean renamed = false;
            for (Map.Entry<Term, Held> e : held.entrySet()) {
                Term key = holdName(e.getKey(), e.getValue());
                renamed |= !key.equals(e.getKey());
                named.merge(key, e.getValue(), (p, q) -> p == q ? p : Held.UNKNOWN);
            }
            Map<Term, Held> out = renamed ? named : held;
            List<Term> covered = coveredUnknowns(out, asking());
            if (!covered.isEmpty()) {
                out = new HashMap<>(out);
                out.keySet().removeAll(covered);
            }
            return out;
        }

        /** Where the held resources were acquired, after a join that kept every name: the first path's sites win. */
        private static Map<Term, State.Acquired> joinedAcquisitions(CopyOnWriteMap<Term, State.Acquired> a,
                CopyOnWriteMap<Term, State.Acquired> b, Map<Term, Held> held) {
            if (a.equals(b) && held.keySet().containsAll(a.keySet())) {
                return a;
            }
            HashMap<Term, State.Acquired> at = new HashMap<>(b);
            at.putAll(a);
            at.keySet().retainAll(held.keySet());
            return at;
        }

        /**
         * A join's unknown value keeping the flag bits both values have set: after
         * {@code SetFlag(Flags, WAIT)} on every path, and other bits set on some, the joined
         * {@code Flags} still has WAIT, and {@code FlagOn(Flags, WAIT)} stays decided.
         */
        private static Term withCommonFlags(Term widened, Term x, Term y) {
            long common = x == null || y == null ? 0 : Terms.bitsSet(x) & Terms.bitsSet(y);
            return common == 0 ? widened : new Term.Op("|", widened, new Term.Num(common));
        }

        /** Notes {@code w} when a joined value is made of it: an earlier pass of the join made it. */
        private static void addIfRebound(Set<Term> rebound, Term w, Term x, Term y) {
            if (x != null && Terms.mentions(x, w::equals) || y != null && Terms.mentions(y, w::equals)) {
                rebound.add(w);
            }
        }

        /**
         * {@code s} with the holds named through an unknown in {@code rebound} named through its
         * earlier pass instead ({@code Slots[Index (an earlier iteration)]}): like the unknown, a
         * value any iteration's may be, so a release through the loop's index may be of it.
         */
        private static State withEarlierPasses(State s, Set<Term> rebound) {
            if (rebound.isEmpty() || s.held.keySet().stream().noneMatch(k -> Terms.mentions(k, rebound::contains))) {
                return s;
            }
            java.util.function.UnaryOperator<Term> earlier = t -> rebound.contains(t) && t instanceof Term.Sym w
                    ? new Term.Sym(w.id() + ":earlier", w.display().replace("(some iteration)", "(an earlier iteration)"), true)
                    : t;
            Map<Term, Held> held = new HashMap<>();
            s.held.forEach((k, v) -> held.merge(Terms.rewrite(k, earlier), v, (p, q) -> p == q ? p : Held.UNKNOWN));
            Map<Term, State.Acquired> at = new HashMap<>();
            s.acquiredAt.forEach((k, v) -> at.putIfAbsent(Terms.rewrite(k, earlier), v));
            return s.withHolds(held, at);
        }

        /** A join's unknown with the least and greatest value it may have (unbounded: a long's limits). */
        private record Bounded(Term unknown, long least, long greatest) {
        }

        /**
         * The bounds of the unknown {@code w} a join makes of {@code x} (with the facts {@code fx},
         * of the state already there) and {@code y}: the least and greatest value either may have.
         * At a loop's head a bound that moved past the first state's is the next iteration's too:
         * it is widened to 0 if that is still beyond it, else dropped, so iterations reach a
         * fixpoint (a count up from 0 keeps "at least 0", one that grew past 2 keeps "at least 2").
         */
        private static Bounded bounded(Term w, Term x, Facts fx, Term y, Facts fy, boolean loopHead) {
            if (x == null || y == null || !(x instanceof Term.Num || fx.ordered()) || !(y instanceof Term.Num || fy.ordered())) {
                return new Bounded(w, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            long[] rx = fx.range(x);
            long[] ry = fy.range(y);
            long least = Math.min(rx[0], ry[0]);
            long greatest = Math.max(rx[1], ry[1]);
            if (loopHead && least < rx[0]) {
                least = least >= 0 ? 0 : Long.MIN_VALUE;
            }
            if (loopHead && greatest > rx[1]) {
                greatest = greatest <= 0 ? 0 : Long.MAX_VALUE;
            }
            return least > greatest ? new Bounded(w, Long.MIN_VALUE, Long.MAX_VALUE) : new Bounded(w, least, greatest);
        }

        /**
         * The joined facts with what they said of each unknown the join made (an unknown of the
         * same site and name an earlier pass made, about a value of another iteration) replaced by
         * its bounds.
         */
        private static Facts withBounds(Facts common, List<Bounded> bounded) {
            Facts f = common;
            for (Bounded b : bounded) {
                Term w = b.unknown();
                if (f.freshSymbols().contains(w)) {
                    f = f.without(t -> Terms.mentions(t, w::equals));
                }
                // facts that say nothing else of w cannot contradict its bounds; were they to, w is
                // left unbounded (knowing less is sound)
                Facts narrowed = f;
                if (b.least() != Long.MIN_VALUE && narrowed != null) {
                    narrowed = narrowed.assume(Terms.fold("<=", new Term.Num(b.least()), w), true);
                }
                if (b.greatest() != Long.MAX_VALUE && narrowed != null) {
                    narrowed = narrowed.assume(Terms.fold("<=", w, new Term.Num(b.greatest())), true);
                }
                f = narrowed != null ? narrowed : f;
            }
            return f;
        }

        /**
         * The unknown the join at {@code site} made of a joined value, if it did (now or on an earlier
         * pass): the value itself, or the one its common flags are set on. Unknowns both paths had
         * from elsewhere (a loop's widening, the caller's memory) are not made vaguer here; were
         * they counted, a callee's ways out would depend on memory it never reads.
         */
        private static void addWidened(Term t, String site, Set<Term> out) {
            Term w = t instanceof Term.Op op && op.op().equals("|") && op.right() instanceof Term.Num ? op.left() : t;
            if (w instanceof Term.Sym s && s.id().startsWith("widened:" + site + ":")) {
                out.add(w);
            }
        }

        /**
         * Forgets memory nothing can reach any more: cells of an object only a value the join
         * widened pointed to (one created on one of the paths, say). Keeping them would only make
         * states, and the contexts callees are summarised in, differ.
         */
        private CopyOnWriteMap<Loc, Term> dropUnreachable(CopyOnWriteMap<Loc, Term> heap, Map<String, Term> env,
                Map<Term, Held> held, Map<Term, State.Acquired> at, Facts facts) {
            Set<Term> inCells = new HashSet<>();
            heap.keySet().forEach(l -> Terms.collectFresh(l, inCells));
            // each fresh value a cell hangs off is looked for in the state (a quick test of bits
            // first), rather than every fresh value of the state collected: cells are few
            Set<Term> unreachable = new HashSet<>();
            for (Term sym : inCells) {
                if (!pinned.contains(sym) && !anyMentions(env.values(), sym) && !anyMentions(heap.values(), sym)
                        && !anyMentions(held.keySet(), sym) && !anyMentions(at.keySet(), sym)
                        && !facts.freshSymbols().contains(sym)) {
                    unreachable.add(sym);
                }
            }
            return unreachable.isEmpty() ? heap : heap.withoutKeys(l -> Terms.mentions(l, unreachable::contains));
        }

        private static boolean anyMentions(java.util.Collection<Term> terms, Term sym) {
            for (Term t : terms) {
                if (Terms.mentionsFresh(t, sym)) {
                    return true;
                }
            }
            return false;
        }

        /** Of two states being joined, the one whose trace the join keeps: a real path, the shorter. */
        private State witness(State a, State b) {
            if (a.approximate != b.approximate) {
                return a.approximate ? b : a;
            }
            return a.trace.length() <= b.trace.length() ? a : b;
        }

        @SafeVarargs
        private State weaken(State st, java.util.Collection<Term>... more) {
            Set<Term> added = new HashSet<>();
            for (java.util.Collection<Term> c : more) {
                for (Term t : c) {
                    if (!st.weakened.contains(t)) {
                        added.add(t);
                    }
                }
            }
            return added.isEmpty() ? st : new State(st.env, st.heap, st.held, st.facts, st.trace, st.pathName,
                    st.returned, st.acquiredAt, st.pending, st.approximate, st.weakened.plusAll(added));
        }

        /** Does {@code t} depend on a value a join (here or in a caller) made vaguer? */
        private boolean weakenedIn(Term t, State st) {
            return st.dependsOnWeakened(t) || !inherited.isEmpty() && Terms.mentions(t, inherited::contains);
        }

        /**
         * A held resource's name with loop-varying values replaced by their widened unknown.
         * Constants are replaced only where they index an array ({@code Queue[2]}); elsewhere a
         * constant is part of the address's shape ({@code CONTAINING_RECORD}'s {@code &((T *)0)->F}).
         */
        private Term generaliseKey(Term key, Map<Term, Term> generalise) {
            Term rewritten = Terms.rewrite(key, t -> t instanceof Term.Num ? t : generalise.getOrDefault(t, t));
            return Terms.rewriteIndices(rewritten, t -> generalise.getOrDefault(t, t));
        }

        private void addGeneralisation(Map<Term, Term> generalise, Term value, Term widened) {
            if (value != null && !(value instanceof Term.Sym s && !s.fresh()) && !(value instanceof Term.Addr)
                    && !(value instanceof Term.Fn)) {
                generalise.putIfAbsent(value, widened);
            }
        }

        private Term widened(String site, String what) {
            return new Term.Sym("widened:" + site + ":" + what, what + " (some iteration)", true);
        }

        private void branch(Function f, FunctionFacts ff, int block, Terminator.Branch br, State st0, String frame,
                Work work) {
            collecting = true;
            Term evaluated = eval(br.condition(), st0, frame, ff);
            State st = notNull(st0);
            if (st == null) {
                return;
            }
            Term cond = st.facts.simplify(evaluated);
            Facts.Truth truth = st.facts.decide(cond);
            for (boolean side : new boolean[] {true, false}) {
                if (truth != Facts.Truth.UNKNOWN && (truth == Facts.Truth.TRUE) != side) {
                    continue;
                }
                Facts facts = truth == Facts.Truth.UNKNOWN ? st.facts.assume(cond, side) : st.facts;
                if (facts == null || truth == Facts.Truth.UNKNOWN && namesAHoldThroughNull(st.held, facts)) {
                    continue; // infeasible
                }
                if (truth == Facts.Truth.UNKNOWN) {
                    askedMadeNull(st.facts, facts);
                }
                State next = st.withFacts(facts);
                if (truth == Facts.Truth.UNKNOWN && st.dependsOnWeakened(cond)) {
                    next = next.approximated(); // this side may hold on none of the paths joined
                }
                if (!(br.condition() instanceof Expr.Const)) {
                    next = next.then(ff.branchStep(f, block, side));
                }
                if (side && next.pathName == null && br.condition() instanceof Expr.Binary bin
                        && bin.op().equals("==") && bin.right() instanceof Expr.Const k) {
                    String name = routine.pathNames().get(k.text());
                    if (name != null && routine.function() == f) {
                        next = next.withPathName(name);
                    }
                }
                work.add(side ? br.whenTrue() : br.whenFalse(), next);
            }
        }

        /**
         * Do the facts make NULL a pointer that a resource held on this path is named through? It
         * was not NULL when the resource was acquired (see {@code event}), and a name's pointer is
         * a value, not a variable: such a path does not exist. A summary that drops a path so
         * depends on that hold (a caller's, perhaps): it is a question it asked.
         */
        private boolean namesAHoldThroughNull(Map<Term, Held> held, Facts facts) {
            for (Map.Entry<Term, Held> e : held.entrySet()) {
                if (e.getValue() == Held.UNKNOWN) {
                    continue;
                }
                for (Term pointer : pointersNaming(e.getKey())) {
                    if (facts.decide(new Term.Op("==", pointer, new Term.Num(0))) == Facts.Truth.TRUE) {
                        ask(e.getKey());
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Notes, for the summary being computed, the values a test made 0 that the path's facts did
         * not before ({@code before} to {@code after}): the path was kept as no hold is named
         * through one, which a caller's holds could change.
         */
        private void askedMadeNull(Facts before, Facts after) {
            Questions q = asking();
            if (q != null) {
                for (Term t : after.zeroTerms()) {
                    if (before.decide(new Term.Op("==", t, new Term.Num(0))) != Facts.Truth.TRUE) {
                        Questions.addIfAboutEntry(q.madeNull, t);
                    }
                }
            }
        }

        /**
         * The pointers a resource's name goes through: {@code Vcb} in {@code &Vcb->Resource}; the
         * resource pointer itself and {@code Fcb} in {@code Fcb->Header.Resource} (a
         * {@code PERESOURCE} field). A join's "some value" names no pointer of its own.
         */
        private static List<Term> pointersNaming(Term resource) {
            List<Term> out = new ArrayList<>(2);
            Loc cell = null;
            if (resource instanceof Term.Addr a) {
                cell = a.loc();
            } else {
                out.add(resource);
                if (resource instanceof Term.Load ld) {
                    cell = ld.loc();
                }
            }
            Term through = cell == null ? null : Loc.pointerThrough(cell);
            if (through != null) {
                out.add(through);
            }
            out.removeIf(SOME_VALUE::equals);
            return out;
        }

        // ------------------------------------------------------------ statements

        private List<State> execStmt(Function f, Stmt s, State st, String frame, int depth) {
            FunctionFacts ff = factsOf(f);
            if (s instanceof Stmt.Assign a) {
                collecting = true;
                Term value = eval(a.value(), st, frame, ff);
                Loc target = lvalue(a.target(), st, frame, ff);
                State after = notNull(st);
                if (after == null) {
                    return List.of();
                }
                if (!rememberedReaders.isEmpty() && mayWriteLink(a.target()) && throughUnnamedPointer(target)) {
                    after = forgetAllRemembered(after);
                }
                return List.of(write(target, value, after, frame, ff));
            }
            Stmt.Call c = (Stmt.Call) s;
            List<Term> args = new ArrayList<>();
            collecting = true;
            for (Expr arg : c.args()) {
                args.add(st.facts.simplify(eval(arg, st, frame, ff)));
            }
            State checked = notNull(st);
            if (checked == null) {
                return List.of();
            }
            st = checked;
            String name = c.calleeName();
            if (name == null) {
                Term target = eval(c.callee(), st, frame, ff);
                if (target instanceof Term.Fn fn) {
                    name = fn.name();
                }
            }
            if (name != null && model.doesNotReturn(name)) {
                // a raise: the exception goes where the call raises to, running the finally bodies it
                // leaves, and out to the caller's handler with what is held here; a bug check, or a
                // helper that only bug checks, ends the path
                if (isRaise(name, f.loc().file())) {
                    raise(c, st.then(new Step(Step.Kind.EXCEPTION, c.loc(), f.name(), "calls " + name
                            + ", which raises an exception", null, null)));
                }
                return List.of();
            }
            if (name != null && events.containsKey(name)) {
                return event(f, c, events.get(name), args, st, frame, ff);
            }
            if (name != null && currentOwner.contains(name)) {
                return List.of(setResult(c, CURRENT_OWNER, st, frame, ff));
            }
            List<Function> targets = new ArrayList<>();
            if (name != null) {
                Function g = model.resolve(name, f.loc().file());
                if (g != null && relevant.contains(g.name())) {
                    targets.add(g);
                }
            } else {
                for (String candidate : pointerTargets(c.callee())) {
                    Function g = model.resolve(candidate, f.loc().file());
                    if (g != null && relevant.contains(g.name())) {
                        targets.add(g);
                    }
                }
            }
            targets.removeIf(g -> onCallStack(g.name()));
            if (!targets.isEmpty() && depth >= MAX_CALL_DEPTH) {
                approximated("calls nested more than " + MAX_CALL_DEPTH + " deep at " + c.loc().file() + ":"
                        + c.loc().line() + "; " + targets.get(0).name() + " was not followed");
                return List.of(unknownCall(c, args, st, frame, ff).approximated());
            }
            org.opensdv.driver.DriverModel.Fill fill = name == null ? null : model.memoryFill(name);
            if (targets.isEmpty() && fill != null && fill.destination() < args.size()) {
                return List.of(filled(c, fill, args, st, frame, ff));
            }
            if (targets.isEmpty()) {
                // a function not followed that may raise: the exception leaves it holding what is
                // held here, and goes where this call raises to
                String raiser = name != null ? (mayRaise.contains(name) ? name : null)
                        : pointerTargets(c.callee()).stream().filter(mayRaise::contains).findFirst().orElse(null);
                if (raiser != null) {
                    raise(c, st.then(new Step(Step.Kind.EXCEPTION, c.loc(), f.name(), raiser
                            + " may raise an exception", null, null)));
                }
                State before = st;
                if (!rememberedReaders.isEmpty()) {
                    for (String callee : name != null ? Set.of(name) : pointerTargets(c.callee())) {
                        Function g = model.resolve(callee, f.loc().file());
                        if (g != null) { // a function not followed writes what a remembered value read
                            for (String written : rememberedWrites.of(g)) {
                                before = forgetRemembered(written, before);
                            }
                            before = forgetWrittenThrough(pointerWrites(g), args, before);
                        }
                    }
                    before = givenAway(args, before);
                }
                return List.of(unknownCall(c, args, before, frame, ff));
            }
            List<State> out = new ArrayList<>();
            for (Function g : targets) {
                out.addAll(call(f, c, g, args, st, frame, depth, ff));
            }
            return out;
        }

        /**
         * An analysed call. The callee is summarised independently of the caller's path condition:
         * it runs from its arguments, the held modes and memory with no facts, and the summary is
         * memoised on exactly that. Each exit then continues here if its facts are compatible with
         * the caller's; defects the callee found on that exit are confirmed at the same moment.
         */
        private List<State> call(Function caller, Stmt.Call c, Function callee, List<Term> args, State st,
                String frame, int depth, FunctionFacts ff) {
            Step callStep = new Step(Step.Kind.CALL, c.loc(), caller.name(), "calls " + callee.name(), null, null);
            if (guide != null && !guide.allowsCall(callStep, reachesEvents.contains(callee.name()), st.trace)) {
                return List.of(); // a replay keeps to its witness
            }
            if (args.size() > callee.parameters().size()) {
                // a variadic function's other arguments reach it only through va_arg, whose value is
                // unknown: they are not part of its context (a log helper's, each call site's)
                args = args.subList(0, callee.parameters().size());
            }
            // The summary is computed over the caller's fresh values (and string literals) renamed in
            // order of appearance, so calls that differ only in which fresh values they pass (a loop's
            // iterations, another call site, another message) share it; its exits are renamed back
            // for each caller.
            Renaming names = new Renaming();
            List<Term> argsIn = new ArrayList<>();
            args.forEach(a -> argsIn.add(names.in(a)));
            List<Object> shapes = names.shapes(); // of the arguments: the rest is not in the key
            Map<String, Term> calleeEnv = new HashMap<>();
            List<Expr.Var> params = callee.parameters();
            for (int i = 0; i < params.size(); i++) {
                Term v = i < argsIn.size() ? argsIn.get(i)
                        : new Term.Sym("missing-arg:" + callee.name() + ":" + i, params.get(i).name(), false);
                calleeEnv.put(params.get(i).name(), v);
            }
            String calleeFrame = frameId(callee);
            FunctionFacts calleeFacts = factsOf(callee);
            Set<String> reads = namesRead.of(callee);
            if (!rememberedReaders.isEmpty() && !pointerWrites(callee).parameters().isEmpty()) {
                // what it writes through the addresses passed, it may make stale
                Set<String> passed = passedByAddress(args);
                if (!reads.containsAll(passed)) {
                    passed.addAll(reads);
                    reads = passed;
                }
            }
            List<Map.Entry<Loc, Term>> seen = inTextOrder(reachable(st.heap, args, reads));
            Map<Loc, Term> visible = new HashMap<>();
            for (Map.Entry<Loc, Term> e : seen) {
                Loc cell = names.in(e.getKey());
                visible.put(cell, names.in(e.getValue(), cell.toString()));
            }
            for (Expr.Var p : params) {
                if (calleeFacts.addressTaken.contains(p.name())) {
                    visible.put(new Loc.Var(calleeFrame, p.name()), calleeEnv.get(p.name()));
                }
            }
            final CopyOnWriteMap<Loc, Term> entryHeap = CopyOnWriteMap.from(visible);
            Map<Term, Held> heldIn = new HashMap<>();
            st.held.forEach((k, v) -> heldIn.put(names.in(k), v));
            Map<Term, State.Acquired> acquiredIn = new HashMap<>();
            st.acquiredAt.forEach((k, v) -> acquiredIn.put(names.in(k), v));
            // what callers' joins made vaguer among the arguments (in the key) and the memory (checked)
            Set<Term> passedArgs = new HashSet<>();
            Set<Term> passedIn = new HashSet<>();
            if (!st.weakened.isEmpty() || !inherited.isEmpty()) {
                java.util.function.Predicate<Term> vague = x -> st.weakened.contains(x) || inherited.contains(x);
                args.forEach(a -> collectRenamed(a, vague, names, passedArgs));
                passedIn.addAll(passedArgs);
                seen.forEach(e -> collectRenamed(e.getValue(), vague, names, passedIn));
            }
            // The memory, the held resources and the call stack are not part of the key: a summary is
            // reused in any context that answers every question its computation asked alike (see
            // Context). Where the call-depth limit may change the summary, the depth is in the key.
            Object depthKey = depth + callHeight(callee) < MAX_CALL_DEPTH ? "any" : depth;
            // the callee's file too: two files' static functions may share a name
            List<Object> memoKey = List.of(callee.name(), callee.loc().file(), argsIn, depthKey,
                    java.util.Objects.toString(st.pathName), passedArgs, shapes, summaryBudget(callee));
            List<Context> variants = guide != null ? new ArrayList<>() // a replay's summaries are its own
                    : summaries.computeIfAbsent(memoKey, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
            Context context = null;
            for (Context v : variants) {
                if (v.fits(visible, passedIn, heldIn, acquiredIn, callStack)) {
                    context = v;
                    break;
                }
            }
            java.util.function.Supplier<Context> computation = () -> {
                State entry = new State(calleeEnv, entryHeap, heldIn, Facts.EMPTY, Trace.start(callStep),
                        st.pathName, null, acquiredIn);
                List<Summary> ways = new ArrayList<>();
                Set<Term> given = new HashSet<>();
                argsIn.forEach(a -> Terms.collectFresh(a, given));
                entryHeap.values().forEach(v -> Terms.collectFresh(v, given));
                heldIn.keySet().forEach(k -> Terms.collectFresh(k, given));
                Set<Term> savedInherited = inherited;
                inherited = passedIn;
                List<State> calleeExits;
                Computing made = new Computing(callStack.size());
                computing.push(made);
                callSteps.add(callStep);
                try {
                    calleeExits = exec(callee, entry, calleeFrame, depth + 1);
                } finally {
                    callSteps.remove(callSteps.size() - 1);
                    inherited = savedInherited;
                    computing.pop();
                }
                for (State exit : calleeExits) {
                    ways.add(summaryOf(exit, entryHeap, calleeFrame, given));
                }
                return new Context(visible, passedIn, heldIn, acquiredIn, made.asked, ways,
                        made.steps, made.approximation, List.copyOf(made.used));
            };
            List<Summary> exits;
            if (context != null) {
                summariesReused.increment();
                exits = context.reuse(heldIn, acquiredIn);
                if (reuseMismatches != null) {
                    audit(callee, context, exits, computation);
                }
                askedAbout(context.questions(), names);
                use(context);
            } else {
                summariesComputed.increment();
                Context computed = computation.get();
                exits = computed.exits();
                variants.add(computed);
                if (stored.incrementAndGet() % 512 == 0) {
                    forgetSummariesIfMemoryIsShort();
                }
                askedAbout(computed.questions(), names);
                charged.add(computed);
                Computing outer = computing.peek();
                if (outer != null) {
                    outer.used.add(computed);
                }
            }
            return resume(caller, c, callee, callStep, st, exits, names, frame, ff);
        }

        /**
         * The cells in the order of their text, each shown once (not at every comparison: a deep
         * cell's text is built through all its parts, and sorting a large context did that
         * thousands of times).
         */
        private static List<Map.Entry<Loc, Term>> inTextOrder(List<Map.Entry<Loc, Term>> cells) {
            List<Map.Entry<String, Map.Entry<Loc, Term>>> shown = new ArrayList<>(cells.size());
            for (Map.Entry<Loc, Term> e : cells) {
                shown.add(Map.entry(e.getKey().toString(), e));
            }
            shown.sort(Map.Entry.comparingByKey());
            List<Map.Entry<Loc, Term>> out = new ArrayList<>(cells.size());
            shown.forEach(e -> out.add(e.getValue()));
            return out;
        }

        /**
         * One way out of a callee as its summary keeps it: the exit without the callee's frame, the
         * memory it wrote (relative to {@code entryHeap}) and the fresh values it created (those not
         * {@code given} to it); what joins made vaguer inside it is kept only where a caller can see it.
         */
        private Summary summaryOf(State exit, Map<Loc, Term> entryHeap, String calleeFrame, Set<Term> given) {
            Map<Loc, Term> writes = new HashMap<>();
            exit.heap.forEach((l, v) -> {
                if (!isFrameLoc(l, calleeFrame) && !v.equals(entryHeap.get(l))) {
                    writes.put(l, v);
                }
            });
            Set<Term> created = new HashSet<>();
            writes.values().forEach(v -> Terms.collectFresh(v, created));
            exit.facts.forEachTerm(t -> Terms.collectFresh(t, created));
            exit.held.keySet().forEach(k -> Terms.collectFresh(k, created));
            if (exit.returned != null) {
                Terms.collectFresh(exit.returned, created);
            }
            created.removeAll(given);
            Set<Term> callerSees = new HashSet<>(given);
            callerSees.addAll(created);
            writes.keySet().forEach(l -> Terms.collectFresh(new Term.Load(l), callerSees));
            State out = exit.withoutFrame().keepingWeakened(t -> !Terms.mentions(t,
                    x -> x instanceof Term.Sym y && y.fresh() && !callerSees.contains(x)));
            return new Summary(out, writes, created);
        }

        /**
         * The caller after the call, one state per way out of the callee ({@code exits}, in the
         * callee's names) that does not contradict what the caller's path knows: the callee's writes,
         * holds and facts, its waiting defects confirmed, its result stored.
         */
        private List<State> resume(Function caller, Stmt.Call c, Function callee, Step callStep, State st,
                List<Summary> exits, Renaming names, String frame, FunctionFacts ff) {
            Trace atCall = st.trace;
            List<State> out = new ArrayList<>();
            Set<Term> present = null; // the fresh values the caller's state holds, found once per call
            for (Summary renamed : exits) {
                checkTime(); // a callee with many ways out, each renamed into a large state, takes seconds
                Summary summary = shownAsCall(names.back(renamed), callee);
                State exit = summary.exit();
                State here = st;
                if (!summary.created().isEmpty() && present == null) {
                    Set<Term> inCaller = st.freshSymbols(st.env.values());
                    st.facts.forEachTerm(t -> Terms.collectFresh(t, inCaller));
                    present = inCaller;
                }
                List<Term> again = new ArrayList<>(); // an earlier application's values of the same names
                for (Term made : summary.created()) {
                    if (present.contains(made)) {
                        again.add(made);
                    }
                }
                if (!again.isEmpty()) {
                    here = retire(here, again, summary.created(), present::contains);
                }
                Facts facts = here.facts.and(exit.facts);
                if (facts == null) {
                    continue; // this way through the callee contradicts what the caller's path knows
                }
                CopyOnWriteMap<Loc, Term> back = State.withoutPartsOf(here.heap, summary.writes().keySet())
                        .plusAll(summary.writes());
                // of ways out merged into this one, the trace shows one this path can have taken
                Facts known = here.facts;
                Trace trace = Trace.rebase(atCall, callStep,
                        exit.trace.shownWhere(f -> f == null || known.and(names.out(f)) != null));
                if (exit.returned == RAISED_AS_ENTERED) {
                    raise(c, here.withFacts(facts).then(new Step(Step.Kind.EXCEPTION, c.loc(), caller.name(),
                            callee.name() + " may raise an exception", null, null)));
                    continue;
                }
                Step ret = exit.returned == RAISED
                        ? new Step(Step.Kind.EXCEPTION, c.loc(), caller.name(), "the exception raised in "
                                + callee.name() + " leaves it", null, null)
                        : new Step(Step.Kind.RETURN, c.loc(), caller.name(), callee.name() + " returns"
                                + (exit.returned == null ? "" : " " + exit.returned), null, null);
                // the callee's way out may contradict every path the caller joined
                boolean vague = !here.weakened.isEmpty()
                        && exit.facts.anyTerm(here::dependsOnWeakened);
                State resumed = new State(here.env, back, exit.held, facts, trace.then(ret), exit.pathName, null,
                        exit.acquiredAt, here.pending, here.approximate || exit.approximate || vague,
                        here.weakened.plusAll(exit.weakened));
                if (summary.writes().containsKey(WRITTEN_THROUGH_POINTER)) {
                    resumed = forgetAllRemembered(resumed); // the callee wrote through a pointer it could not name
                }
                for (State.Pending p : exit.pending) {
                    // as real as the caller's path to the call and the callee's to the defect: what the
                    // callee did after it (joins in a loop that follows, say) does not matter
                    resumed = violation(resumed, p.spec(), p.loc(), p.function(), p.shown(), p.violation(),
                            p.related(), Trace.rebase(atCall, callStep, p.trace()), here.approximate || p.approximate() || vague);
                }
                if (exit.returned == RAISED) {
                    raise(c, resumed);
                    continue;
                }
                Term result = exit.returned;
                if (result == null) {
                    result = returnedBy(callee.name(), c);
                    resumed = retire(resumed, result);
                }
                out.add(setResult(c, result, resumed, frame, ff));
            }
            return out;
        }

        /**
         * A new object a callee returns (a constructor's) is shown as the call's result,
         * {@code CreateContext(...)}, rather than as the allocation inside it.
         */
        private static Summary shownAsCall(Summary s, Function callee) {
            if (!(s.exit().returned instanceof Term.Sym made) || !s.created().contains(made)) {
                return s;
            }
            Term shown = new Term.Sym(made.id(), callee.name() + "(...)", true);
            java.util.function.UnaryOperator<Term> f = t -> t.equals(made) ? shown : t;
            Map<Loc, Term> writes = new HashMap<>();
            s.writes().forEach((l, v) -> writes.put(Terms.rewrite(l, f), Terms.rewrite(v, f)));
            Set<Term> created = new HashSet<>(s.created());
            created.remove(made);
            created.add(shown);
            return new Summary(s.exit().rename(f), writes, created);
        }

        /**
         * The memory a callee can read: cells in globals, in the caller's locals, or reached from
         * its arguments through pointers (transitively), under names the callee mentions (unnamed
         * cells whatever their name). Objects the callee has no pointer to — an earlier loop
         * iteration's, another call's result — are left out, so they do not tell calls apart.
         */
        private List<Map.Entry<Loc, Term>> reachable(CopyOnWriteMap<Loc, Term> heap, List<Term> args,
                Set<String> reads) {
            Set<Term> known = new HashSet<>();
            java.util.function.Predicate<Term> collect = x -> {
                if (x instanceof Term.Sym || x instanceof Term.Load) {
                    known.add(x);
                }
                return false;
            };
            args.forEach(a -> Terms.mentions(a, collect));
            List<Map.Entry<Loc, Term>> pending = new ArrayList<>();
            List<Map.Entry<Loc, Term>> out = new ArrayList<>();
            heap.forEach((l, v) -> {
                String n = nameOf(l);
                if (n == null || visibleTo(n, reads)) {
                    pending.add(Map.entry(l, v));
                }
            });
            boolean grew = true;
            while (grew) {
                grew = false;
                for (java.util.Iterator<Map.Entry<Loc, Term>> it = pending.iterator(); it.hasNext();) {
                    Map.Entry<Loc, Term> e = it.next();
                    if (Loc.root(e.getKey()) != null || pointersKnown(e.getKey(), known)) {
                        it.remove();
                        out.add(e);
                        Terms.mentions(e.getValue(), collect);
                        known.add(new Term.Load(e.getKey()));
                        grew = true;
                    }
                }
            }
            return out;
        }

        /**
         * Whether memory named {@code n} can matter to a callee whose functions mention {@code reads}:
         * a remembered function's memory cell does when they mention a name that function reads (they
         * may write it, and the remembered values no longer hold).
         */
        private boolean visibleTo(String n, Set<String> reads) {
            if (reads.contains(n)) {
                return true;
            }
            for (String read : readByRemembered.getOrDefault(n, Set.of())) {
                if (reads.contains(read)) {
                    return true;
                }
            }
            return false;
        }

        /** Are the values this location is addressed through all reachable? */
        private boolean pointersKnown(Loc l, Set<Term> known) {
            boolean[] all = {true};
            Terms.mentions(new Term.Load(l), x -> {
                if (x instanceof Term.Sym && !known.contains(x) && !Terms.isWidened(x)) {
                    all[0] = false;
                }
                return false;
            });
            return all[0];
        }

        private static void collectRenamed(Term t, java.util.function.Predicate<Term> which, Renaming names,
                Set<Term> out) {
            Terms.mentions(t, x -> {
                if (which.test(x)) {
                    out.add(names.in(x));
                }
                return false;
            });
        }

        /**
         * Computes again a summary about to be reused ({@link #auditingReuse}) and notes where it
         * differs from {@code exits}, the reused ways out. The computation leaves this run's
         * budget, approximation and charges as they were.
         */
        private void audit(Function callee, Context reused, List<Summary> exits,
                java.util.function.Supplier<Context> computation) {
            long savedSteps = steps;
            String savedApproximation = approximation;
            List<String> savedComputing = new ArrayList<>();
            computing.forEach(c -> savedComputing.add(c.approximation));
            List<Context> savedCharged = new ArrayList<>(charged);
            Context fresh;
            try {
                fresh = computation.get();
            } finally {
                steps = savedSteps;
                approximation = savedApproximation;
                java.util.Iterator<String> it = savedComputing.iterator();
                computing.forEach(c -> c.approximation = it.next());
                charged.clear();
                charged.addAll(savedCharged);
            }
            List<List<Object>> reusedWays = compared(exits);
            List<List<Object>> freshWays = compared(fresh.exits());
            List<String> differences = new ArrayList<>();
            if (reused.steps() != fresh.steps()) {
                differences.add("steps " + reused.steps() + " reused, " + fresh.steps() + " fresh");
            }
            if (!java.util.Objects.equals(reused.approximation(), fresh.approximation())) {
                differences.add("approximation '" + reused.approximation() + "' reused, '" + fresh.approximation()
                        + "' fresh");
            }
            List<List<Object>> onlyReused = new ArrayList<>(reusedWays);
            freshWays.forEach(onlyReused::remove);
            List<List<Object>> onlyFresh = new ArrayList<>(freshWays);
            reusedWays.forEach(onlyFresh::remove);
            if (onlyReused.size() != onlyFresh.size()) {
                differences.add(reusedWays.size() + " ways out reused, " + freshWays.size() + " fresh");
            } else {
                for (int i = 0; i < onlyReused.size(); i++) {
                    differences.add("a way out differs in " + differingParts(onlyReused.get(i), onlyFresh.get(i)));
                }
            }
            if (!differences.isEmpty()) {
                reuseMismatches.add(routine.name() + ", call stack " + callStack + ", calls " + callee.name()
                        + ": " + String.join("; ", differences));
            }
        }

        private static final List<String> COMPARED_PARTS = List.of("holds", "acquisition sites", "facts",
                "returned value", "path name", "approximate", "weakened", "writes", "created", "pending defects");

        /** Ways out as compared by {@link #audit}: every part of {@link #COMPARED_PARTS}, not the traces. */
        private static List<List<Object>> compared(List<Summary> ways) {
            List<List<Object>> out = new ArrayList<>();
            for (Summary s : ways) {
                State e = s.exit();
                Set<List<Object>> pending = new HashSet<>();
                e.pending.forEach(p -> pending.add(java.util.Arrays.asList(p.spec().kind(), p.loc(), p.shown(),
                        p.violation(), p.related())));
                out.add(java.util.Arrays.asList(new HashMap<>(e.held), new HashMap<>(e.acquiredAt), e.facts,
                        e.returned, e.pathName, e.approximate, new HashSet<>(e.weakened), new HashMap<>(s.writes()),
                        new HashSet<>(s.created()), pending));
            }
            return out;
        }

        /** The parts in which two compared ways out differ, each with what only one of them has. */
        private static String differingParts(List<Object> reused, List<Object> fresh) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < COMPARED_PARTS.size(); i++) {
                Object r = reused.get(i);
                Object f = fresh.get(i);
                if (java.util.Objects.equals(r, f)) {
                    continue;
                }
                Object onlyR = r;
                Object onlyF = f;
                if (r instanceof Map<?, ?> rm && f instanceof Map<?, ?> fm) {
                    Set<Object> a = new HashSet<>(rm.entrySet());
                    a.removeAll(fm.entrySet());
                    Set<Object> b = new HashSet<>(fm.entrySet());
                    b.removeAll(rm.entrySet());
                    onlyR = a;
                    onlyF = b;
                } else if (r instanceof Set<?> rs && f instanceof Set<?> fs) {
                    Set<Object> a = new HashSet<>(rs);
                    a.removeAll(fs);
                    Set<Object> b = new HashSet<>(fs);
                    b.removeAll(rs);
                    onlyR = a;
                    onlyF = b;
                }
                out.add(COMPARED_PARTS.get(i) + " (only reused " + onlyR + ", only fresh " + onlyF + ")");
            }
            return String.join(", ", out);
        }

        /** The enclosing summary (if any) asked, through this call, what the callee asked. */
        private void askedAbout(Questions asked, Renaming names) {
            Computing outer = computing.peek();
            if (outer != null) {
                outer.asked.addAll(asked, names::out, names::out, names::out);
                asked.onStack.forEach((name, on) -> {
                    if (!outer.ownFrame(name, callStack)) {
                        outer.asked.onStack.put(name, on);
                    }
                });
            }
        }

        /**
         * Is the function {@code name} on the call stack (so a call of it is not followed)? Unless
         * the summary being computed put it there itself, that is a question it asked.
         */
        private boolean onCallStack(String name) {
            boolean on = callStack.contains(name);
            Computing c = computing.peek();
            if (c != null && !c.ownFrame(name, callStack)) {
                c.asked.onStack.put(name, on);
            }
            return on;
        }

        /** What the summary being computed asks about its entry, or null in the routine's own frame. */
        private Questions asking() {
            Computing c = computing.peek();
            return c == null ? null : c.asked;
        }

        /** Notes, for the summary being computed, that it depends on the entry of this resource. */
        private void ask(Term resource) {
            Questions q = asking();
            if (q != null) {
                Questions.addIfAboutEntry(q.held, resource);
            }
        }

        /** Notes, for the summary being computed, that it depends on what this cell held at entry. */
        private void ask(Loc cell) {
            Computing c = computing.peek();
            if (c != null && Questions.aboutEntry(cell)) {
                c.asked.memory.add(cell);
            }
        }

        /**
         * A function's exits, fewer: exits that differ only in their facts become one with the facts
         * they share (together they cover the same paths), so callers continue once, not once per
         * way through the callee. Unless every path is kept apart ({@code exact}), the ways out by
         * exception with one lock state are joined as paths at a block are ({@code site} names the
         * values that differ): they leave from every call that may raise, with whatever memory the
         * path had there, and are not joined at any block on the way: through nested helpers their
         * number multiplies, and the caller would continue after each.
         */
        private List<State> mergeExits(List<State> exits, boolean exact, String site) {
            if (exits.size() < 2) {
                return exits;
            }
            Map<List<Object>, State> merged = new LinkedHashMap<>();
            for (State e : exits) {
                if (!exact && e.returned == RAISED) {
                    List<Object> key = java.util.Arrays.asList(e.held, RAISED, e.pathName, e.pending);
                    State other = merged.get(key);
                    merged.put(key, other == null ? e : join(other, e, site, Set.of(), false).returning(RAISED));
                    continue;
                }
                List<Object> key = java.util.Arrays.asList(e.held, e.heap, e.returned, e.pathName, e.pending);
                State other = merged.get(key);
                if (other == null) {
                    merged.put(key, e);
                } else {
                    Facts common = other.facts.intersect(e.facts);
                    State kept = witness(other, e);
                    State left = kept == other ? e : other;
                    List<Trace.Merged> ways = new ArrayList<>(kept.trace.ways(kept.facts));
                    ways.addAll(left.trace.ways(left.facts));
                    State both = new State(other.env, other.heap, other.held, common, Trace.merged(ways),
                            other.pathName, other.returned, other.acquiredAt, State.pendingOfBoth(other.pending, e.pending),
                            other.approximate && e.approximate, other.weakened.plusAll(e.weakened));
                    // like any join of paths with one lock state, it forgets facts; exploring every path
                    // apart (the last refinement) takes this merge as part of the exploration
                    merged.put(key, exact ? both
                            : weaken(both, other.facts.forgottenIn(common), e.facts.forgottenIn(common)));
                }
            }
            return new ArrayList<>(merged.values());
        }

        private boolean isFrameLoc(Loc l, String frame) {
            Loc.Var root = Loc.root(l);
            return root != null && root.scope().equals(frame);
        }

        /** A call the engine does not follow: an unknown result; locals passed by address may change. */
        private State unknownCall(Stmt.Call c, List<Term> args, State st, String frame, FunctionFacts ff) {
            State s = st;
            int data = c.calleeName() == null ? -1 : model.dataBufferOutput(c.calleeName());
            for (int i = 0; i < args.size(); i++) {
                Term a = args.get(i);
                if (a instanceof Term.Addr addr && Loc.root(addr.loc()) != null
                        && !Loc.root(addr.loc()).scope().equals("g") && addr.loc() instanceof Loc.Var) {
                    // a pointer to a file's data (CcPinRead's Buffer) is named so: filling it changes no link
                    Term out = fresh((i == data ? DATA_BUFFER : "out:") + addr.loc() + "@" + c.loc(),
                            addr.loc() + " (set by call)");
                    ask(addr.loc());
                    s = retire(s, out).withHeap(addr.loc(), out);
                }
            }
            if (c.result() == null) {
                return s;
            }
            String callee = c.calleeName() == null ? c.callee().toString() : c.calleeName();
            // a loop's value stands for any of its iterations': a call with it is not remembered
            if (rememberedValues.contains(callee) && args.stream().noneMatch(Terms::containsWidened)) {
                return remembered(callee, c, args, s, frame, ff);
            }
            Term result = returnedBy(callee, c);
            return setResult(c, result, retire(s, result), frame, ff);
        }

        /**
         * A call of a function in {@link #rememberedValues}: with arguments it was called with
         * before, and no memory it reads written since, it returns what it returned then (a walk
         * of a tree that acquires each node, and a second walk that releases them, find the same
         * nodes). After such a write its value is vaguer: a path on which the two values disagree
         * is not taken for real. The path remembers each call's value, by its arguments, with the
         * state of the memory it read.
         */
        private State remembered(String callee, Stmt.Call c, List<Term> args, State st, String frame,
                FunctionFacts ff) {
            Loc memoryCell = rememberedMemoryCells.get(callee);
            ask(memoryCell);
            State s = st;
            Term memory = s.heap.get(memoryCell);
            if (memory == null) {
                memory = new Term.Num(0);
                s = s.withHeap(memoryCell, memory);
            }
            Loc callCell = rememberedCall(callee, args);
            ask(callCell);
            Term before = s.heap.get(callCell);
            if (before instanceof Term.Op o && o.op().equals("@") && o.left().equals(memory)) {
                return setResult(c, o.right(), s, frame, ff);
            }
            Term result = returnedBy(callee, c);
            s = retire(s, result);
            if (before != null) { // called so before the memory it reads changed: the two may be bound
                s = weaken(s, Set.of(result));
            }
            // the arguments as they are named now: the value this call's place returned before
            // (a loop's last node, say) was just renamed apart
            List<Term> now = new ArrayList<>();
            for (Expr a : c.args()) {
                now.add(eval(a, s, frame, ff));
            }
            return setResult(c, result,
                    s.withHeap(rememberedCall(callee, now), new Term.Op("@", s.heap.get(memoryCell), result)), frame, ff);
        }

        /**
         * Memory named {@code name} (a field or global) is written: the remembered values of the
         * functions that read such memory no longer hold (see {@link #forgetAllRemembered} for a
         * write through a pointer named by no field).
         */
        private State forgetRemembered(String name, State st) {
            Set<Loc.Var> readers = name == null ? Set.of() : rememberedReaders.getOrDefault(name, Set.of());
            if (readers.isEmpty()) {
                return st;
            }
            Questions asked = asking();
            if (asked != null) {
                asked.rememberedLookedUp.put(name, readers); // which of them the entry has, a caller's path decides
            }
            List<Loc.Var> present = new ArrayList<>();
            if (readers.size() <= st.heap.size()) {
                for (Loc.Var cell : readers) {
                    if (st.heap.containsKey(cell)) {
                        present.add(cell);
                    }
                }
            } else { // a large driver's many helpers that read one field, few of them called on this path
                st.heap.keySet().forEach(l -> {
                    if (l instanceof Loc.Var v && readers.contains(v)) {
                        present.add(v);
                    }
                });
            }
            return forget(present, st);
        }

        /**
         * Memory a pointer that names no field or global leads to is written ({@code *Link = NULL},
         * {@code Link} a parameter or a value found by a loop): it may be any memory a remembered
         * value read, so none holds any longer. In a summary, the cell {@link #WRITTEN_THROUGH_POINTER}
         * notes it, so that the caller forgets its own too (the summary sees only some of them).
         */
        private State forgetAllRemembered(State st) {
            List<Loc.Var> present = new ArrayList<>();
            st.heap.keySet().forEach(l -> {
                if (l instanceof Loc.Var v && v.name().startsWith(REMEMBERED_MEMORY)) {
                    present.add(v);
                }
            });
            State s = forget(present, st);
            if (computing.peek() != null) {
                return s.withHeap(WRITTEN_THROUGH_POINTER, WRITTEN);
            }
            return s.heap.containsKey(WRITTEN_THROUGH_POINTER)
                    ? s.withHeapCells(s.heap.minus(WRITTEN_THROUGH_POINTER)) : s;
        }

        /**
         * A function not followed, called with {@code args}, writes through pointers ({@code w}):
         * the remembered values that read what it may write no longer hold.
         */
        private State forgetWrittenThrough(PointerWrites w, List<Term> args, State st) {
            State s = st;
            for (String name : w.names()) {
                s = forgetRemembered(name, s);
            }
            boolean anything = w.anything();
            for (int k : w.parameters()) {
                Term a = k < args.size() ? args.get(k) : null;
                if (a instanceof Term.Addr addr && !throughUnnamedPointer(addr.loc())) {
                    s = forgetRemembered(nameOf(addr.loc()), s); // named memory; or a local's, which none reads
                } else if (a != null && !(a instanceof Term.Num)) {
                    anything = true;
                }
            }
            return anything ? forgetAllRemembered(s) : s;
        }

        private State forget(List<Loc.Var> remembered, State st) {
            State s = st;
            for (Loc.Var cell : remembered) {
                String f = cell.name().substring(REMEMBERED_MEMORY.length());
                Term written = fresh("written:" + f, "memory read by " + f + ", written");
                s = retire(s, written).withHeap(cell, written);
            }
            return s;
        }

        /**
         * A call that fills the object its destination points to (memset, RtlZeroMemory, memcpy): a
         * copy makes it the source object's copy, wherever it is; with
         * zeros, an object in a variable reads as zeros where it is not written since (a routine
         * that zeroes its cleanup state, then notes in it what it acquired, releases in its
         * finally only what the state says); otherwise the object is unknown, as after any call.
         */
        private State filled(Stmt.Call c, org.opensdv.driver.DriverModel.Fill fill, List<Term> args, State st,
                String frame, FunctionFacts ff) {
            Loc object = Loc.deref(args.get(fill.destination()));
            State before = forgetFilled(c, fill, object, st);
            if (fill.source() >= 0) {
                if (fill.source() >= args.size()) {
                    return unknownCall(c, args, before, frame, ff);
                }
                // a copy (memcpy): the destination's object is the source's, as a structure's assignment
                State s = write(object, new Term.Load(Loc.deref(args.get(fill.source()))), before, frame, ff);
                return c.result() == null ? s : setResult(c, args.get(fill.destination()), s, frame, ff);
            }
            boolean zeros = fill.fill() < 0
                    || fill.fill() < args.size() && args.get(fill.fill()) instanceof Term.Num n && n.value() == 0;
            // only an object in a variable (a context on the stack, a global): one reached through a
            // pointer stays unknown (docs/architecture.md, "Memory that matters", says why)
            if (!zeros || !(object instanceof Loc.Var) || inEnv(object, frame, ff)) {
                return unknownCall(c, args, before, frame, ff);
            }
            State s = before;
            for (Loc part : st.heap.keySet()) {
                if (Loc.partOf(part, object)) {
                    s = s.withHeap(part, new Term.Num(0));
                }
            }
            ask(object);
            s = s.withHeap(object, ZERO_FILLED);
            List<Term> others = new ArrayList<>(args);
            others.set(fill.destination(), ZERO_FILLED); // written here, not made unknown
            return unknownCall(c, others, s, frame, ff);
        }

        /**
         * A fill writes the whole object its destination points to, which may be or hold a link a
         * walk follows: the remembered values that read the links it holds no longer hold. The
         * destination's type names them (the frontend's {@code pointerFields}: {@code Parent},
         * {@code FirstChild}, ... for {@code RtlZeroMemory(Node, ...)}; none for an object of
         * numbers — a number field a walk reads, filled so, is a known limit, as for an
         * assignment). When it cannot, every value goes if the object is reached through a pointer
         * that names no field ({@code RtlZeroMemory(Buffer, ...)}, {@code Buffer} a {@code PVOID};
         * see {@link #forgetAllRemembered}), those that read its name otherwise
         * ({@code &Root->FirstChild}). Not for a new object no remembered value can have read
         * ({@link #outOfReach}), nor for a file's data ({@link #isDataBuffer}).
         */
        private State forgetFilled(Stmt.Call c, org.opensdv.driver.DriverModel.Fill fill, Loc object, State st) {
            if (rememberedReaders.isEmpty() || object instanceof Loc.Deref d && (isDataBuffer(d.pointer())
                    || isNewObject(d.pointer()) && outOfReach(d.pointer(), object, st))) {
                return st;
            }
            Set<String> fields = c.pointerFields().get(fill.destination());
            if (fields != null) { // the object's type is known: the links it holds, by name
                State s = st;
                for (String field : fields) {
                    s = forgetRemembered(field, s);
                }
                return s;
            }
            return throughUnnamedPointer(object) ? forgetAllRemembered(st) : forgetRemembered(nameOf(object), st);
        }

        /**
         * The value one execution of call {@code c} to {@code callee} returns, named after both
         * ({@link #isNewObject} reads the callee back from the name).
         */
        private Term returnedBy(String callee, Stmt.Call c) {
            return fresh(RETURNED + callee + "@" + c.loc(), callee + "(...)");
        }

        /** Is {@code t} a pointer to a file's data that a call returned through an out-parameter? */
        private static boolean isDataBuffer(Term t) {
            return t instanceof Term.Sym s && s.fresh() && s.id().startsWith(DATA_BUFFER);
        }

        /** Is {@code t} what a call of a new-object function returned ({@link #newObjectFunctions})? */
        private boolean isNewObject(Term t) {
            if (t instanceof Term.Sym s && s.fresh() && s.id().startsWith(RETURNED)) {
                int at = s.id().indexOf('@');
                String callee = at < 0 ? "" : s.id().substring(RETURNED.length(), at);
                return model.allocates(callee) || newObjectFunctions().contains(callee);
            }
            return false;
        }

        /**
         * Is the new object {@code pointer} leads to ({@code object}) out of every remembered
         * value's reach: no memory outside it points into it or names it (a link to it, a
         * remembered call given it), and no function the analysis does not follow was given it
         * (that one may have linked it anywhere)? Then no walk has read it, and filling it changes
         * nothing a remembered value read. A value created in a summary's computation is never
         * in the caller's memory, so nothing here is a question about the entry.
         */
        private boolean outOfReach(Term pointer, Loc object, State st) {
            if (st.heap.containsKey(givenAwayCell(object))) {
                return false;
            }
            for (Map.Entry<Loc, Term> e : st.heap.entrySet()) {
                Loc l = e.getKey();
                if (!l.equals(object) && !Loc.partOf(l, object)
                        && (Terms.mentions(l, pointer::equals) || Terms.mentions(e.getValue(), pointer::equals))) {
                    return false;
                }
            }
            return true;
        }

        /** The cell that notes, in a new object, that a function not followed was given it. */
        private static Loc givenAwayCell(Loc object) {
            return new Loc.Field(object, "(given to a function not followed)");
        }

        /** Notes in each new object an argument points into that a function not followed was given it. */
        private State givenAway(List<Term> args, State st) {
            State s = st;
            for (Term a : args) {
                List<Term> found = new ArrayList<>();
                Terms.mentions(a, t -> {
                    if (isNewObject(t)) {
                        found.add(t);
                    }
                    return false;
                });
                for (Term t : found) {
                    Loc cell = givenAwayCell(Loc.deref(t));
                    if (!s.heap.containsKey(cell)) {
                        s = s.withHeap(cell, new Term.Num(1));
                    }
                }
            }
            return s;
        }

        private State setResult(Stmt.Call c, Term value, State st, String frame, FunctionFacts ff) {
            if (c.result() == null) {
                return st;
            }
            return write(lvalue(c.result(), st, frame, ff), value, st, frame, ff);
        }

        /**
         * A fresh unknown for one execution of a site. A site executing again reuses the name, so its
         * caller retires the earlier value first ({@link #retire}).
         */
        private Term fresh(String id, String display) {
            return new Term.Sym(id, display, true);
        }

        /**
         * Renames the previous value of a fresh symbol apart before the site produces a new one. All
         * earlier values of one site share one name, so loops that fetch a new object each time
         * still reach a fixpoint (at the price of not telling earlier iterations' objects apart).
         */
        private State retire(State st, Term sym) {
            return st.mentions(sym) ? retire(st, List.of(sym), Set.of(sym), st::mentions) : st;
        }

        /**
         * Renames apart, in one pass over the state, the earlier values of the symbols in {@code
         * present} (each mentioned by {@code st}, as are the symbols {@code mentioned} accepts) that
         * a callee's way out creates anew ({@code created}). Each becomes the first of {@code x'},
         * {@code x''}, ... that the callee does not create itself, so an earlier value never takes
         * the name of one the callee brings. Where several values come to share a name (an older
         * value already had it, or the callee created both {@code x} and {@code x'}), the path keeps
         * what it knew about the newest of them only, so its facts stay consistent.
         */
        private State retire(State st, java.util.Collection<Term> present, Set<Term> created,
                java.util.function.Predicate<Term> mentioned) {
            if (present.isEmpty()) {
                return st;
            }
            Map<String, List<Term.Sym>> sharing = new HashMap<>(); // per new name, the values that take it
            long bits = 0;
            for (Term t : present) {
                Term.Sym s = (Term.Sym) t;
                String id = s.id() + "'";
                while (created.contains(new Term.Sym(id, "", true))) {
                    id += "'";
                }
                sharing.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
                bits |= s.symBits();
            }
            Map<Term, Term> named = new HashMap<>();
            Set<Term> forget = new HashSet<>();
            sharing.forEach((id, values) -> {
                values.sort(java.util.Comparator.comparingInt((Term.Sym v) -> v.id().length()));
                Term.Sym shown = values.get(values.size() - 1); // shown after the one with the most primes
                Term.Sym name = new Term.Sym(id, shown.display()
                        + " (earlier)".repeat(id.length() - shown.id().length()), true);
                values.forEach(v -> named.put(v, name));
                forget.addAll(values.subList(1, values.size()));
                if (mentioned.test(name)) {
                    forget.add(name); // an older value already has the name: the two become one
                }
            });
            State clean = st;
            if (!forget.isEmpty()) { // the values merged lose what the path knew about them
                clean = st.withFacts(st.facts.without(t -> forget.stream().anyMatch(x -> Terms.mentionsFresh(t, x))));
            }
            long renamed = bits;
            return clean.rename(new Terms.Renamer() {
                @Override
                public Term apply(Term t) {
                    return t instanceof Term.Sym ? named.getOrDefault(t, t) : t;
                }

                @Override
                public long bits() {
                    return renamed; // terms without any of the symbols' bits are left unwalked
                }
            });
        }

        // ------------------------------------------------------------ rule events

        private List<State> event(Function f, Stmt.Call c, RuleSpec.Event ev, List<Term> args, State st0,
                String frame, FunctionFacts ff) {
            if (ev.object() >= args.size()) {
                return List.of(unknownCall(c, args, st0, frame, ff));
            }
            State st = weakenedIn(args.get(ev.object()), st0) ? st0.approximated() : st0;
            Term resource = canonical(args.get(ev.object()), st);
            ask(resource);
            // the pointers a resource is named by are not NULL: on a path where one is, the call
            // would fault before any rule could matter
            for (Term pointer : pointersNaming(resource)) {
                Facts nonNull = st.facts.assume(new Term.Op("!=", pointer, new Term.Num(0)), true);
                if (nonNull == null) {
                    return List.of();
                }
                st = st.withFacts(nonNull);
            }
            State.Acquired earlier = st.acquiredAt.get(resource);
            String shown = earlier != null ? earlier.shown() : show(resource, c.args().get(ev.object()), f);
            switch (ev.action()) {
                case ACQUIRE:
                    return acquire(f, c, ev, resource, shown, args, st, frame, ff);
                case RELEASE: {
                    if (ev.ownerArgument() != null && ev.ownerArgument() < args.size()
                            && !args.get(ev.ownerArgument()).equals(CURRENT_OWNER)) {
                        State next = released(st, resource).then(new Step(Step.Kind.HAND_OFF, c.loc(),
                                f.name(), "releases " + shown + " on behalf of another owner ("
                                + c.args().get(ev.ownerArgument()) + ")", shown, "none"));
                        return List.of(next);
                    }
                    RuleSpec.Mode mode = modeOf(resource, st);
                    for (RuleSpec.DefectSpec d : rule.defectsOn(RuleSpec.Trigger.RELEASE)) {
                        if (mode != null && d.appliesTo(mode)) {
                            st = violation(st, d, c.loc(), f.name(), shown, "releases " + shown
                                    + " while it is not held", null, st.trace);
                        }
                    }
                    Held before = st.held.get(resource);
                    Held after = before == null ? null : before.releasedOnce();
                    State next = after != null ? st.withHeld(resource, after, null) : released(st, resource);
                    next = next.then(new Step(Step.Kind.RELEASE, c.loc(), f.name(), "releases " + shown, shown,
                            after == null ? "none" : after.word()));
                    return List.of(setResult(c, new Term.Num(0), next, frame, ff));
                }
                case CONVERT: {
                    Held before = st.held.get(resource);
                    Held converted = before == null ? null : before.convertedTo(ev.mode());
                    if (converted != null) {
                        st = st.withHeld(resource, converted, null).then(new Step(Step.Kind.ACQUIRE,
                                c.loc(), f.name(), "converts " + shown + " to " + ev.mode().name().toLowerCase(),
                                shown, converted.word()));
                    }
                    return List.of(st);
                }
                case HAND_OFF: {
                    State next = released(st, resource).then(new Step(Step.Kind.HAND_OFF, c.loc(),
                            f.name(), "hands " + shown + " over to another owner; this routine no longer holds it",
                            shown, "none"));
                    return List.of(next);
                }
                case DELETE: {
                    boolean held = st.held.containsKey(resource);
                    State next = released(st, resource).then(new Step(Step.Kind.DELETE, c.loc(), f.name(),
                            "deletes " + shown + (held ? " while holding it: the hold ends with it" : ""),
                            shown, "none"));
                    return List.of(setResult(c, new Term.Num(0), next, frame, ff));
                }
                case QUERY: {
                    RuleSpec.Mode mode = modeOf(resource, st);
                    Term answer = mode == null ? fresh("query@" + c.loc(), c.calleeName() + "(...)")
                            : new Term.Num(mode == ev.mode() ? 1 : 0);
                    return List.of(setResult(c, answer, st, frame, ff));
                }
                default:
                    return List.of(st);
            }
        }

        private List<State> acquire(Function f, Stmt.Call c, RuleSpec.Event ev, Term resource, String shown,
                List<Term> args, State st, String frame, FunctionFacts ff) {
            List<State> successes = new ArrayList<>();
            List<State> failures = new ArrayList<>();
            switch (ev.success()) {
                case ALWAYS -> successes.add(st);
                case RETURNS_NONZERO -> {
                    successes.add(st);
                    failures.add(st);
                }
                case WAIT_ARGUMENT -> {
                    Term wait = ev.waitArgument() < args.size() ? args.get(ev.waitArgument()) : new Term.Num(1);
                    Facts.Truth t = st.facts.decide(wait);
                    if (t == Facts.Truth.TRUE) {
                        successes.add(st);
                    } else if (t == Facts.Truth.FALSE) {
                        successes.add(st);
                        failures.add(st);
                    } else {
                        Facts blocking = st.facts.assume(wait, true);
                        Facts nonBlocking = st.facts.assume(wait, false);
                        if (blocking != null) {
                            successes.add(st.withFacts(blocking));
                        }
                        if (nonBlocking != null) {
                            successes.add(st.withFacts(nonBlocking));
                            failures.add(st.withFacts(nonBlocking));
                        }
                    }
                }
            }
            List<State> out = new ArrayList<>();
            Term.Sym resultId = (Term.Sym) fresh("acquired:" + c.loc(), c.calleeName() + "(...)");
            for (State s0 : successes) {
                State s = retire(s0, resultId);
                RuleSpec.Mode before = modeOf(resource, s);
                for (RuleSpec.DefectSpec d : rule.defectsOn(RuleSpec.Trigger.ACQUIRE)) {
                    if (before != null && d.appliesTo(before) && (d.acquiredAs() == null || d.acquiredAs() == ev.mode())) {
                        State.Acquired first = s.acquiredAt.get(resource);
                        Questions q = asking();
                        if (q != null) {
                            Questions.addIfAboutEntry(q.acquisitionSite, resource);
                        }
                        s = violation(s, d, c.loc(), f.name(), shown, "acquires " + shown + " "
                                + ev.mode().name().toLowerCase() + " again", first == null ? null : first.loc(), s.trace);
                    }
                }
                Held held = s.held.get(resource);
                Held now = held == null ? Held.of(ev.mode()) : held.acquiredAgain(ev.mode());
                // a recursive acquire leaves the hold where it began: that is what is left after one release
                boolean recursive = now == Held.EXCLUSIVE_TWICE || now == Held.SHARED_TWICE;
                State next = s.withHeld(resource, now, recursive ? null : new State.Acquired(c.loc(), shown)).then(new Step(Step.Kind.ACQUIRE, c.loc(), f.name(),
                        "acquires " + shown + " " + ev.mode().name().toLowerCase(), shown, now.word()));
                if (c.result() != null) {
                    Facts nonzero = next.facts.assume(resultId, true);
                    next = setResult(c, resultId, next.withFacts(nonzero == null ? next.facts : nonzero), frame, ff);
                }
                out.add(next);
            }
            for (State s : failures) {
                RuleSpec.Mode before = modeOf(resource, s);
                State next = s.then(new Step(Step.Kind.FAILED_ACQUIRE, c.loc(), f.name(),
                        c.calleeName() + " fails to acquire " + shown + " (returns FALSE)", shown,
                        before == null ? "unknown" : before.name().toLowerCase()));
                out.add(setResult(c, new Term.Num(0), next, frame, ff));
            }
            return out;
        }

        /**
         * The state after {@code resource} is released. A resource named through a loop's unknown
         * ({@code Partitions[Index - 1]} after the loop's join) that is not held under that name
         * may be any held resource it could unify with: those become UNKNOWN, not still held.
         */
        private State released(State st, Term resource) {
            if (st.held.containsKey(resource) || !Terms.containsWidened(resource)) {
                return st.withHeld(resource, null, null);
            }
            Questions q = asking();
            if (q != null) {
                q.releasedVaguely.add(resource);
            }
            State out = st;
            Set<Term> stored = valuesItMayRead(resource, st.heap);
            for (Term k : holdsItMayBe(resource, st.held).keySet()) {
                if (stored == null || stored.contains(k)) {
                    out = out.withHeld(k, Held.UNKNOWN, null);
                }
            }
            for (Term k : coveredUnknowns(out.held, q)) {
                out = out.withHeld(k, null, null);
            }
            return out;
        }

        /** The held mode of a resource on this path, or null when a loop join lost track of it. */
        private RuleSpec.Mode modeOf(Term resource, State st) {
            ask(resource);
            Held h = st.held.get(resource);
            if (h == null) {
                Questions q = asking();
                if (q != null) {
                    q.mayBeAnother.add(resource);
                }
                return mayBeAnotherHold(resource, st.held) ? null : RuleSpec.Mode.NONE;
            }
            return h.mode();
        }

        /** The resource's identity: the same address modulo equalities the path established. */
        private Term canonical(Term resource, State st) {
            Questions q = asking();
            if (q != null && st.facts.mayProveEqual(resource)) {
                q.provenEqual.computeIfAbsent(resource, k -> new HashSet<>()).add(st.facts);
            }
            Term same = provenSameHold(resource, st.facts, st.held);
            return same != null ? same : resource;
        }

        private void checkExit(Function f, Terminator.Return r, State exit) {
            for (RuleSpec.DefectSpec d : rule.defectsOn(RuleSpec.Trigger.EXIT)) {
                for (Map.Entry<Term, Held> e : exit.held.entrySet()) {
                    RuleSpec.Mode mode = e.getValue().mode();
                    if (mode != null && d.appliesTo(mode)) {
                        State.Acquired at = exit.acquiredAt.get(e.getKey());
                        String shown = at == null ? e.getKey().toString() : at.shown();
                        violation(exit, d, r.loc(), f.name(), shown, routineName(exit) + " returns holding " + shown,
                                at == null ? null : at.loc(), exit.trace);
                        break; // one report per (kind, routine, location)
                    }
                }
            }
        }

        private String routineName(State st) {
            return st.pathName != null ? st.pathName + " (" + routine.name() + ")" : routine.name();
        }

        /**
         * A rule violation on this path. In the routine's own frame it is a defect now; inside a
         * callee summary it waits on the state until a caller's path accepts the summary's exit.
         */
        private State violation(State st, RuleSpec.DefectSpec d, SourceLoc loc, String where, String shown,
                String text, SourceLoc related, Trace trace) {
            return violation(st, d, loc, where, shown, text, related, trace, st.approximate);
        }

        /**
         * Records a defect {@code st} reached, or, in a callee, leaves it waiting for the caller;
         * {@code approximate} when the path to it may not be real.
         */
        private State violation(State st, RuleSpec.DefectSpec d, SourceLoc loc, String where, String shown,
                String text, SourceLoc related, Trace trace, boolean approximate) {
            Step step = new Step(Step.Kind.VIOLATION, loc, where, text, shown,
                    d.on() == RuleSpec.Trigger.EXIT ? "exclusive" : null);
            Trace full = trace.then(step);
            if (depth > 0) { // the step is added once, when a caller confirms it
                return st.withPending(new State.Pending(d, loc, where, shown, text, related, trace, approximate));
            }
            List<Object> key = List.of(d.kind(), loc.file(), loc.line(), loc.column());
            Defect existing = defects.get(key);
            boolean wasUnconfirmed = unconfirmed.contains(key);
            if (existing != null && (approximate || !wasUnconfirmed)
                    && existing.trace().size() <= full.length()) {
                return st;
            }
            if (approximate) {
                if (existing != null && !wasUnconfirmed) {
                    return st; // a real path already shows it
                }
                unconfirmed.add(key);
            } else {
                unconfirmed.remove(key);
            }
            List<Step> steps = new ArrayList<>();
            for (Step s : full.steps()) {
                boolean resourceStep = s.kind() == Step.Kind.ACQUIRE || s.kind() == Step.Kind.RELEASE
                        || s.kind() == Step.Kind.FAILED_ACQUIRE || s.kind() == Step.Kind.HAND_OFF
                        || s.kind() == Step.Kind.DELETE;
                if (!resourceStep || shown.equals(s.resource())) {
                    steps.add(s);
                }
            }
            String routineText = st.pathName != null
                    ? st.pathName + " (the " + routine.detail() + " path of " + routine.name() + ")"
                    : routine.describe();
            defects.put(key, new Defect(rule.id(), d.kind(), loc, where, routineName(st), routineText, shown,
                    d.format(shown, routineText), related, steps));
            if (approximate) {
                witnesses.put(key, trace);
            }
            return st;
        }

        // ------------------------------------------------------------ values

        private Term eval(Expr e, State st, String frame, FunctionFacts ff) {
            if (e instanceof Expr.Const k) {
                return new Term.Num(k.value());
            }
            if (e instanceof Expr.Var || e instanceof Expr.Field || e instanceof Expr.Deref || e instanceof Expr.Index) {
                return read(lvalue(e, st, frame, ff), e, st, frame, ff);
            }
            if (e instanceof Expr.FuncRef fr) {
                return new Term.Fn(fr.name());
            }
            if (e instanceof Expr.AddrOf a) {
                if (a.operand() instanceof Expr.FuncRef fr) {
                    return new Term.Fn(fr.name());
                }
                return Term.addressOf(location(a.operand(), false, st, frame, ff));
            }
            if (e instanceof Expr.Cast c) {
                Term operand = eval(c.operand(), st, frame, ff);
                return operand instanceof Term.Num n ? new Term.Num(IntegerTypes.convert(c.type(), n.value())) : operand;
            }
            if (e instanceof Expr.Unary u) {
                return Terms.fold(u.op(), eval(u.operand(), st, frame, ff));
            }
            if (e instanceof Expr.Binary b) {
                return Terms.fold(b.op(), eval(b.left(), st, frame, ff), eval(b.right(), st, frame, ff));
            }
            if (e instanceof Expr.Str) {
                return new Term.Sym(STRING + e, "a string", false);
            }
            return new Term.Sym("opaque:" + e, e.toString(), false);
        }

        private Loc lvalue(Expr e, State st, String frame, FunctionFacts ff) {
            return location(e, true, st, frame, ff);
        }

        /**
         * The location {@code e} names; {@code accessed} when it is read or written, not only its
         * address taken: then its last pointer is dereferenced ({@code Ctx->Count}), else not
         * ({@code &Ctx->Count}, {@code CONTAINING_RECORD}'s {@code &((T *)0)->F}). Pointers read on
         * the way are dereferenced either way.
         */
        private Loc location(Expr e, boolean accessed, State st, String frame, FunctionFacts ff) {
            if (e instanceof Expr.Var v) {
                return new Loc.Var(v.kind() == Expr.VarKind.GLOBAL ? "g" : frame, v.name());
            }
            if (e instanceof Expr.Deref d) {
                Term pointer = eval(d.pointer(), st, frame, ff);
                if (accessed && collecting && !dereferenced.contains(pointer)) {
                    dereferenced.add(pointer);
                }
                return Loc.deref(pointer);
            }
            if (e instanceof Expr.Field fl) {
                return new Loc.Field(location(fl.base(), accessed, st, frame, ff), fl.field());
            }
            if (e instanceof Expr.Index i) {
                return new Loc.Index(location(i.base(), accessed, st, frame, ff),
                        st.facts.simplify(eval(i.index(), st, frame, ff)));
            }
            if (e instanceof Expr.Cast c) {
                return location(c.operand(), accessed, st, frame, ff);
            }
            return new Loc.Var("?", e.toString());
        }

        /**
         * The state after the pointers {@link #dereferenced} were read or written through: none of
         * them NULL, since on a path where one is the access faults; or null when the facts say one
         * is. A join's "some value" and an address stand for no pointer of their own.
         */
        private State notNull(State st) {
            collecting = false;
            Facts facts = st.facts;
            for (Term p : dereferenced) {
                if (facts != null && !p.equals(SOME_VALUE) && !(p instanceof Term.Addr)) {
                    facts = facts.assume(new Term.Op("!=", p, new Term.Num(0)), true);
                }
            }
            dereferenced.clear();
            return facts == null ? null : facts == st.facts ? st : st.withFacts(facts);
        }

        private boolean inEnv(Loc loc, String frame, FunctionFacts ff) {
            return loc instanceof Loc.Var v && v.scope().equals(frame) && !ff.addressTaken.contains(v.name());
        }

        private Term read(Loc loc, Expr source, State st, String frame, FunctionFacts ff) {
            if (inEnv(loc, frame, ff)) {
                String name = ((Loc.Var) loc).name();
                Term t = st.env.get(name);
                if (t != null) {
                    return t;
                }
                return new Term.Sym("uninitialised:" + frame + ":" + name, name + " (uninitialised)", false);
            }
            ask(loc);
            Term t = st.heap.get(loc);
            if (t != null) {
                return t;
            }
            for (Loc whole = Loc.enclosing(loc); whole != null; whole = Loc.enclosing(whole)) {
                Term value;
                if (inEnv(whole, frame, ff)) {
                    value = st.env.get(((Loc.Var) whole).name());
                } else {
                    ask(whole); // what it reads depends on the object's cells too
                    value = st.heap.get(whole);
                }
                if (value != null) { // the object was written as a whole
                    if (value == ZERO_FILLED) {
                        return new Term.Num(0);
                    }
                    if (value instanceof Term.Load copied) {
                        // a copy of another object (Saved = Vcb->Options): the part as that object had
                        // it when copied, which was not written before (such parts were copied)
                        Loc original = Loc.rebase(loc, whole, copied.loc());
                        ask(original);
                        return new Term.Load(original);
                    }
                    // another value as a whole (a structure a call returned, or filled): its parts are
                    // that value's, not what the object held before
                    return new Term.Load(Loc.rebase(loc, whole, Loc.deref(value)));
                }
            }
            return new Term.Load(loc);
        }

        private State write(Loc loc, Term value, State st, String frame, FunctionFacts ff) {
            if (inEnv(loc, frame, ff)) {
                // the variable lives in the frame, its parts in memory: what they held is gone too
                State written = st.withEnv(((Loc.Var) loc).name(), value);
                return withPartsCopied(loc, value, st,
                        written.withHeapCells(State.withoutPartsOf(written.heap, java.util.Set.of(loc))));
            }
            String name = nameOf(loc);
            if (!rememberedReaders.isEmpty()) {
                st = forgetRemembered(name, st);
            }
            boolean copy = loc instanceof Loc.Var && value instanceof Term.Load; // a structure's copy, maybe
            if (name != null && !memoryNames.contains(name) && !copy) {
                return st; // nothing that matters to the rule reads this memory
            }
            ask(loc);
            return withPartsCopied(loc, value, st, st.withHeap(loc, value));
        }

        /**
         * {@code written}, where {@code whole} was written with {@code value} and its parts dropped,
         * with the parts of a copy of another object ({@code Saved = Vcb->Options}) that the path had
         * written in that object ({@link #read} gives the others).
         */
        private State withPartsCopied(Loc whole, Term value, State before, State written) {
            State out = written;
            if (value instanceof Term.Load copied) {
                for (Map.Entry<Loc, Term> cell : before.heap.entrySet()) {
                    if (Loc.partOf(cell.getKey(), copied.loc())) {
                        ask(cell.getKey());
                        out = out.withHeap(Loc.rebase(cell.getKey(), copied.loc(), whole), cell.getValue());
                    }
                }
            }
            return out;
        }

        /**
         * How to name a resource: as the routine itself wrote it, or — inside a wrapper, where the
         * written text is just the wrapper's parameter — by its address in the routine's terms.
         */
        private String show(Term resource, Expr written, Function where) {
            if (where == routine.function()) {
                return factsOf(where).written(where, withKnownIndices(written, resource));
            }
            String asWritten = factsOf(where).written(where, written);
            String t = resource.toString();
            boolean unreadable = t.contains("uninitialised") || t.contains("(...)") && t.length() > 60
                    || Terms.mentions(resource, Terms::isDeep); // Buckets[(...)] would not say which
            return unreadable ? asWritten : t;
        }

        /**
         * {@code written} with each array index the resource's term knows as a constant shown as
         * that constant ({@code &Device->Slots[Index].Resource} on a loop's first pass is
         * {@code &Device->Slots[0].Resource}): a trace tells apart the slots a loop takes. Only the
         * parts up to the object a pointer leads to are matched, and only if both have the same shape.
         */
        private static Expr withKnownIndices(Expr written, Term resource) {
            if (!(written instanceof Expr.AddrOf a) || !(resource instanceof Term.Addr t)) {
                return written;
            }
            Expr part = withKnownIndices(a.operand(), t.loc());
            return part == null ? written : new Expr.AddrOf(part);
        }

        /** {@code e} as {@link #withKnownIndices(Expr, Term)} shows it, or null when it and {@code loc} differ in shape. */
        private static Expr withKnownIndices(Expr e, Loc loc) {
            if (e instanceof Expr.Field f && loc instanceof Loc.Field l && f.field().equals(l.field())) {
                Expr base = withKnownIndices(f.base(), l.base());
                return base == null ? null : base == f.base() ? e : new Expr.Field(base, f.field());
            }
            if (e instanceof Expr.Index i && loc instanceof Loc.Index l) {
                Expr base = withKnownIndices(i.base(), l.base());
                if (base == null) {
                    return null;
                }
                Expr index = l.index() instanceof Term.Num k && !(i.index() instanceof Expr.Const) ? Expr.Const.of(k.value())
                        : i.index();
                return base == i.base() && index == i.index() ? e : new Expr.Index(base, index);
            }
            boolean sameKind = e instanceof Expr.Deref && loc instanceof Loc.Deref || e instanceof Expr.Var && loc instanceof Loc.Var;
            return sameKind ? e : null;
        }
    }
}
