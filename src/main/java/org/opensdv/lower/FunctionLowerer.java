package org.opensdv.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTSignatureUtil;
import org.eclipse.cdt.core.dom.ast.ASTTypeUtil;
import org.eclipse.cdt.core.dom.ast.DOMException;
import org.eclipse.cdt.core.dom.ast.EScopeKind;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDefaultStatement;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNullStatement;
import org.eclipse.cdt.core.dom.ast.IASTProblemHolder;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IBasicType;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.ICompositeType;
import org.eclipse.cdt.core.dom.ast.IEnumeration;
import org.eclipse.cdt.core.dom.ast.IEnumerator;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.IFunctionType;
import org.eclipse.cdt.core.dom.ast.IParameter;
import org.eclipse.cdt.core.dom.ast.IPointerType;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IScope;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.ITypedef;
import org.eclipse.cdt.core.dom.ast.IValue;
import org.eclipse.cdt.core.dom.ast.IVariable;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTCompoundStatementExpression;
import org.opensdv.ir.Annotation;
import org.opensdv.ir.Arithmetic;
import org.opensdv.ir.Block;
import org.opensdv.ir.Expr;
import org.opensdv.ir.Function;
import org.opensdv.ir.IntegerTypes;
import org.opensdv.ir.Problem;
import org.opensdv.ir.SourceLoc;
import org.opensdv.ir.Stmt;
import org.opensdv.ir.Terminator;

/**
 * Lowers one C function definition to a CFG with exact C control flow.
 *
 * <p>SEH arrives as the prelude's marker calls ({@code if (__opensdv_try()) ... else if
 * (__opensdv_finally()) ...}). A {@code __finally} body is lowered once per way out of its
 * {@code __try}: at the fall-through / {@code __leave} exit with AbnormalTermination() = 0, and inline
 * before each {@code return}, {@code break}, {@code continue} or {@code goto} leaving it with
 * AbnormalTermination() = 1. The copies make every path exact without a continuation variable, so no
 * path through a finally can leak into another exit. Inside a {@code __try} with an {@code __except},
 * each call may instead raise: a {@link Terminator.Choice} before the call leads (through the abnormal
 * copies of any finally in between) to the handler.
 */
final class FunctionLowerer {
    static final String TRY = "__opensdv_try";
    static final String FINALLY = "__opensdv_finally";
    static final String EXCEPT = "__opensdv_except";
    static final String LEAVE = "__opensdv_leave";
    static final String ABNORMAL = "__opensdv_abnormal_termination";

    /** What an enclosing construct means for jumps out of the current statement. */
    private sealed interface Ctx permits Loop, Switch, TryBody, TryFinally, TryExcept {
    }

    private record Loop(int breakTarget, int continueTarget) implements Ctx {
    }

    private record Switch(int breakTarget) implements Ctx {
    }

    /** The innermost {@code __try} body: where {@code __leave} goes. */
    private record TryBody(int leaveTarget) implements Ctx {
    }

    private static final class TryFinally implements Ctx {
        final IASTStatement tryBody;
        final IASTStatement finallyBody;
        /** Block that runs this finally abnormally and goes on to the exception handler; made once. */
        Integer exceptionPath;
        /** Block that runs this finally abnormally on the way out of the function (no handler here); made once. */
        Integer raisePath;

        TryFinally(IASTStatement tryBody, IASTStatement finallyBody) {
            this.tryBody = tryBody;
            this.finallyBody = finallyBody;
        }
    }

    private record TryExcept(int handler) implements Ctx {
    }

    private final IASTFunctionDefinition definition;
    private final Locations locations;
    private final String name;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final LocalScopes scopes;
    /** IR names of automatic variables, by declaration: a name declared again in an inner block gets {@code #2}. */
    private final Map<Object, String> localNames = new HashMap<>();
    private final Map<String, Integer> nameUses = new HashMap<>();
    private final Map<String, IASTLabelStatement> labels = new HashMap<>();
    private final Map<String, Integer> labelBlocks = new HashMap<>();
    private final Map<IASTStatement, Integer> caseTargets = new IdentityHashMap<>();
    private List<Ctx> contexts = new ArrayList<>();
    private Block current;
    private int temps;
    /** Inside a finally copy: its AbnormalTermination() value and the body, for label scoping. */
    private Boolean abnormal;
    private IASTStatement finallyBeingCopied;
    private int finallyCopies;
    private String labelScope = "";

    FunctionLowerer(IASTFunctionDefinition definition, String name, Locations locations) {
        this.definition = definition;
        this.name = name;
        this.locations = locations;
        this.scopes = LocalScopes.of(definition);
    }

    Function lower(boolean isStatic, String returnType, List<Annotation> annotations) {
        List<Expr.Var> params = parameters();
        collectLabels(definition.getBody());
        current = newBlock();
        IASTStatement body = definition.getBody();
        SourceLoc end = locations.endOf(body);
        lowerStatement(body);
        if (current != null) {
            terminate(new Terminator.Return(null, end));
        }
        List<Block> reachable = pruneUnreachable();
        return new Function(name, locations.of(definition.getDeclarator()), end, isStatic, returnType, params, reachable,
                annotations, problems);
    }

    // ---------------------------------------------------------------- blocks

    private Block newBlock() {
        Block b = new Block(blocks.size());
        blocks.add(b);
        return b;
    }

    private int newBlockId() {
        return newBlock().id();
    }

    private void emit(org.opensdv.ir.Stmt stmt) {
        if (current == null) {
            current = newBlock(); // code after a jump: unreachable unless labelled, pruned later
        }
        current.statements().add(stmt);
    }

    private void terminate(Terminator t) {
        if (current == null) {
            current = newBlock();
        }
        current.setTerminator(t);
        current = null;
    }

    private void jumpTo(int target, SourceLoc loc) {
        if (current != null) {
            terminate(new Terminator.Goto(target, loc));
        }
    }

    /** Continue lowering in {@code target}, falling into it from the current block. */
    private void continueIn(int target, SourceLoc loc) {
        jumpTo(target, loc);
        current = blocks.get(target);
    }

