package org.opensdv.ir;

import java.util.List;

/** How a basic block ends. Targets are block ids of the same function. */
public sealed interface Terminator {
    SourceLoc loc();

    List<Integer> successors();

    record Goto(int target, SourceLoc loc) implements Terminator {
        @Override
        public List<Integer> successors() {
            return List.of(target);
        }
    }

    /** Two-way branch on {@code condition != 0}. */
    /**
     * A two-way branch on {@code condition}; {@code shown} is how traces show the condition — as
     * written where the source has it (a call's value tested by a temporary is shown as the call),
     * or null to show the condition itself.
     */
    record Branch(Expr condition, int whenTrue, int whenFalse, SourceLoc loc, String shown) implements Terminator {
        public Branch(Expr condition, int whenTrue, int whenFalse, SourceLoc loc) {
            this(condition, whenTrue, whenFalse, loc, null);
        }

        /** The condition as a trace shows it. */
        public String text() {
            return shown != null ? shown : condition.toString();
        }

        @Override
        public List<Integer> successors() {
            return List.of(whenTrue, whenFalse);
        }
    }

    /**
     * A choice the program does not control: today only "this call may raise an exception", whose
     * targets are the normal continuation first and the exception path second.
     */
    record Choice(List<Integer> targets, String reason, SourceLoc loc) implements Terminator {
        public Choice {
            targets = List.copyOf(targets);
        }

        @Override
        public List<Integer> successors() {
            return targets;
        }
    }

    /**
     * An exception raised in this function leaves it here, after the {@code __finally} blocks it
     * passed through have run.
     */
    record Raise(SourceLoc loc) implements Terminator {
        @Override
        public List<Integer> successors() {
            return List.of();
        }
    }

    record Return(Expr value, SourceLoc loc) implements Terminator {
        @Override
        public List<Integer> successors() {
            return List.of();
        }
    }
}
