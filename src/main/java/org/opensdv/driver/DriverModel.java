package org.opensdv.driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.opensdv.ir.Annotation;
import org.opensdv.ir.Block;
import org.opensdv.ir.Expr;
import org.opensdv.ir.Function;
import org.opensdv.ir.FunctionDecl;
import org.opensdv.ir.GlobalVar;
import org.opensdv.ir.Program;
import org.opensdv.ir.Stmt;
import org.opensdv.ir.TranslationUnit;

/**
 * The driver as the system sees it: every function definition by name, the routines the system calls
 * (declared with a role type or {@code _Function_class_}, registered in a dispatch table, an object
 * field or a registering call, or named DriverEntry), and which functions are stored where (for calls
 * through function pointers). A routine registered in one file and defined in another is found: the
 * model is built over the whole program.
 */
public final class DriverModel {
    private final Map<String, List<Function>> functionsByName = new HashMap<>();
    private final Map<String, Set<String>> storedInto = new HashMap<>();
    private final List<Routine> routines = new ArrayList<>();
    private final Set<String> holdingByContract = new LinkedHashSet<>();
    private final Set<String> noReturn = new java.util.HashSet<>();
    private Set<String> bugChecks = Set.of();
    private Map<String, Fill> memoryFills = Map.of();
    private Set<String> allocators = Set.of();
    private Map<String, Integer> dataBuffers = Map.of();

    private record Found(String role, String detail, String how) {
    }

    /**
     * A function that fills the object its {@code destination} argument points to: with a copy of
     * the object its {@code source} argument points to (memcpy), else with the byte its
     * {@code fill} argument gives, or with zeros when {@code fill} is -1 (each index -1 when absent).
     */
    public record Fill(int destination, int fill, int source) {
    }

    private DriverModel() {
    }

    /** Builds the model; only functions accepted by {@code ownCode} can be routines. */
    public static DriverModel of(Program program, Predicate<String> ownCode) {
        RoleCatalog catalog = RoleCatalog.load();
        DriverModel model = new DriverModel();
        model.bugChecks = Set.copyOf(catalog.bugChecks());
        model.memoryFills = Map.copyOf(catalog.memoryFills());
        model.allocators = Set.copyOf(catalog.allocators());
        model.dataBuffers = Map.copyOf(catalog.dataBuffers());
        Set<String> seen = new LinkedHashSet<>();
        List<Function> own = new ArrayList<>();
        for (TranslationUnit tu : program.units()) {
            for (Function f : tu.functions()) {
                if (seen.add(f.loc().file() + ":" + f.loc().line() + ":" + f.name())) {
                    model.functionsByName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                    if (ownCode.test(f.loc().file())) {
                        own.add(f);
                    }
                }
            }
        }
        Map<String, Found> found = new LinkedHashMap<>();
        for (TranslationUnit tu : program.units()) {
            for (Function f : tu.functions()) {
                model.noteNoReturn(f.name(), f.annotations());
            }
            for (FunctionDecl d : tu.declarations()) {
                model.noteNoReturn(d.name(), d.annotations());
                model.declared(catalog, d.name(), d.typeName(), d.annotations(), found);
            }
            for (GlobalVar g : tu.globals()) {
                model.storedInto.computeIfAbsent(g.name(), k -> new LinkedHashSet<>()).addAll(g.functionsInInitializer());
            }
        }
        for (Function f : own) {
            model.declared(catalog, f.name(), null, f.annotations(), found);
            model.scanRegistrations(catalog, f, found);
        }
        if (model.functionsByName.containsKey(catalog.entryFunction())) {
            found.putIfAbsent(catalog.entryFunction(), new Found("DriverEntry", null, "named DriverEntry"));
        }
        for (Function f : own) {
            Found r = found.get(f.name());
            if (r != null && !model.holdingByContract.contains(f.name())) {
                Map<String, String> paths = r.detail() == null ? Map.of()
                        : catalog.dispatchPaths().getOrDefault(r.detail(), Map.of());
                model.routines.add(new Routine(f, r.role(), r.detail(), r.how(), paths));
            }
        }
        model.routines.sort(Comparator.comparing((Routine r) -> r.function().loc().file())
                .thenComparingInt(r -> r.function().loc().line()));
        return model;
    }

    private void declared(RoleCatalog catalog, String name, String typeName, List<Annotation> annotations,
            Map<String, Found> found) {
        if (typeName != null && catalog.holdingTypes().contains(typeName)) {
            holdingByContract.add(name);
        }
        String detail = null;
        String classRole = null;
        String classType = null;
        for (Annotation a : annotations) {
            if (a.name().equals("_Dispatch_type_") || a.name().equals("__drv_dispatchType")) {
                detail = detail == null ? a.arguments() : detail;
            }
            if (RoleCatalog.roleAnnotations().contains(a.name())) {
                classType = a.arguments();
                classRole = catalog.declaredTypes().get(a.arguments());
                if (catalog.holdingTypes().contains(a.arguments())) {
                    holdingByContract.add(name);
                }
            }
        }
        String role = typeName == null ? null : catalog.declaredTypes().get(typeName);
        String how = role != null ? "declared " + typeName : classRole != null ? "_Function_class_(" + classType + ")" : null;
        role = role != null ? role : classRole;
        if (role != null) {
            Found previous = found.get(name);
            if (previous == null || (previous.detail() == null && detail != null)) {
                found.put(name, new Found(role, detail, how));
            }
        } else if (detail != null && !found.containsKey(name)) {
            found.put(name, new Found("Dispatch", detail, "_Dispatch_type_(" + detail + ")"));
        }
    }

