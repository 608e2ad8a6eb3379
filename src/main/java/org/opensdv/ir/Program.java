package org.opensdv.ir;

import java.util.List;

/** Everything the frontend read for one run, in a stable order (by file path). */
public record Program(List<TranslationUnit> units) {
}
