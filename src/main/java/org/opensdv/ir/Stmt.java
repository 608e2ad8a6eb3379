package org.opensdv.ir;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Statements of a basic block: three-address, each with its source location. */
public sealed interface Stmt {
    SourceLoc loc();

    record Assign(Expr target, Expr value, SourceLoc loc) implements Stmt {
        @Override
        public String toString() {
            return target + " = " + value;
        }
    }

    /**
     * A call. {@code callee} is a {@link Expr.FuncRef} for a direct call, any other expression for a call
     * through a pointer; {@code result} is the temporary receiving the value, or null when unused.
     * {@code raisesTo} is the block where an exception raised in the call goes on in this function
     * (its {@code __except} handler, or the {@code __finally} blocks it leaves through), or -1 when
     * it leaves the function at once. {@code pointerFields}: for the arguments whose type, before any
     * cast, says what object they point to, the names of that object's fields that may hold a
     * pointer ({@code RtlZeroMemory(Vcb, ...)} with {@code Vcb} a {@code PVCB}; none for an object
     * of numbers), for the analysis to ask which links a memory fill may change; an argument
     * missing is unknown (a {@code PVOID}, a pointer to a pointer, an unresolved type).
     */
    record Call(Expr.Var result, Expr callee, List<Expr> args, SourceLoc loc, int raisesTo,
            Map<Integer, Set<String>> pointerFields) implements Stmt {
        public Call {
            args = List.copyOf(args);
            pointerFields = Map.copyOf(pointerFields);
        }

        public Call(Expr.Var result, Expr callee, List<Expr> args, SourceLoc loc, int raisesTo) {
            this(result, callee, args, loc, raisesTo, Map.of());
        }

        public Call(Expr.Var result, Expr callee, List<Expr> args, SourceLoc loc) {
            this(result, callee, args, loc, -1);
        }

        /** The called function's name for a direct call, else null. */
        public String calleeName() {
            return callee instanceof Expr.FuncRef f ? f.name() : null;
        }

        /** The call as the IR writes it, without its result: {@code WhLastNode(Volume->Files)}. */
        public String callText() {
            return callee + "(" + String.join(", ", args.stream().map(Object::toString).toList()) + ")";
        }

        @Override
        public String toString() {
            return result == null ? callText() : result + " = " + callText();
        }
    }
}
