package org.opensdv.lower;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * What each name in a function body refers to among the function's own parameters and block-scope
 * declarations, by C's scoping rules, found in one walk of the body. The lowerer asks CDT's
 * bindings only for names declared outside the function: resolving a parameter's binding makes
 * CDT search the whole translation unit for the function's other declarations, once per function,
 * which was half of lowering time on large files.
 */
final class LocalScopes {
    /** A name declared in the function. */
    sealed interface Declared permits Parameter, Local {
    }

    record Parameter(String name, String type) implements Declared {
    }

    /**
     * A block-scope declaration; {@code declarator} is its name node, which identifies it (two
     * blocks may declare the same name).
     */
    record Local(IASTName declarator, Storage storage, String type) implements Declared {
    }

    enum Storage {
        /** An automatic variable of this call. */
        AUTOMATIC,
        /** {@code static}: one variable for every call. */
        STATIC,
        /** {@code extern}: the file-scope variable of that name. */
        EXTERN,
        /** A function declared inside the body. */
        FUNCTION
    }

    private final Map<IASTName, Declared> resolved = new IdentityHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    private LocalScopes() {
    }

    static LocalScopes of(IASTFunctionDefinition definition) {
        LocalScopes scopes = new LocalScopes();
        IASTStandardFunctionDeclarator fd = functionDeclarator(definition.getDeclarator());
        if (fd != null) {
            for (IASTParameterDeclaration p : fd.getParameters()) {
                IASTName n = FunctionLowerer.innermostName(p.getDeclarator());
                if (n != null && n.toCharArray().length > 0) {
                    Parameter param = new Parameter(n.toString(), typeOf(p.getDeclSpecifier(), p.getDeclarator()));
                    scopes.parameters.put(param.name(), param);
                }
            }
        }
        if (definition.getBody() != null) {
            definition.getBody().accept(scopes.new Walk());
        }
        return scopes;
    }

    /** The function's named parameters, in declaration order. */
    Iterable<Parameter> parameters() {
        return parameters.values();
    }

    /** What {@code name} (a use or a declarator in the body) refers to, or null: declared outside. */
    Declared of(IASTName name) {
        return resolved.get(name);
    }

    private static IASTStandardFunctionDeclarator functionDeclarator(IASTDeclarator declarator) {
        IASTDeclarator d = declarator;
        while (d != null && !(d instanceof IASTStandardFunctionDeclarator) && d.getNestedDeclarator() != null) {
            d = d.getNestedDeclarator();
        }
        return d instanceof IASTStandardFunctionDeclarator fd ? fd : null;
    }

    /** The declared type as written: the specifier and one {@code *} per pointer operator. */
    static String typeOf(IASTDeclSpecifier specifier, IASTDeclarator declarator) {
        StringBuilder type = new StringBuilder(specifier.getRawSignature());
        for (IASTDeclarator d = declarator; d != null; d = d.getNestedDeclarator()) {
            type.append(" *".repeat(d.getPointerOperators().length));
        }
        return type.toString();
    }

    /** Keeps the open blocks' declarations; a block's scope ends with it. */
    private final class Walk extends ASTVisitor {
        private final Deque<Map<String, Local>> blocks = new ArrayDeque<>();

        Walk() {
            shouldVisitStatements = true;
            shouldVisitDeclarators = true;
            shouldVisitExpressions = true;
        }

        @Override
        public int visit(IASTStatement statement) {
            if (opensScope(statement)) {
                blocks.push(new HashMap<>());
            }
            return PROCESS_CONTINUE;
        }

        @Override
        public int leave(IASTStatement statement) {
            if (opensScope(statement)) {
                blocks.pop();
            }
            return PROCESS_CONTINUE;
        }

        private boolean opensScope(IASTStatement statement) {
            return statement instanceof IASTCompoundStatement || statement instanceof IASTForStatement;
        }

        /** A name is in scope from the end of its declarator: its own initializer sees it. */
        @Override
        public int visit(IASTDeclarator declarator) {
            if (blocks.isEmpty() || !(declarator.getParent() instanceof IASTSimpleDeclaration sd)
                    || !(sd.getParent() instanceof IASTDeclarationStatement)) {
                return PROCESS_CONTINUE; // nested declarators, parameters of prototypes, struct members
            }
            IASTName name = FunctionLowerer.innermostName(declarator);
            if (name == null || name.toCharArray().length == 0) {
                return PROCESS_CONTINUE;
            }
            IASTDeclSpecifier specifier = sd.getDeclSpecifier();
            Storage storage;
            switch (specifier.getStorageClass()) {
                case IASTDeclSpecifier.sc_typedef:
                    return PROCESS_CONTINUE; // a type name: never read as a value
                case IASTDeclSpecifier.sc_extern:
                    storage = Storage.EXTERN;
                    break;
                case IASTDeclSpecifier.sc_static:
                    storage = Storage.STATIC;
                    break;
                default:
                    storage = Storage.AUTOMATIC;
            }
            if (declarator instanceof IASTFunctionDeclarator && declarator.getNestedDeclarator() == null) {
                storage = Storage.FUNCTION;
            }
            Local local = new Local(name, storage, typeOf(specifier, declarator));
            blocks.peek().put(name.toString(), local);
            resolved.put(name, local);
            return PROCESS_CONTINUE;
        }

        @Override
        public int visit(IASTExpression expression) {
            if (expression instanceof IASTIdExpression id) {
                IASTName name = id.getName();
                Declared d = lookup(name.toString());
                if (d != null) {
                    resolved.put(name, d);
                }
            }
            return PROCESS_CONTINUE;
        }

        private Declared lookup(String name) {
            for (Map<String, Local> block : blocks) { // innermost first
                Local l = block.get(name);
                if (l != null) {
                    return l;
                }
            }
            return parameters.get(name);
        }
    }
}
