package org.opensdv.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTTypeUtil;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IFunction;
import org.eclipse.cdt.core.dom.ast.IVariable;
import org.opensdv.frontend.Prelude;
import org.opensdv.frontend.SourceCache;
import org.opensdv.frontend.SourceText;
import org.opensdv.ir.Annotation;
import org.opensdv.ir.Function;
import org.opensdv.ir.FunctionDecl;
import org.opensdv.ir.GlobalVar;
import org.opensdv.ir.Problem;
import org.opensdv.ir.SourceLoc;
import org.opensdv.ir.TranslationUnit;

/** Lowers a parsed translation unit: every function definition, role declaration and global. */
public final class UnitLowerer {
    /**
     * Annotation macros kept on functions: SAL lock annotations (contracts for later rules) and the
     * role annotations the driver model reads.
     */
    private static final List<String> KEPT_ANNOTATION_PREFIXES = List.of(
            "_Acquires_", "_Releases_", "_Requires_lock", "_Requires_exclusive_lock", "_Requires_shared_lock",
            "_Requires_no_locks", "_When_", "_Dispatch_type_", "_Function_class_", "__drv_dispatchType",
            "__drv_functionClass", "__drv_acquires", "__drv_releases", "__drv_mustHold", "__drv_neverHold",
            "_Has_lock_kind_", "_Post_same_lock_");
    /**
     * The spellings that declare a function never to return. They are read from the declaration's
     * text: the parser keeps no macro expansions of included headers, where such declarations are.
     */
    private static final java.util.regex.Pattern NO_RETURN = java.util.regex.Pattern.compile(
            "\\b(?:DECLSPEC_NORETURN|_Analysis_noreturn_|__analysis_noreturn)\\b|__declspec\\s*\\(\\s*noreturn\\s*\\)");
    /** Comments and preprocessor lines, which say nothing about the declaration that follows them. */
    private static final java.util.regex.Pattern NOT_DECLARATION = java.util.regex.Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|(?m)^[ \\t]*#(?:[^\\n]*\\\\\\n)*[^\\n]*", java.util.regex.Pattern.DOTALL);

    private final IASTTranslationUnit ast;
    private final SourceCache cache;
    private final Locations locations;
    private final Map<String, List<IASTPreprocessorMacroExpansion>> annotationsByFile = new HashMap<>();
    private int annotationWindowStart;

    public UnitLowerer(IASTTranslationUnit ast, SourceCache cache) {
        this.ast = ast;
        this.cache = cache;
        this.locations = new Locations(cache);
    }

    public TranslationUnit lower() {
        String file = ast.getFilePath();
        indexAnnotations();
        List<Function> functions = new ArrayList<>();
        List<FunctionDecl> declarations = new ArrayList<>();
        List<GlobalVar> globals = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> previousEnd = new HashMap<>();
        for (IASTDeclaration decl : ast.getDeclarations()) {
            IASTFileLocation fl = decl.getFileLocation();
            boolean fromPrelude = fl != null && Prelude.isPreludePath(fl.getFileName());
            if (fl != null) {
                // Annotations that expand to nothing precede the declaration's first token.
                annotationWindowStart = previousEnd.getOrDefault(fl.getFileName(), 0);
                previousEnd.put(fl.getFileName(), fl.getNodeOffset() + fl.getNodeLength());
            }
            if (decl instanceof IASTFunctionDefinition def) {
                Function f = lowerFunction(def);
                if (f != null) {
                    functions.add(f);
                }
            } else if (decl instanceof IASTSimpleDeclaration sd) {
                collectDeclarations(sd, declarations, globals, fromPrelude);
            } else if (decl instanceof IASTProblemDeclaration pd && !fromPrelude) {
                problems.add(problemAt(pd.getProblem(), lostFunctionName(pd)));
            }
        }
        for (IASTProblem p : ast.getPreprocessorProblems()) {
            if (p.getID() == IASTProblem.PREPROCESSOR_INCLUSION_NOT_FOUND) {
                continue; // reported as an unresolved include
            }
            IASTFileLocation fl = p.getFileLocation();
            if (fl == null || !Prelude.isPreludePath(fl.getFileName())) {
                problems.add(problemAt(p, null));
            }
        }
        List<TranslationUnit.UnresolvedInclude> unresolved = new ArrayList<>();
        for (IASTPreprocessorIncludeStatement inc : ast.getIncludeDirectives()) {
            if (inc.isActive() && !inc.isResolved()) {
                IASTFileLocation fl = inc.getFileLocation();
                unresolved.add(new TranslationUnit.UnresolvedInclude(fl == null ? file : fl.getFileName(),
                        fl == null ? 0 : fl.getStartingLineNumber(), inc.getName().toString()));
            }
        }
        SourceText text = cache.textOf(file);
        int lines = text == null ? 0 : text.lineCount();
        return new TranslationUnit(file, lines, functions, declarations, globals, problems, unresolved);
    }

