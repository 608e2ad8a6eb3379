package org.opensdv.ir;

/**
 * A source annotation on a function: a SAL or role macro kept from the source, e.g. name
 * {@code _Acquires_exclusive_lock_} with argument text {@code *Fcb->Header.Resource}, or
 * {@code _Dispatch_type_} with {@code IRP_MJ_CREATE}.
 */
public record Annotation(String name, String arguments, SourceLoc loc) {
}
