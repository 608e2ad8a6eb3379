package org.opensdv.ir;

import java.util.List;

/** One function definition lowered to a control-flow graph; block 0 is the entry. */
public record Function(
        String name,
        SourceLoc loc,
        SourceLoc endLoc,
        boolean isStatic,
        String returnType,
        List<Expr.Var> parameters,
        List<Block> blocks,
        List<Annotation> annotations,
        List<Problem> problems) {

    public Block entry() {
        return blocks.get(0);
    }

    public Block block(int id) {
        return blocks.get(id);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Readable dump of the CFG, for debugging and tests. */
    public String dump() {
        StringBuilder sb = new StringBuilder(name).append(parameters).append('\n');
        blocks.forEach(sb::append);
        return sb.toString();
    }
}