    private Function lowerFunction(IASTFunctionDefinition def) {
        IASTName n = FunctionLowerer.innermostName(def.getDeclarator());
        String name = n == null ? "<anonymous>" : n.toString();
        boolean isStatic = def.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static;
        String returnType = def.getDeclSpecifier().getRawSignature();
        List<Annotation> annotations = annotationsWithin(def, def.getBody());
        List<Problem> syntaxProblems = problemsInside(def, name);
        try {
            Function f = new FunctionLowerer(def, name, locations).lower(isStatic, returnType, annotations);
            if (syntaxProblems.isEmpty()) {
                return f;
            }
            List<Problem> all = new ArrayList<>(syntaxProblems);
            f.problems().stream().filter(p -> !syntaxProblems.contains(p)).forEach(all::add);
            return new Function(f.name(), f.loc(), f.endLoc(), f.isStatic(), f.returnType(), f.parameters(),
                    f.blocks(), f.annotations(), all);
        } catch (RuntimeException e) {
            SourceLoc l = locations.of(def);
            Problem p = new Problem(l.file(), l.line(), name, "internal error while lowering: " + e);
            return new Function(name, l, l, isStatic, returnType, List.of(), List.of(emptyBlock(l)),
                    annotations, List.of(p));
        }
    }

    private static org.opensdv.ir.Block emptyBlock(SourceLoc l) {
        var b = new org.opensdv.ir.Block(0);
        b.setTerminator(new org.opensdv.ir.Terminator.Return(null, l));
        return b;
    }

    private List<Problem> problemsInside(IASTNode node, String function) {
        List<Problem> out = new ArrayList<>();
        node.accept(new ASTVisitor() {
            {
                shouldVisitProblems = true;
            }

            @Override
            public int visit(IASTProblem problem) {
                out.add(problemAt(problem, function));
                return PROCESS_CONTINUE;
            }
        });
        return out;
    }

    private Problem problemAt(IASTProblem p, String function) {
        IASTFileLocation fl = p.getFileLocation();
        String file = fl == null ? ast.getFilePath() : fl.getFileName();
        int line = fl == null ? 0 : fl.getStartingLineNumber();
        String message = p.getMessage();
        if (fl != null && p.getID() != IASTProblem.SYNTAX_ERROR) {
            message = p.getMessage();
        } else if (fl != null) {
            SourceText text = cache.textOf(fl.getFileName());
            String near = text == null ? "" : text.line(line).trim();
            if (near.length() > 80) {
                near = near.substring(0, 80) + "...";
            }
            message = "syntax error" + (near.isEmpty() ? "" : " near: " + near);
        }
        return new Problem(file, line, function, message);
    }

    /** For a top-level problem that swallowed a function definition: the function's likely name. */
    private static String lostFunctionName(IASTProblemDeclaration pd) {
        String raw = pd.getRawSignature();
        int brace = raw.indexOf('{');
        int paren = raw.indexOf('(');
        if (brace < 0 || paren < 0 || paren > brace) {
            return null;
        }
        String head = raw.substring(0, paren).trim();
        int start = head.length();
        while (start > 0 && (Character.isJavaIdentifierPart(head.charAt(start - 1)))) {
            start--;
        }
        String name = head.substring(start);
        return name.isEmpty() ? null : name;
    }

