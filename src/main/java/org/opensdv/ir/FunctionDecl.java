package org.opensdv.ir;

import java.util.List;

/**
 * A function declaration that is not a definition, e.g. {@code _Dispatch_type_(IRP_MJ_CREATE)
 * DRIVER_DISPATCH FooCreate;}: {@code typeName} is the typedef it is declared with (a role type),
 * or null for an ordinary prototype.
 */
public record FunctionDecl(String name, String typeName, List<Annotation> annotations, SourceLoc loc) {
}
