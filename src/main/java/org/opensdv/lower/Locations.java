package org.opensdv.lower;

import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTMacroExpansionLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNodeLocation;
import org.opensdv.frontend.SourceCache;
import org.opensdv.frontend.SourceText;
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