    private void scanRegistrations(RoleCatalog catalog, Function f, Map<String, Found> found) {
        for (Block b : f.blocks()) {
            for (Stmt s : b.statements()) {
                if (s instanceof Stmt.Assign a) {
                    String fn = functionName(a.value());
                    if (fn == null) {
                        continue;
                    }
                    String field = lastField(a.target());
                    if (field == null) {
                        continue;
                    }
                    storedInto.computeIfAbsent(field, k -> new LinkedHashSet<>()).add(fn);
                    if (catalog.holdingFields().contains(field)) {
                        holdingByContract.add(fn);
                    }
                    String role = catalog.registeredFields().get(field);
                    if (role != null) {
                        String detail = a.target() instanceof Expr.Index idx ? idx.index().toString() : null;
                        String how = "registered in " + a.target() + " (" + a.loc().file() + ":" + a.loc().line() + ")";
                        Found previous = found.get(fn);
                        if (previous == null || (previous.detail() == null && detail != null)) {
                            found.put(fn, new Found(role, detail, how));
                        }
                    }
                } else if (s instanceof Stmt.Call c && c.calleeName() != null) {
                    var reg = catalog.registeringCalls().get(c.calleeName());
                    if (reg != null && reg.argument() < c.args().size()) {
                        String fn = functionName(c.args().get(reg.argument()));
                        if (fn != null) {
                            storedInto.computeIfAbsent(c.calleeName(), k -> new LinkedHashSet<>()).add(fn);
                            found.putIfAbsent(fn, new Found(reg.role(), null, "registered by " + c.calleeName()
                                    + " (" + c.loc().file() + ":" + c.loc().line() + ")"));
                        }
                    }
                }
            }
        }
    }

    /** The function an expression denotes ({@code F}, {@code &F}, {@code (PVOID)F}), or null. */
    public static String functionName(Expr e) {
        Expr cur = e;
        while (true) {
            if (cur instanceof Expr.Cast c) {
                cur = c.operand();
            } else if (cur instanceof Expr.AddrOf a) {
                cur = a.operand();
            } else {
                break;
            }
        }
        return cur instanceof Expr.FuncRef f ? f.name() : null;
    }

    /** The last field named in an lvalue ({@code Obj->MajorFunction[i]} gives MajorFunction), or null. */
    public static String lastField(Expr target) {
        Expr cur = target;
        while (true) {
            if (cur instanceof Expr.Field f) {
                return f.field();
            } else if (cur instanceof Expr.Index i) {
                cur = i.base();
            } else if (cur instanceof Expr.Var v) {
                return v.kind() == Expr.VarKind.GLOBAL ? v.name() : null;
            } else {
                return null;
            }
        }
    }

    public List<Routine> routines() {
        return routines;
    }

    public Set<String> holdingByContract() {
        return holdingByContract;
    }

    /** Is the function declared (anywhere in the program) never to return to its caller? */
    public boolean doesNotReturn(String name) {
        return noReturn.contains(name);
    }

    /** Does a call to this function stop the system (a bug check), so that no exception handler runs? */
    public boolean stopsTheSystem(String name) {
        return bugChecks.contains(name);
    }

    /**
     * For a function that fills memory (memset, RtlZeroMemory, memcpy, ...): which argument points
     * to the memory, and which gives the fill byte (-1: zeros) or points to the object copied. Null
     * for any other function, and for a driver's own function of such a name.
     */
    public Fill memoryFill(String name) {
        return functionsByName.containsKey(name) ? null : memoryFills.get(name);
    }

    /**
     * Does a call to this function return a new object, one no other memory points to yet (a pool
     * or lookaside allocation)? False for a driver's own function of such a name.
     */
    public boolean allocates(String name) {
        return !functionsByName.containsKey(name) && allocators.contains(name);
    }

    /**
     * For a function that returns, through an out-parameter, a pointer to a file's data in the
     * cache ({@code CcPinRead}'s {@code Buffer}): that argument's index; -1 for any other, and for
     * a driver's own function of such a name. The data holds none of the driver's links.
     */
    public int dataBufferOutput(String name) {
        return functionsByName.containsKey(name) ? -1 : dataBuffers.getOrDefault(name, -1);
    }

    private void noteNoReturn(String name, List<Annotation> annotations) {
        if (annotations.stream().anyMatch(Annotation::declaresNoReturn)) {
            noReturn.add(name);
        }
    }

    /** The definition a call from {@code callerFile} reaches: a static one in that file wins. */
    public Function resolve(String name, String callerFile) {
        List<Function> defs = functionsByName.get(name);
        if (defs == null || defs.isEmpty()) {
            return null;
        }
        if (defs.size() > 1) {
            for (Function f : defs) {
                if (f.loc().file().equals(callerFile)) {
                    return f;
                }
            }
            for (Function f : defs) {
                if (!f.isStatic()) {
                    return f;
                }
            }
        }
        return defs.get(0);
    }

    public Iterable<Function> allFunctions() {
        List<Function> all = new ArrayList<>();
        functionsByName.values().forEach(all::addAll);
        return all;
    }

    /** Functions stored into a field, a global or registered through a call of this name. */
    public Set<String> storedInto(String name) {
        return storedInto.getOrDefault(name, Set.of());
    }
}