    private void collectDeclarations(IASTSimpleDeclaration sd, List<FunctionDecl> declarations,
            List<GlobalVar> globals, boolean fromPrelude) {
        IASTDeclSpecifier spec = sd.getDeclSpecifier();
        if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) {
            return;
        }
        String typeName = spec instanceof IASTNamedTypeSpecifier named ? named.getName().toString() : null;
        for (IASTDeclarator d : sd.getDeclarators()) {
            IASTName n = FunctionLowerer.innermostName(d);
            if (n == null || n.toCharArray().length == 0) {
                continue;
            }
            IBinding b = n.resolveBinding();
            boolean isFunction = b instanceof IFunction || d instanceof IASTFunctionDeclarator;
            if (isFunction) {
                List<Annotation> annotations = annotationsWithin(sd, null);
                boolean declaredWithType = !(d instanceof IASTFunctionDeclarator) && typeName != null;
                if (!fromPrelude || !annotations.isEmpty()) {
                    declarations.add(new FunctionDecl(n.toString(), declaredWithType ? typeName : null,
                            annotations, locations.of(d)));
                }
            } else if (!fromPrelude && b instanceof IVariable v) {
                List<String> stored = new ArrayList<>();
                if (d.getInitializer() != null) {
                    functionsReferenced(d.getInitializer(), stored);
                }
                String type;
                try {
                    type = ASTTypeUtil.getType(v.getType());
                } catch (RuntimeException e) {
                    type = typeName;
                }
                globals.add(new GlobalVar(n.toString(), type, stored, locations.of(d)));
            }
        }
    }

    private static void functionsReferenced(IASTNode node, List<String> out) {
        node.accept(new ASTVisitor() {
            {
                shouldVisitExpressions = true;
            }

            @Override
            public int visit(org.eclipse.cdt.core.dom.ast.IASTExpression e) {
                if (e instanceof IASTIdExpression id && id.getName().resolveBinding() instanceof IFunction) {
                    out.add(id.getName().toString());
                }
                return PROCESS_CONTINUE;
            }
        });
    }

    // ---------------------------------------------------------------- annotations

    private void indexAnnotations() {
        for (IASTPreprocessorMacroExpansion m : ast.getMacroExpansions()) {
            String macro = m.getMacroReference().toString();
            if (KEPT_ANNOTATION_PREFIXES.stream().noneMatch(macro::startsWith)) {
                continue;
            }
            IASTFileLocation fl = m.getFileLocation();
            if (fl != null) {
                annotationsByFile.computeIfAbsent(fl.getFileName(), k -> new ArrayList<>()).add(m);
            }
        }
    }

    /** The text of {@code file} from {@code start} to {@code end}, also of a prelude header; null if unknown. */
    private String textBetween(String file, int start, int end) {
        if (end <= start) {
            return null;
        }
        SourceText source = cache.textOf(file);
        if (source != null) {
            return source.substring(start, end - start);
        }
        String prelude = Prelude.isPreludePath(file) ? Prelude.contentFor(file) : null;
        return prelude == null || end > prelude.length() ? null : prelude.substring(start, end);
    }

    /**
     * The kept annotation macros written inside {@code node}, before {@code stopAt} if given, and a
     * never-returns spelling found in its text.
     */
    private List<Annotation> annotationsWithin(IASTNode node, IASTNode stopAt) {
        IASTFileLocation fl = node.getFileLocation();
        if (fl == null) {
            return List.of();
        }
        int start = Math.min(annotationWindowStart, fl.getNodeOffset());
        int end = fl.getNodeOffset() + fl.getNodeLength();
        if (stopAt != null && stopAt.getFileLocation() != null) {
            end = stopAt.getFileLocation().getNodeOffset();
        }
        Set<Annotation> out = new LinkedHashSet<>();
        String written = textBetween(fl.getFileName(), start, end);
        if (written != null && (written.contains("NORETURN") || written.contains("noreturn"))) {
            String declaration = NOT_DECLARATION.matcher(written).replaceAll(" ");
            java.util.regex.Matcher noReturn = NO_RETURN.matcher(declaration);
            if (noReturn.find()) {
                boolean declspec = noReturn.group().startsWith("__declspec");
                out.add(new Annotation(declspec ? "__declspec" : noReturn.group(), declspec ? "noreturn" : "",
                        locations.of(node)));
            }
        }
        List<IASTPreprocessorMacroExpansion> candidates = annotationsByFile.getOrDefault(fl.getFileName(), List.of());
        for (IASTPreprocessorMacroExpansion m : candidates) {
            IASTFileLocation ml = m.getFileLocation();
            int offset = ml.getNodeOffset();
            if (offset >= start && offset < end) {
                String text = locations.sourceText(m);
                int open = text.indexOf('(');
                int close = text.lastIndexOf(')');
                String args = open >= 0 && close > open ? text.substring(open + 1, close).trim() : "";
                out.add(new Annotation(m.getMacroReference().toString(), args, locations.of(m)));
            }
        }
        return List.copyOf(out);
    }
}