    private List<Block> pruneUnreachable() {
        int n = blocks.size();
        int[] newId = new int[n];
        java.util.Arrays.fill(newId, -1);
        Deque<Integer> work = new ArrayDeque<>();
        work.push(0);
        boolean[] seen = new boolean[n];
        seen[0] = true;
        List<Integer> order = new ArrayList<>();
        while (!work.isEmpty()) {
            int id = work.pop();
            order.add(id);
            Block b = blocks.get(id);
            if (b.terminator() == null) {
                b.setTerminator(new Terminator.Return(null, locations.endOf(definition.getBody())));
            }
            List<Integer> succ = b.successors();
            for (int i = succ.size() - 1; i >= 0; i--) {
                int s = succ.get(i);
                if (!seen[s]) {
                    seen[s] = true;
                    work.push(s);
                }
            }
        }
        order.sort(Integer::compare);
        List<Block> out = new ArrayList<>();
        for (int id : order) {
            newId[id] = out.size();
            out.add(new Block(out.size()));
        }
        for (int id : order) {
            Block old = blocks.get(id);
            Block b = out.get(newId[id]);
            for (Stmt st : old.statements()) {
                b.statements().add(st instanceof Stmt.Call c && c.raisesTo() >= 0
                        ? new Stmt.Call(c.result(), c.callee(), c.args(), c.loc(), newId[c.raisesTo()],
                                c.pointerFields()) : st);
            }
            b.setTerminator(renumber(old.terminator(), newId));
        }
        return out;
    }

    private static Terminator renumber(Terminator t, int[] newId) {
        if (t instanceof Terminator.Goto g) {
            return new Terminator.Goto(newId[g.target()], g.loc());
        }
        if (t instanceof Terminator.Branch b) {
            return new Terminator.Branch(b.condition(), newId[b.whenTrue()], newId[b.whenFalse()], b.loc(), b.shown());
        }
        if (t instanceof Terminator.Choice c) {
            return new Terminator.Choice(c.targets().stream().map(x -> newId[x]).toList(), c.reason(), c.loc());
        }
        return t;
    }

    // ---------------------------------------------------------------- statements

    private void lowerStatement(IASTStatement s) {
        if (s == null) {
            return;
        }
        if (s instanceof IASTCompoundStatement c) {
            for (IASTStatement inner : c.getStatements()) {
                lowerStatement(inner);
            }
        } else if (s instanceof IASTExpressionStatement es) {
            lowerExpressionStatement(es);
        } else if (s instanceof IASTDeclarationStatement ds) {
            lowerDeclaration(ds.getDeclaration());
        } else if (s instanceof IASTIfStatement is) {
            lowerIf(is);
        } else if (s instanceof IASTWhileStatement ws) {
            lowerWhile(ws);
        } else if (s instanceof IASTDoStatement ds) {
            lowerDo(ds);
        } else if (s instanceof IASTForStatement fs) {
            lowerFor(fs);
        } else if (s instanceof IASTSwitchStatement ss) {
            lowerSwitch(ss);
        } else if (s instanceof IASTCaseStatement || s instanceof IASTDefaultStatement) {
            Integer target = caseTargets.get(s);
            if (target == null) {
                problem(s, "case label outside a switch");
            } else {
                continueIn(target, loc(s));
            }
        } else if (s instanceof IASTBreakStatement) {
            lowerBreakOrContinue(s, true);
        } else if (s instanceof IASTContinueStatement) {
            lowerBreakOrContinue(s, false);
        } else if (s instanceof IASTReturnStatement rs) {
            lowerReturn(rs);
        } else if (s instanceof IASTGotoStatement gs) {
            lowerGoto(gs);
        } else if (s instanceof IASTLabelStatement ls) {
            continueIn(labelBlock(ls), loc(ls));
            lowerStatement(ls.getNestedStatement());
        } else if (s instanceof IASTNullStatement) {
            // nothing
        } else if (s instanceof IASTProblemHolder ph) {
            problem(s, ph.getProblem().getMessageWithLocation());
        } else {
            problem(s, "statement not understood: " + s.getClass().getSimpleName());
        }
    }

    private void lowerExpressionStatement(IASTExpressionStatement es) {
        IASTExpression e = es.getExpression();
        if (e == null) {
            return;
        }
        String marker = markerName(e);
        if (LEAVE.equals(marker)) {
            lowerLeave(es);
            return;
        }
        if (TRY.equals(marker) || FINALLY.equals(marker) || EXCEPT.equals(marker)) {
            problem(es, "__try, __except or __finally in an unexpected place");
            return;
        }
        IASTExpression stripped = stripParens(e);
        if (stripped instanceof IASTFunctionCallExpression call) {
            lowerCall(call, false);
        } else {
            lowerExpr(e); // evaluated for its side effects; the value is dropped
        }
    }

    private void lowerDeclaration(IASTDeclaration decl) {
        if (!(decl instanceof IASTSimpleDeclaration sd)) {
            if (decl instanceof IASTProblemHolder ph) {
                problem(decl, ph.getProblem().getMessageWithLocation());
            }
            return; // asm, nested function definitions, ...
        }
        int storage = sd.getDeclSpecifier().getStorageClass();
        if (storage == org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier.sc_typedef
                || storage == org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier.sc_extern) {
            return;
        }
        for (IASTDeclarator d : sd.getDeclarators()) {
            IASTName n = innermostName(d);
            if (n == null || !(d.getInitializer() instanceof IASTEqualsInitializer init)) {
                continue;
            }
            if (storage == org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier.sc_static) {
                continue; // a static local: initialised once, before any routine runs
            }
            Expr target = variable(n);
            IASTInitializerClause clause = init.getInitializerClause();
            SourceLoc where = loc(d);
            if (clause instanceof IASTExpression e) {
                Expr value = lowerExpr(e);
                emit(new Stmt.Assign(target, value, where));
            } else {
                emit(new Stmt.Assign(target, new Expr.Opaque("{...}"), where));
            }
        }
    }

    private void lowerIf(IASTIfStatement is) {
        IASTExpression cond = is.getConditionExpression();
        String marker = markerName(cond);
        if (TRY.equals(marker)) {
            lowerTry(is);
            return;
        }
        if (FINALLY.equals(marker) || EXCEPT.equals(marker)) {
            problem(is, "__finally or __except without a __try");
            return;
        }
        IASTStatement thenS = is.getThenClause();
        IASTStatement elseS = is.getElseClause();
        if (elseS == null && danglingElse(thenS) != null) {
            elseS = danglingElse(thenS);
        }
        int thenB = newBlockId();
        int elseB = elseS != null ? newBlockId() : -1;
        int after = newBlockId();
        lowerCondition(cond, thenB, elseS != null ? elseB : after);
        current = blocks.get(thenB);
        lowerStatement(thenS);
        jumpTo(after, loc(is));
        if (elseS != null) {
            current = blocks.get(elseB);
            lowerStatement(elseS);
            jumpTo(after, loc(is));
        }
        current = blocks.get(after);
    }

