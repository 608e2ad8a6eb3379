package org.opensdv.ir;

/**
 * A source annotation on a function: a SAL or role macro kept from the source, e.g. name
 * {@code _Acquires_exclusive_lock_} with argument text {@code *Fcb->Header.Resource}, or
 * {@code _Dispatch_type_} with {@code IRP_MJ_CREATE}.
 */
public record Annotation(String name, String arguments, SourceLoc loc) {
    /**
     * Does it declare that the function never returns to its caller ({@code DECLSPEC_NORETURN},
     * {@code __declspec(noreturn)}, SAL's {@code _Analysis_noreturn_}), as a raise or a bug check?
     */
    public boolean declaresNoReturn() {
        return switch (name) {
            case "DECLSPEC_NORETURN", "_Analysis_noreturn_", "__analysis_noreturn" -> true;
            case "__declspec" -> arguments.strip().equals("noreturn");
            default -> false;
        };
    }
}
