package org.opensdv.ir;

import java.util.List;

/** The IR of one source file together with what its headers declared. */
public record TranslationUnit(
        String file,
        int lines,
        List<Function> functions,
        List<FunctionDecl> declarations,
        List<GlobalVar> globals,
        List<Problem> problems,
        List<UnresolvedInclude> unresolvedIncludes) {

    public record UnresolvedInclude(String file, int line, String name) {
    }
}
