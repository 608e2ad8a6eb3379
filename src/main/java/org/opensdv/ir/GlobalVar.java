package org.opensdv.ir;

import java.util.List;

/**
 * A file-scope variable, with the functions its initializer stores (dispatch tables, filter
 * registration arrays, cache-manager callback structures).
 */
public record GlobalVar(String name, String type, List<String> functionsInInitializer, SourceLoc loc) {
}
