package org.opensdv.lower;

import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTMacroExpansionLocation;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNodeLocation;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.opensdv.frontend.SourceCache;
import org.opensdv.frontend.SourceText;
import org.opensdv.ir.Expr;
import org.opensdv.ir.SourceLoc;

/** Maps CDT nodes to {@link SourceLoc}s and to their text as written (before macro expansion). */
final class Locations {
    private final SourceCache cache;

    Locations(SourceCache cache) {
        this.cache = cache;
    }

    SourceLoc of(IASTNode node) {
        IASTFileLocation fl = node.getFileLocation();
        if (fl == null) {
            return SourceLoc.UNKNOWN;
        }
        SourceText text = cache.textOf(fl.getFileName());
        int column = text == null ? 1 : text.columnOf(fl.getNodeOffset());
        return new SourceLoc(fl.getFileName(), fl.getStartingLineNumber(), column, macroOf(node));
    }

    /** Location of the last character of a node (a function's closing brace). */
    SourceLoc endOf(IASTNode node) {
        IASTFileLocation fl = node.getFileLocation();
        if (fl == null) {
            return SourceLoc.UNKNOWN;
        }
        SourceText text = cache.textOf(fl.getFileName());
        int end = fl.getNodeOffset() + Math.max(fl.getNodeLength() - 1, 0);
        if (text == null) {
            return new SourceLoc(fl.getFileName(), fl.getEndingLineNumber(), 1, null);
        }
        return new SourceLoc(fl.getFileName(), text.lineOf(end), text.columnOf(end), null);
    }

    /** The outermost macro whose expansion produced the whole node, or null. */
    static String macroOf(IASTNode node) {
        IASTNodeLocation[] locations = node.getNodeLocations();
        if (locations.length == 1 && locations[0] instanceof IASTMacroExpansionLocation m) {
            return m.getExpansion().getMacroReference().toString();
        }
        return null;
    }

    /**
     * How a constant is shown: as written, unless it came out of a function-like macro's expansion,
     * whose whole call is all the file has for it ({@code FlagOn(Flags, WAIT)} for the flag). Then
     * it is the object-like macro that expansion used for this value ({@code WAIT}, {@code NULL}),
     * if exactly one did, or else {@code spelling}, the constant as the expansion spelt it.
     */
    String constantText(IASTNode node, long value, String spelling) {
        IASTNodeLocation[] locations = node.getNodeLocations();
        if (locations.length != 1 || !(locations[0] instanceof IASTMacroExpansionLocation m)) {
            return sourceText(node).trim();
        }
        IASTPreprocessorMacroExpansion expansion = m.getExpansion();
        if (!(expansion.getMacroReference().resolveBinding() instanceof IMacroBinding outer) || !outer.isFunctionStyle()) {
            return sourceText(node).trim(); // an object-like macro: its name is how it is written
        }
        String named = null;
        for (IASTName nested : expansion.getNestedMacroReferences()) {
            if (nested.resolveBinding() instanceof IMacroBinding inner && !inner.isFunctionStyle()
                    && inner.getExpansion() != null
                    && Long.valueOf(value).equals(valueOf(new String(inner.getExpansion())))) {
                if (named != null && !named.equals(nested.toString())) {
                    return spelling; // two macros of this value: which one it was is not known
                }
                named = nested.toString();
            }
        }
        return named != null ? named : spelling;
    }

    /** The value of a macro's replacement that is one integer, maybe in parentheses and cast: {@code ((PVOID)0)}. */
    private static Long valueOf(String replacement) {
        String t = replacement.replaceAll("\\s+", " ").trim();
        while (true) {
            if (t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1))) {
                t = t.substring(1, t.length() - 1).trim();
            } else if (t.matches("\\([A-Za-z_][A-Za-z0-9_ ]*\\**\\s*\\).*")) {
                t = t.substring(t.indexOf(')') + 1).trim(); // a cast
            } else {
                break;
            }
        }
        boolean negative = t.startsWith("-");
        Long v = FunctionLowerer.parseInteger(negative ? t.substring(1).trim() : t);
        return v == null ? null : negative ? -v : v;
    }

    private static boolean balanced(String t) {
        int depth = 0;
        for (char c : t.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /**
     * How a tested condition is shown: as written (a call whose value a temporary holds is shown as
     * the call, {@code FlagOn(Flags, WAIT)} as that), or, where the file has no text of its own for
     * it — one of the tests a macro's expansion combines with {@code &&}, {@code ||} or {@code !}
     * — as {@code lowered} shows it.
     */
    String conditionText(IASTExpression condition, Expr lowered) {
        if (macroOf(condition) != null) {
            IASTNode up = condition.getParent();
            while (up instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
                up = up.getParent();
            }
            boolean combined = up instanceof IASTConditionalExpression
                    || up instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not
                    || up instanceof IASTBinaryExpression b && (b.getOperator() == IASTBinaryExpression.op_logicalAnd
                            || b.getOperator() == IASTBinaryExpression.op_logicalOr);
            if (combined && up.getFileLocation() != null && condition.getFileLocation() != null
                    && up.getFileLocation().getNodeOffset() == condition.getFileLocation().getNodeOffset()
                    && up.getFileLocation().getNodeLength() == condition.getFileLocation().getNodeLength()) {
                return lowered.toString(); // a part of the macro's expansion: the call is not this test
            }
        }
        String text = sourceText(condition).replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", " ").replaceAll("\\s+", " ").trim();
        return text.isEmpty() ? lowered.toString() : text;
    }

    /** The node's text in its file as written: macro names stay names. */
    String sourceText(IASTNode node) {
        IASTFileLocation fl = node.getFileLocation();
        if (fl != null) {
            SourceText text = cache.textOf(fl.getFileName());
            if (text != null) {
                return text.substring(fl.getNodeOffset(), fl.getNodeLength());
            }
        }
        return node.getRawSignature();
    }
}
