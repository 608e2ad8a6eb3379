package org.opensdv.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line statements, then one terminator. */
public final class Block {
    private final int id;
    private final List<Stmt> statements = new ArrayList<>();
    private Terminator terminator;

    public Block(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public List<Stmt> statements() {
        return statements;
    }

    public Terminator terminator() {
        return terminator;
    }

    public void setTerminator(Terminator terminator) {
        this.terminator = terminator;
    }

    /** The terminator's targets, then where exceptions raised in its calls go on (each once). */
    public List<Integer> successors() {
        List<Integer> out = terminator == null ? List.of() : terminator.successors();
        for (Stmt s : statements) {
            if (s instanceof Stmt.Call c && c.raisesTo() >= 0 && !out.contains(c.raisesTo())) {
                out = new ArrayList<>(out);
                out.add(c.raisesTo());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("B").append(id).append(":\n");
        for (Stmt s : statements) {
            sb.append("  ").append(s).append("    // ").append(s.loc().line()).append('\n');
        }
        sb.append("  ").append(terminator).append('\n');
        return sb.toString();
    }
}