    /**
     * The prelude turns {@code if (c) __try {..} __finally {..} else X} into nested ifs where C binds
     * {@code else X} to the finally marker; it belongs to the outer if.
     */
    private static IASTStatement danglingElse(IASTStatement s) {
        if (s instanceof IASTIfStatement tryIf && TRY.equals(markerName(tryIf.getConditionExpression()))
                && tryIf.getElseClause() instanceof IASTIfStatement handler) {
            return handler.getElseClause();
        }
        return null;
    }

    private void lowerTry(IASTIfStatement tryIf) {
        IASTStatement body = tryIf.getThenClause();
        if (!(tryIf.getElseClause() instanceof IASTIfStatement handler)) {
            problem(tryIf, "__try without __except or __finally");
            lowerStatement(body);
            return;
        }
        IASTExpression handlerCond = handler.getConditionExpression();
        String kind = markerName(handlerCond);
        if (FINALLY.equals(kind)) {
            TryFinally ctx = new TryFinally(body, handler.getThenClause());
            int normalExit = newBlockId();
            contexts.add(ctx);
            contexts.add(new TryBody(normalExit));
            lowerStatement(body);
            pop(2);
            continueIn(normalExit, loc(tryIf));
            lowerFinallyCopy(ctx, false);
        } else if (EXCEPT.equals(kind)) {
            int handlerB = newBlockId();
            int after = newBlockId();
            contexts.add(new TryExcept(handlerB));
            contexts.add(new TryBody(after));
            lowerStatement(body);
            pop(2);
            jumpTo(after, loc(tryIf));
            current = blocks.get(handlerB);
            IASTFunctionCallExpression filterCall = (IASTFunctionCallExpression) stripParens(handlerCond);
            if (filterCall.getArguments().length == 1 && filterCall.getArguments()[0] instanceof IASTExpression f) {
                lowerExpr(f); // the filter runs first; its calls are part of the path
            }
            lowerStatement(handler.getThenClause());
            jumpTo(after, loc(handler));
            current = blocks.get(after);
        } else {
            problem(tryIf, "__try without __except or __finally");
            lowerStatement(body);
        }
    }

    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            contexts.remove(contexts.size() - 1);
        }
    }

    /** Lowers a copy of {@code ctx}'s finally body here, with the contexts outside its __try. */
    private void lowerFinallyCopy(TryFinally ctx, boolean isAbnormal) {
        int index = contexts.lastIndexOf(ctx);
        List<Ctx> saved = contexts;
        Boolean savedAbnormal = abnormal;
        IASTStatement savedCopied = finallyBeingCopied;
        String savedScope = labelScope;
        contexts = new ArrayList<>(index >= 0 ? saved.subList(0, index) : saved);
        abnormal = isAbnormal;
        finallyBeingCopied = ctx.finallyBody;
        labelScope = "finally#" + (++finallyCopies) + ":";
        try {
            lowerStatement(ctx.finallyBody);
        } finally {
            contexts = saved;
            abnormal = savedAbnormal;
            finallyBeingCopied = savedCopied;
            labelScope = savedScope;
        }
    }

    /** Runs the finally bodies of every __try between the top of the stack and {@code depth}. */
    private void unwindTo(int depth) {
        for (int i = contexts.size() - 1; i >= depth; i--) {
            if (contexts.get(i) instanceof TryFinally tf) {
                List<Ctx> saved = contexts;
                contexts = new ArrayList<>(saved.subList(0, i + 1));
                lowerFinallyCopy(tf, true);
                contexts = saved;
            }
        }
    }

    private void lowerLeave(IASTStatement s) {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            if (contexts.get(i) instanceof TryBody tb) {
                unwindTo(i + 1);
                jumpTo(tb.leaveTarget(), loc(s));
                return;
            }
        }
        problem(s, "__leave outside a __try");
    }

    private void lowerBreakOrContinue(IASTStatement s, boolean isBreak) {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            Ctx c = contexts.get(i);
            if (c instanceof Loop l) {
                unwindTo(i + 1);
                jumpTo(isBreak ? l.breakTarget() : l.continueTarget(), loc(s));
                return;
            }
            if (isBreak && c instanceof Switch sw) {
                unwindTo(i + 1);
                jumpTo(sw.breakTarget(), loc(s));
                return;
            }
        }
        problem(s, (isBreak ? "break" : "continue") + " outside a loop");
    }

    private void lowerReturn(IASTReturnStatement rs) {
        SourceLoc where = loc(rs);
        Expr value = null;
        IASTExpression e = rs.getReturnValue();
        if (e != null) {
            value = lowerExpr(e);
            boolean finallyPending = contexts.stream().anyMatch(c -> c instanceof TryFinally);
            if (finallyPending && !(value instanceof Expr.Const)) {
                Expr.Var t = newTemp();
                emit(new Stmt.Assign(t, value, where)); // the value is fixed before the finally runs
                value = t;
            }
        }
        unwindTo(0);
        terminate(new Terminator.Return(value, where));
    }

    private void lowerGoto(IASTGotoStatement gs) {
        String label = gs.getName().toString();
        IASTLabelStatement target = labels.get(label);
        if (target == null) {
            problem(gs, "goto to an unknown label '" + label + "'");
            return;
        }
        int keep = 0;
        for (int i = contexts.size() - 1; i >= 0; i--) {
            if (contexts.get(i) instanceof TryFinally tf && isAncestor(tf.tryBody, target)) {
                keep = i + 1;
                break;
            }
        }
        unwindTo(keep);
        jumpTo(labelBlock(target), loc(gs));
    }

    private int labelBlock(IASTLabelStatement label) {
        String key = label.getName().toString();
        if (finallyBeingCopied != null && isAncestor(finallyBeingCopied, label)) {
            key = labelScope + key; // each finally copy has its own labels
        }
        return labelBlocks.computeIfAbsent(key, k -> newBlockId());
    }

    private void collectLabels(IASTNode node) {
        if (node instanceof IASTLabelStatement ls) {
            labels.putIfAbsent(ls.getName().toString(), ls);
        }
        for (IASTNode child : node.getChildren()) {
            collectLabels(child);
        }
    }

    private static boolean isAncestor(IASTNode ancestor, IASTNode node) {
        for (IASTNode n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void lowerWhile(IASTWhileStatement ws) {
        int head = newBlockId();
        int body = newBlockId();
        int exit = newBlockId();
        continueIn(head, loc(ws));
        lowerCondition(ws.getCondition(), body, exit);
        current = blocks.get(body);
        contexts.add(new Loop(exit, head));
        lowerStatement(ws.getBody());
        pop(1);
        jumpTo(head, loc(ws));
        current = blocks.get(exit);
    }

    private void lowerDo(IASTDoStatement ds) {
        int body = newBlockId();
        int cond = newBlockId();
        int exit = newBlockId();
        continueIn(body, loc(ds));
        contexts.add(new Loop(exit, cond));
        lowerStatement(ds.getBody());
        pop(1);
        continueIn(cond, loc(ds.getCondition()));
        lowerCondition(ds.getCondition(), body, exit);
        current = blocks.get(exit);
    }

    private void lowerFor(IASTForStatement fs) {
        lowerStatement(fs.getInitializerStatement());
        int head = newBlockId();
        int body = newBlockId();
        int step = newBlockId();
        int exit = newBlockId();
        continueIn(head, loc(fs));
        if (fs.getConditionExpression() == null) {
            jumpTo(body, loc(fs));
        } else {
            lowerCondition(fs.getConditionExpression(), body, exit);
        }
        current = blocks.get(body);
        contexts.add(new Loop(exit, step));
        lowerStatement(fs.getBody());
        pop(1);
        continueIn(step, loc(fs));
        if (fs.getIterationExpression() != null) {
            lowerExpr(fs.getIterationExpression());
        }
        jumpTo(head, loc(fs));
        current = blocks.get(exit);
    }

    private void lowerSwitch(IASTSwitchStatement ss) {
        SourceLoc where = loc(ss);
        Expr value = lowerExpr(ss.getControllerExpression());
        if (!(value instanceof Expr.Var || value instanceof Expr.Const)) {
            Expr.Var t = newTemp();
            emit(new Stmt.Assign(t, value, where));
            value = t;
        }
        List<IASTStatement> cases = new ArrayList<>();
        collectCases(ss.getBody(), cases);
        int exit = newBlockId();
        Integer defaultTarget = null;
        for (IASTStatement c : cases) {
            int target = newBlockId();
            caseTargets.put(c, target);
            if (c instanceof IASTDefaultStatement) {
                defaultTarget = target;
            }
        }
        for (IASTStatement c : cases) {
            if (c instanceof IASTCaseStatement cs) {
                Expr label = lowerExpr(cs.getExpression());
                if (label instanceof Expr.Const k) {
                    label = new Expr.Const(k.value(), locations.constantText(cs.getExpression(), k.value(), k.text()));
                }
                int next = newBlockId();
                if (current == null) {
                    current = newBlock();
                }
                terminate(new Terminator.Branch(new Expr.Binary("==", value, label), caseTargets.get(c), next,
                        loc(cs)));
                current = blocks.get(next);
            }
        }
        jumpTo(defaultTarget != null ? defaultTarget : exit, where);
        contexts.add(new Switch(exit));
        lowerStatement(ss.getBody()); // code before the first label is unreachable
        pop(1);
        jumpTo(exit, where);
        current = blocks.get(exit);
    }

    /** Case labels belonging to this switch (not to a nested one), in source order. */
    private static void collectCases(IASTNode node, List<IASTStatement> out) {
        if (node instanceof IASTCaseStatement || node instanceof IASTDefaultStatement) {
            out.add((IASTStatement) node);
        }
        if (node instanceof IASTSwitchStatement) {
            return;
        }
        for (IASTNode child : node.getChildren()) {
            if (!(child instanceof IASTSwitchStatement)) {
                collectCases(child, out);
            }
        }
    }

    // ---------------------------------------------------------------- conditions

    /** Lowers {@code e} as a branch condition: {@code &&}, {@code ||}, {@code !}, {@code ?:} become edges. */
    private void lowerCondition(IASTExpression e, int whenTrue, int whenFalse) {
        IASTExpression s = stripParens(e);
        if (s instanceof IASTBinaryExpression b && (b.getOperator() == IASTBinaryExpression.op_logicalAnd
                || b.getOperator() == IASTBinaryExpression.op_logicalOr)) {
            int mid = newBlockId();
            if (b.getOperator() == IASTBinaryExpression.op_logicalAnd) {
                lowerCondition(b.getOperand1(), mid, whenFalse);
            } else {
                lowerCondition(b.getOperand1(), whenTrue, mid);
            }
            current = blocks.get(mid);
            lowerCondition(b.getOperand2(), whenTrue, whenFalse);
            return;
        }
        if (s instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
            lowerCondition(u.getOperand(), whenFalse, whenTrue);
            return;
        }
        if (s instanceof IASTConditionalExpression c && c.getPositiveResultExpression() != null) {
            int pos = newBlockId();
            int neg = newBlockId();
            lowerCondition(c.getLogicalConditionExpression(), pos, neg);
            current = blocks.get(pos);
            lowerCondition(c.getPositiveResultExpression(), whenTrue, whenFalse);
            current = blocks.get(neg);
            lowerCondition(c.getNegativeResultExpression(), whenTrue, whenFalse);
            return;
        }
        if (s instanceof IASTExpressionList list) {
            IASTExpression[] parts = list.getExpressions();
            for (int i = 0; i < parts.length - 1; i++) {
                lowerExpr(parts[i]);
            }
            lowerCondition(parts[parts.length - 1], whenTrue, whenFalse);
            return;
        }
        Expr value = lowerExpr(e);
        SourceLoc where = loc(e);
        if (value instanceof Expr.Const k) {
            jumpTo(k.value() != 0 ? whenTrue : whenFalse, where);
        } else {
            if (current == null) {
                current = newBlock();
            }
            terminate(new Terminator.Branch(value, whenTrue, whenFalse, where, locations.conditionText(s, value)));
        }
    }

    // ---------------------------------------------------------------- expressions

    private Expr lowerExpr(IASTExpression e) {
        if (e == null) {
            return new Expr.Opaque("");
        }
        if (e instanceof IASTLiteralExpression lit) {
            return literal(lit);
        }
        if (e instanceof IASTIdExpression id) {
            return variable(id.getName());
        }
        if (e instanceof IASTUnaryExpression u) {
            return lowerUnary(u);
        }
        if (e instanceof IASTBinaryExpression b) {
            return lowerBinary(b);
        }
        if (e instanceof IASTFunctionCallExpression call) {
            return lowerCall(call, true);
        }
        if (e instanceof IASTFieldReference f) {
            Expr owner = lowerExpr(f.getFieldOwner());
            String field = f.getFieldName().toString();
            return new Expr.Field(f.isPointerDereference() ? new Expr.Deref(owner) : owner, field);
        }
        if (e instanceof IASTArraySubscriptExpression a) {
            Expr base = lowerExpr(a.getArrayExpression());
            Expr index = a.getArgument() instanceof IASTExpression ie ? lowerExpr(ie) : new Expr.Opaque("?");
            return new Expr.Index(base, index);
        }
        if (e instanceof IASTCastExpression c) {
            Expr operand = lowerExpr(c.getOperand());
            String type = ASTSignatureUtil.getSignature(c.getTypeId());
            if (operand instanceof Expr.Const k) { // (NTSTATUS)0xC0000001L is negative
                long converted = IntegerTypes.convert(type, k.value());
                return new Expr.Const(converted, locations.constantText(c, converted, k.text()));
            }
            return new Expr.Cast(type, operand);
        }
        if (e instanceof IASTConditionalExpression c) {
            return lowerConditionalValue(c);
        }
        if (e instanceof IASTExpressionList list) {
            Expr last = new Expr.Opaque("");
            for (IASTExpression part : list.getExpressions()) {
                last = lowerExpr(part);
            }
            return last;
        }
        if (e instanceof IASTTypeIdExpression) {
            return new Expr.Opaque(e.getRawSignature());
        }
        if (e instanceof IGNUASTCompoundStatementExpression gnu) {
            IASTStatement[] parts = gnu.getCompoundStatement().getStatements();
            for (int i = 0; i < parts.length - 1; i++) {
                lowerStatement(parts[i]);
            }
            if (parts.length > 0 && parts[parts.length - 1] instanceof IASTExpressionStatement last) {
                return lowerExpr(last.getExpression());
            }
            if (parts.length > 0) {
                lowerStatement(parts[parts.length - 1]);
            }
            return new Expr.Opaque("({...})");
        }
        if (e instanceof IASTProblemHolder ph) {
            problem(e, ph.getProblem().getMessageWithLocation());
            return new Expr.Opaque("?");
        }
        return new Expr.Opaque(e.getRawSignature());
    }

    /** The declared parameter types of the function a call names; none when CDT cannot tell. */
    private static IType[] parameterTypes(IASTIdExpression name) {
        try {
            return name.getName().resolveBinding() instanceof IFunction f ? f.getType().getParameterTypes()
                    : new IType[0];
        } catch (RuntimeException e) {
            return new IType[0];
        }
    }

    /** Is {@code type} {@code void *}, through typedefs and qualifiers ({@code PVOID})? */
    private static boolean isVoidPointer(IType type) {
        return withoutTypedefs(type) instanceof IPointerType p
                && withoutTypedefs(p.getType()) instanceof IBasicType b && b.getKind() == IBasicType.Kind.eVoid;
    }

    /**
     * For an argument passed as a {@code void *} (the parameter of {@code memset}, which
     * {@code RtlZeroMemory} calls, erases the type), the fields that may hold a pointer
     * ({@link #pointerFields(IType, int)}) of the object it points to, from its type with its
     * casts taken off; an array argument is its first element's address. Null when unknown.
     */
    private Set<String> pointerFieldsPointedTo(IASTExpression argument) {
        IASTExpression e = argument;
        while (true) {
            if (e instanceof IASTCastExpression c) {
                e = c.getOperand();
            } else if (e instanceof IASTUnaryExpression u
                    && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
                e = u.getOperand();
            } else {
                break;
            }
        }
        IType t = withoutTypedefs(typeOfExpression(e));
        Set<String> fields = t instanceof IPointerType p ? pointerFields(p.getType(), 0)
                : t instanceof IArrayType a ? pointerFields(a.getType(), 0) : null;
        return fields == TOO_DEEP ? null : fields;
    }

    /**
     * An assignment's target; through a pointer ({@code *Char}), whether the pointer's type says the
     * object holds no pointer (the analysis asks whether a write may change a link it follows).
     */
    private Expr lowerTarget(IASTExpression e) {
        Expr target = lowerExpr(e);
        if (target instanceof Expr.Deref d) {
            return new Expr.Deref(d.pointer(), holdsNoPointer(typeOfExpression(e)));
        }
        return target;
    }

    private static IType typeOfExpression(IASTExpression e) {
        try {
            return e.getExpressionType();
        } catch (RuntimeException ex) {
            return null; // a type CDT cannot work out counts as unknown
        }
    }

    /**
     * Is {@code type}, seen through typedefs and qualifiers, made of numbers only: a character, an
     * integer, a floating type, an enumeration, or an array, structure or union of such (a
     * directory entry, a {@code LARGE_INTEGER})? Unknown types count as holding a pointer.
     */
    private boolean holdsNoPointer(IType type) {
        Set<String> fields = pointerFields(type, 0);
        return fields != null && fields != TOO_DEEP && fields.isEmpty();
    }

    /** {@code type} seen through typedefs and qualifiers (at most 64 of them). */
    private static IType withoutTypedefs(IType type) {
        IType t = type;
        for (int i = 0; i < 64 && (t instanceof ITypedef || t instanceof IQualifierType); i++) {
            t = t instanceof ITypedef td ? td.getType() : ((IQualifierType) t).getType();
        }
        return t;
    }

    /** What {@link #pointerFields(IType, int)} gives when parts nest more than 64 deep: unknown, not kept. */
    private static final Set<String> TOO_DEEP = java.util.Collections.unmodifiableSet(new HashSet<>());

    /** Per structure or union type, once found (a type nests others many times over); null when unknown. */
    private final Map<IType, Set<String>> pointerFieldsOfTypes = new HashMap<>();

    /**
     * The names of the fields that may hold a pointer in an object of {@code type}, seen through
     * typedefs and qualifiers, nested structures, unions and arrays included ({@code VcbLinks}'s
     * {@code Flink} and {@code Blink} in a {@code VCB}); empty for an object of numbers only (a
     * character, an integer, a floating type, an enumeration, or an array, structure or union of
     * such: a directory entry, a {@code LARGE_INTEGER}). Null when unknown: a pointer itself (no
     * field names it), {@code void}, or a type that cannot be resolved or is only declared here;
     * {@link #TOO_DEEP} when parts nest more than 64 deep ({@code depth} counts them).
     */
    private Set<String> pointerFields(IType type, int depth) {
        IType t = withoutTypedefs(type);
        if (t instanceof IBasicType basic) {
            return basic.getKind() == IBasicType.Kind.eVoid || basic.getKind() == IBasicType.Kind.eUnspecified
                    ? null : Set.of();
        }
        if (t instanceof IEnumeration) {
            return Set.of();
        }
        if (depth >= 64) {
            return TOO_DEEP;
        }
        if (t instanceof IArrayType array) {
            return pointerFields(array.getType(), depth + 1);
        }
        if (!(t instanceof ICompositeType composite)) {
            return null;
        }
        if (pointerFieldsOfTypes.containsKey(composite)) {
            return pointerFieldsOfTypes.get(composite);
        }
        Set<String> found = new HashSet<>();
        try {
            IField[] fields = composite.getFields();
            if (fields.length == 0) {
                found = null; // declared, not defined here
            }
            for (int i = 0; found != null && i < fields.length; i++) {
                Set<String> part = pointerFields(fields[i].getType(), depth + 1);
                if (part == TOO_DEEP) {
                    return TOO_DEEP;
                }
                if (part != null) {
                    found.addAll(part);
                } else if (isPointer(fields[i].getType())) {
                    found.add(fields[i].getName());
                } else {
                    found = null;
                }
            }
        } catch (RuntimeException e) {
            found = null;
        }
        Set<String> result = found == null ? null : Set.copyOf(found);
        pointerFieldsOfTypes.put(composite, result);
        return result;
    }

    /** Is {@code type} a pointer (to data or a function), or an array of them? */
    private static boolean isPointer(IType type) {
        IType t = withoutTypedefs(type);
        for (int i = 0; i < 64 && t instanceof IArrayType a; i++) {
            t = withoutTypedefs(a.getType());
        }
        return t instanceof IPointerType || t instanceof IFunctionType;
    }

    private Expr lowerUnary(IASTUnaryExpression u) {
        int op = u.getOperator();
        switch (op) {
            case IASTUnaryExpression.op_bracketedPrimary:
                return lowerExpr(u.getOperand());
            case IASTUnaryExpression.op_amper:
                return new Expr.AddrOf(lowerExpr(u.getOperand()));
            case IASTUnaryExpression.op_star:
                return new Expr.Deref(lowerExpr(u.getOperand()));
            case IASTUnaryExpression.op_minus:
                return fold("-", lowerExpr(u.getOperand()));
            case IASTUnaryExpression.op_plus:
                return lowerExpr(u.getOperand());
            case IASTUnaryExpression.op_not:
                return fold("!", lowerExpr(u.getOperand()));
            case IASTUnaryExpression.op_tilde:
                return fold("~", lowerExpr(u.getOperand()));
            case IASTUnaryExpression.op_sizeof:
            case IASTUnaryExpression.op_alignOf:
                return new Expr.Opaque(u.getRawSignature());
            case IASTUnaryExpression.op_prefixIncr:
            case IASTUnaryExpression.op_prefixDecr: {
                Expr target = lowerTarget(u.getOperand());
                String bop = op == IASTUnaryExpression.op_prefixIncr ? "+" : "-";
                emit(new Stmt.Assign(target, new Expr.Binary(bop, target, Expr.Const.of(1)), loc(u)));
                return target;
            }
            case IASTUnaryExpression.op_postFixIncr:
            case IASTUnaryExpression.op_postFixDecr: {
                Expr target = lowerTarget(u.getOperand());
                Expr.Var old = newTemp();
                emit(new Stmt.Assign(old, target, loc(u)));
                String bop = op == IASTUnaryExpression.op_postFixIncr ? "+" : "-";
                emit(new Stmt.Assign(target, new Expr.Binary(bop, target, Expr.Const.of(1)), loc(u)));
                return old;
            }
            default:
                return new Expr.Opaque(u.getRawSignature());
        }
    }

    private static final Map<Integer, String> BINARY_OPS = Map.ofEntries(
            Map.entry(IASTBinaryExpression.op_multiply, "*"), Map.entry(IASTBinaryExpression.op_divide, "/"),
            Map.entry(IASTBinaryExpression.op_modulo, "%"), Map.entry(IASTBinaryExpression.op_plus, "+"),
            Map.entry(IASTBinaryExpression.op_minus, "-"), Map.entry(IASTBinaryExpression.op_shiftLeft, "<<"),
            Map.entry(IASTBinaryExpression.op_shiftRight, ">>"), Map.entry(IASTBinaryExpression.op_lessThan, "<"),
            Map.entry(IASTBinaryExpression.op_greaterThan, ">"),
            Map.entry(IASTBinaryExpression.op_lessEqual, "<="),
            Map.entry(IASTBinaryExpression.op_greaterEqual, ">="),
            Map.entry(IASTBinaryExpression.op_binaryAnd, "&"), Map.entry(IASTBinaryExpression.op_binaryXor, "^"),
            Map.entry(IASTBinaryExpression.op_binaryOr, "|"), Map.entry(IASTBinaryExpression.op_equals, "=="),
            Map.entry(IASTBinaryExpression.op_notequals, "!="));
    private static final Map<Integer, String> COMPOUND_OPS = Map.ofEntries(
            Map.entry(IASTBinaryExpression.op_multiplyAssign, "*"),
            Map.entry(IASTBinaryExpression.op_divideAssign, "/"),
            Map.entry(IASTBinaryExpression.op_moduloAssign, "%"),
            Map.entry(IASTBinaryExpression.op_plusAssign, "+"),
            Map.entry(IASTBinaryExpression.op_minusAssign, "-"),
            Map.entry(IASTBinaryExpression.op_shiftLeftAssign, "<<"),
            Map.entry(IASTBinaryExpression.op_shiftRightAssign, ">>"),
            Map.entry(IASTBinaryExpression.op_binaryAndAssign, "&"),
            Map.entry(IASTBinaryExpression.op_binaryXorAssign, "^"),
            Map.entry(IASTBinaryExpression.op_binaryOrAssign, "|"));

    private Expr lowerBinary(IASTBinaryExpression b) {
        int op = b.getOperator();
        if (op == IASTBinaryExpression.op_assign) {
            Expr target = lowerTarget(b.getOperand1());
            Expr value = b.getInitOperand2() instanceof IASTExpression e ? lowerExpr(e) : new Expr.Opaque("{...}");
            emit(new Stmt.Assign(target, value, loc(b)));
            return target;
        }
        if (COMPOUND_OPS.containsKey(op)) {
            Expr target = lowerTarget(b.getOperand1());
            Expr value = lowerExpr(b.getOperand2());
            emit(new Stmt.Assign(target, new Expr.Binary(COMPOUND_OPS.get(op), target, value), loc(b)));
            return target;
        }
        if (op == IASTBinaryExpression.op_logicalAnd || op == IASTBinaryExpression.op_logicalOr) {
            return valueOfCondition(b);
        }
        String sym = BINARY_OPS.get(op);
        Expr left = lowerExpr(b.getOperand1());
        Expr right = lowerExpr(b.getOperand2());
        return sym == null ? new Expr.Opaque(b.getRawSignature()) : fold(sym, left, right);
    }

    /** {@code x = a && b} and friends: branches that set a 0/1 temporary. */
    private Expr valueOfCondition(IASTExpression e) {
        Expr.Var t = newTemp();
        int yes = newBlockId();
        int no = newBlockId();
        int join = newBlockId();
        lowerCondition(e, yes, no);
        current = blocks.get(yes);
        emit(new Stmt.Assign(t, Expr.Const.of(1), loc(e)));
        jumpTo(join, loc(e));
        current = blocks.get(no);
        emit(new Stmt.Assign(t, Expr.Const.of(0), loc(e)));
        jumpTo(join, loc(e));
        current = blocks.get(join);
        return t;
    }

    private Expr lowerConditionalValue(IASTConditionalExpression c) {
        Expr.Var t = newTemp();
        int pos = newBlockId();
        int neg = newBlockId();
        int join = newBlockId();
        SourceLoc where = loc(c);
        if (c.getPositiveResultExpression() == null) { // GNU "a ?: b"
            Expr cond = lowerExpr(c.getLogicalConditionExpression());
            emit(new Stmt.Assign(t, cond, where));
            terminate(new Terminator.Branch(t, join, neg, where));
        } else {
            lowerCondition(c.getLogicalConditionExpression(), pos, neg);
            current = blocks.get(pos);
            emit(new Stmt.Assign(t, lowerExpr(c.getPositiveResultExpression()), where));
            jumpTo(join, where);
        }
        current = blocks.get(neg);
        emit(new Stmt.Assign(t, lowerExpr(c.getNegativeResultExpression()), where));
        jumpTo(join, where);
        current = blocks.get(join);
        return t;
    }

    private Expr lowerCall(IASTFunctionCallExpression call, boolean valueUsed) {
        IASTExpression nameExpr = stripParens(call.getFunctionNameExpression());
        SourceLoc where = loc(call);
        String marker = markerName(call);
        if (ABNORMAL.equals(marker)) {
            return abnormal == null ? new Expr.Opaque("AbnormalTermination()") : Expr.Const.of(abnormal ? 1 : 0);
        }
        if (LEAVE.equals(marker)) {
            problem(call, "__leave used as a value");
            return new Expr.Opaque("__leave");
        }
        Expr callee;
        if (nameExpr instanceof IASTIdExpression id) {
            callee = callee(id.getName());
        } else {
            callee = lowerExpr(nameExpr);
        }
        List<Expr> args = new ArrayList<>();
        Map<Integer, Set<String>> pointerFields = new HashMap<>();
        IType[] parameters = callee instanceof Expr.FuncRef && nameExpr instanceof IASTIdExpression id
                ? parameterTypes(id) : new IType[0];
        for (var arg : call.getArguments()) {
            int i = args.size();
            Set<String> fields = i < parameters.length && isVoidPointer(parameters[i])
                    && arg instanceof IASTExpression ae ? pointerFieldsPointedTo(ae) : null;
            if (fields != null) {
                pointerFields.put(i, fields);
            }
            args.add(arg instanceof IASTExpression ae ? lowerExpr(ae) : new Expr.Opaque("{...}"));
        }
        exceptionEdge(where);
        int raisesTo = raiseTarget(contexts.size());
        Expr.Var result = valueUsed ? newTemp() : null;
        emit(new Stmt.Call(result, callee, args, where, raisesTo, pointerFields));
        return result;
    }

    /** A called name: a function, or a variable holding a function pointer. */
    private Expr callee(IASTName n) {
        LocalScopes.Declared declared = scopes.of(n);
        if (declared != null) {
            return variable(n);
        }
        return n.resolveBinding() instanceof IVariable ? variable(n) : new Expr.FuncRef(n.toString());
    }

    /** Inside a __try with an __except, the call about to be made may raise instead. */
    private void exceptionEdge(SourceLoc where) {
        int target = exceptionTarget(contexts.size());
        if (target < 0) {
            return;
        }
        int next = newBlockId();
        if (current == null) {
            current = newBlock();
        }
        terminate(new Terminator.Choice(List.of(next, target), "exception", where));
        current = blocks.get(next);
    }

    /**
     * Where an exception raised in a call made with {@code contexts[0..depth)} active goes on in this
     * function: to the handler (see {@link #exceptionTarget}) or, with none here, through the abnormal
     * copies of the enclosing finally bodies to a {@link Terminator.Raise}; -1 when no __try encloses
     * the call and the exception leaves the function at once.
     */
    private int raiseTarget(int depth) {
        int handler = exceptionTarget(depth);
        if (handler >= 0) {
            return handler;
        }
        for (int i = depth - 1; i >= 0; i--) {
            if (contexts.get(i) instanceof TryFinally tf) {
                if (tf.raisePath == null) {
                    Block saved = current;
                    List<Ctx> savedContexts = contexts;
                    current = newBlock();
                    tf.raisePath = current.id();
                    contexts = new ArrayList<>(savedContexts.subList(0, i + 1));
                    lowerFinallyCopy(tf, true);
                    contexts = new ArrayList<>(savedContexts.subList(0, i));
                    int onward = raiseTarget(i);
                    if (onward >= 0) {
                        jumpTo(onward, SourceLoc.UNKNOWN);
                    } else if (current != null) {
                        terminate(new Terminator.Raise(locations.endOf(tf.finallyBody)));
                    }
                    contexts = savedContexts;
                    current = saved;
                }
                return tf.raisePath;
            }
        }
        return -1;
    }

    /** Where an exception raised with {@code contexts[0..depth)} active goes, or -1 when nowhere here. */
    private int exceptionTarget(int depth) {
        for (int i = depth - 1; i >= 0; i--) {
            Ctx c = contexts.get(i);
            if (c instanceof TryExcept te) {
                return te.handler();
            }
            if (c instanceof TryFinally tf) {
                if (exceptionTarget(i) < 0) {
                    return -1; // no handler in this function: the exception leaves it
                }
                if (tf.exceptionPath == null) {
                    Block saved = current;
                    List<Ctx> savedContexts = contexts;
                    current = newBlock();
                    tf.exceptionPath = current.id();
                    contexts = new ArrayList<>(savedContexts.subList(0, i + 1));
                    lowerFinallyCopy(tf, true);
                    contexts = new ArrayList<>(savedContexts.subList(0, i));
                    int onward = exceptionTarget(i);
                    jumpTo(onward, SourceLoc.UNKNOWN);
                    contexts = savedContexts;
                    current = saved;
                }
                return tf.exceptionPath;
            }
        }
        return -1;
    }

    private Expr literal(IASTLiteralExpression lit) {
        String text = new String(lit.getValue());
        switch (lit.getKind()) {
            case IASTLiteralExpression.lk_integer_constant: {
                Long v = parseInteger(text);
                return v == null ? new Expr.Opaque(text) : new Expr.Const(v, locations.constantText(lit, v, text));
            }
            case IASTLiteralExpression.lk_char_constant: {
                Long v = parseChar(text);
                return v == null ? new Expr.Opaque(text) : new Expr.Const(v, text);
            }
            case IASTLiteralExpression.lk_string_literal:
                return new Expr.Str(text);
            default:
                return new Expr.Opaque(text);
        }
    }

    static Long parseInteger(String text) {
        String t = text.toLowerCase().replace("'", "");
        while (!t.isEmpty() && (t.endsWith("u") || t.endsWith("l") || t.endsWith("i64") || t.endsWith("i32")
                || t.endsWith("i16") || t.endsWith("i8"))) {
            t = t.endsWith("u") || t.endsWith("l") ? t.substring(0, t.length() - 1)
                    : t.substring(0, t.lastIndexOf('i'));
        }
        try {
            if (t.startsWith("0x")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.startsWith("0b")) {
                return Long.parseUnsignedLong(t.substring(2), 2);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseUnsignedLong(t.substring(1), 8);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Long parseChar(String text) {
        int open = text.indexOf('\'');
        int close = text.lastIndexOf('\'');
        if (open < 0 || close <= open + 1) {
            return null;
        }
        String body = text.substring(open + 1, close);
        if (body.length() == 1) {
            return (long) body.charAt(0);
        }
        if (body.startsWith("\\")) {
            return switch (body) {
                case "\\n" -> 10L;
                case "\\t" -> 9L;
                case "\\r" -> 13L;
                case "\\0" -> 0L;
                case "\\\\" -> 92L;
                case "\\'" -> 39L;
                case "\\\"" -> 34L;
                default -> null;
            };
        }
        return null;
    }

    private static Expr fold(String op, Expr operand) {
        return operand instanceof Expr.Const k ? Expr.Const.of(Arithmetic.unary(op, k.value())) : new Expr.Unary(op, operand);
    }

    private static Expr fold(String op, Expr l, Expr r) {
        if (l instanceof Expr.Const a && r instanceof Expr.Const b) {
            Long v = Arithmetic.binary(op, a.value(), b.value());
            if (v != null) {
                return Expr.Const.of(v);
            }
        }
        return new Expr.Binary(op, l, r);
    }

    // ---------------------------------------------------------------- names

    private List<Expr.Var> parameters() {
        List<Expr.Var> params = new ArrayList<>();
        for (LocalScopes.Parameter p : scopes.parameters()) {
            params.add(new Expr.Var(p.name(), Expr.VarKind.PARAM, p.type()));
            nameUses.put(p.name(), 1); // a local of the same name in an inner block is another variable
        }
        return params;
    }

    private Expr variable(IASTName n) {
        String text = n.toString();
        LocalScopes.Declared declared = scopes.of(n);
        if (declared instanceof LocalScopes.Parameter p) {
            return new Expr.Var(p.name(), Expr.VarKind.PARAM, p.type());
        }
        if (declared instanceof LocalScopes.Local l) {
            switch (l.storage()) {
                case STATIC:
                    return new Expr.Var(name + "::" + text, Expr.VarKind.GLOBAL, l.type());
                case EXTERN:
                    return new Expr.Var(text, Expr.VarKind.GLOBAL, l.type());
                case FUNCTION:
                    return new Expr.FuncRef(text);
                default:
                    return new Expr.Var(localName(l.declarator(), text), Expr.VarKind.LOCAL, l.type());
            }
        }
        return declaredOutside(n, text);
    }

    /** A name the function does not declare, resolved through CDT: a global, enumerator or function. */
    private Expr declaredOutside(IASTName n, String text) {
        IBinding b = n.resolveBinding();
        if (b instanceof IParameter) {
            return new Expr.Var(text, Expr.VarKind.PARAM, typeOf(b)); // K&R-style parameter lists
        }
        if (b instanceof IEnumerator en) {
            Long v = enumValue(en);
            return v == null ? new Expr.Var(text, Expr.VarKind.GLOBAL, null) : new Expr.Const(v, text);
        }
        if (b instanceof IFunction) {
            return new Expr.FuncRef(text);
        }
        if (b instanceof IVariable v) {
            if (isLocal(v)) {
                if (v.isStatic()) {
                    return new Expr.Var(name + "::" + text, Expr.VarKind.GLOBAL, typeOf(v));
                }
                return new Expr.Var(localName(v, text), Expr.VarKind.LOCAL, typeOf(v));
            }
            return new Expr.Var(text, Expr.VarKind.GLOBAL, typeOf(v));
        }
        return new Expr.Var(text, Expr.VarKind.GLOBAL, null); // undeclared: a macro or header we lack
    }

    private String localName(Object declaration, String text) {
        return localNames.computeIfAbsent(declaration, k -> {
            int uses = nameUses.merge(text, 1, Integer::sum);
            return uses == 1 ? text : text + "#" + uses;
        });
    }

    private static boolean isLocal(IVariable v) {
        try {
            IScope scope = v.getScope();
            return scope != null && scope.getKind() == EScopeKind.eLocal;
        } catch (DOMException e) {
            return false;
        }
    }

    private static String typeOf(IBinding b) {
        try {
            if (b instanceof IVariable v) {
                return ASTTypeUtil.getType(v.getType());
            }
        } catch (RuntimeException e) {
            // an unresolvable type stays unnamed
        }
        return null;
    }

    private static Long enumValue(IEnumerator en) {
        try {
            IValue v = en.getValue();
            Number n = v == null ? null : v.numberValue();
            return n == null ? null : n.longValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static IASTName innermostName(IASTDeclarator d) {
        IASTDeclarator cur = d;
        while (cur != null && cur.getNestedDeclarator() != null) {
            cur = cur.getNestedDeclarator();
        }
        return cur == null ? null : cur.getName();
    }

    private Expr.Var newTemp() {
        return new Expr.Var("$t" + (++temps), Expr.VarKind.TEMP, null);
    }

    // ---------------------------------------------------------------- helpers

    static IASTExpression stripParens(IASTExpression e) {
        IASTExpression cur = e;
        while (cur instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
            cur = u.getOperand();
        }
        return cur;
    }

    /** The name of a prelude marker call ({@code __opensdv_...()}), or null. */
    static String markerName(IASTExpression e) {
        if (e == null) {
            return null;
        }
        if (stripParens(e) instanceof IASTFunctionCallExpression call
                && stripParens(call.getFunctionNameExpression()) instanceof IASTIdExpression id) {
            String n = id.getName().toString();
            if (n.equals("_abnormal_termination") || n.equals("AbnormalTermination")) {
                return ABNORMAL; // real excpt.h maps AbnormalTermination to the CRT's function
            }
            return n.startsWith("__opensdv_") ? n : null;
        }
        return null;
    }

    private SourceLoc loc(IASTNode node) {
        return locations.of(node);
    }

    private void problem(IASTNode node, String message) {
        SourceLoc l = loc(node);
        problems.add(new Problem(l.file(), l.line(), name, message));
    }
}
