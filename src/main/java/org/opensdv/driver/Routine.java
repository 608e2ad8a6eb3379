package org.opensdv.driver;

import java.util.Map;
import org.opensdv.ir.Function;

/**
 * A function the system calls directly, with its role ("Dispatch", "Unload", ...), a detail such as
 * the IRP major function it serves, and the names of special paths through it (the PnP dispatch
 * routine's IRP_MN_START_DEVICE path is StartDevice).
 */
public record Routine(Function function, String role, String detail, String how, Map<String, String> pathNames) {
    public String name() {
        return function.name();
    }

    /** E.g. "Dispatch routine ToyCreate (IRP_MJ_CREATE)". */
    public String describe() {
        return role + " routine " + function.name() + (detail == null ? "" : " (" + detail + ")");
    }
}
