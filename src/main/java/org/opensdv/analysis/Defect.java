package org.opensdv.analysis;

import java.util.List;
import org.opensdv.ir.SourceLoc;

/**
 * A rule violation on one path: the kind (RULES.md's name), where it is reported, the routine
 * (with its StartDevice/RemoveDevice path name when it has one), the resource, the message, the
 * enclosing function of the reporting location, the related location (e.g. the acquire of a resource
 * held at exit), and the trace from the routine's entry to the violation.
 */
public record Defect(
        String ruleId,
        String kind,
        SourceLoc loc,
        String function,
        String routine,
        String routineDescription,
        String resource,
        String message,
        SourceLoc related,
        List<Step> trace) {
}
