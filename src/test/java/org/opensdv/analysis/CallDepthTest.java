package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls nested up to {@link Engine#MAX_CALL_DEPTH} deep are followed; a deeper call is not, and the
 * routine is then Inconclusive with the place named — never a Pass, and never a defect that only
 * the call not followed would explain (a lock taken through a wrapper beyond the limit and released
 * inline is not "released while not held").
 */
class CallDepthTest {
    private static final int LIMIT = Engine.MAX_CALL_DEPTH;

    @TempDir
    static Path dir;
    private static RuleResult result;

    @BeforeAll
    static void check() throws IOException {
        StringBuilder c = new StringBuilder("#include <ntifs.h>\n\nERESOURCE DeepResource;\n\n");
        c.append("BOOLEAN AcquireDeep(VOID) { return ExAcquireResourceExclusiveLite(&DeepResource, TRUE); }\n\n");
        // Within(n): n calls from here to the acquire, which may leak
        c.append("NTSTATUS Within1(ULONG Flags) {\n")
                .append("    ExAcquireResourceExclusiveLite(&DeepResource, TRUE);\n")
                .append("    if (Flags & 1) {\n        return STATUS_PENDING;\n    }\n")
                .append("    ExReleaseResourceLite(&DeepResource);\n    return STATUS_SUCCESS;\n}\n\n");
        chain(c, "Within", LIMIT);
        // Beyond(n): the wrapper's acquire is n + 1 calls deep; the release right after it is inline
        c.append("NTSTATUS Beyond1(ULONG Flags) {\n")
                .append("    UNREFERENCED_PARAMETER(Flags);\n")
                .append("    if (AcquireDeep()) {\n        ExReleaseResourceLite(&DeepResource);\n    }\n")
                .append("    return STATUS_SUCCESS;\n}\n\n");
        chain(c, "Beyond", LIMIT);
        c.append("_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH DeepWithin;\n")
                .append("_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH DeepBeyond;\n\n")
                .append("NTSTATUS DeepWithin(PDEVICE_OBJECT DeviceObject, PIRP Irp) {\n")
                .append("    UNREFERENCED_PARAMETER(DeviceObject);\n")
                .append("    return Within").append(LIMIT).append("(Irp->Flags);\n}\n\n")
                .append("NTSTATUS DeepBeyond(PDEVICE_OBJECT DeviceObject, PIRP Irp) {\n")
                .append("    UNREFERENCED_PARAMETER(DeviceObject);\n")
                .append("    return Beyond").append(LIMIT).append("(Irp->Flags);\n}\n\n")
                .append("NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {\n")
                .append("    UNREFERENCED_PARAMETER(RegistryPath);\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_READ] = DeepWithin;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_WRITE] = DeepBeyond;\n")
                .append("    return STATUS_SUCCESS;\n}\n");
        Path file = dir.resolve("deep.c");
        Files.writeString(file, c);
        result = Analyzer.check(DriverCheck.model(List.of(file), 1), DriverCheck.rule(), Engine.Budget.defaults(), 2);
    }

    /** {@code prefix2} .. {@code prefixN}, each calling the one below it under a branch. */
    private static void chain(StringBuilder c, String prefix, int n) {
        for (int i = 2; i <= n; i++) {
            c.append("NTSTATUS ").append(prefix).append(i).append("(ULONG Flags) {\n")
                    .append("    if (Flags & 2) {\n        Flags |= 4;\n    }\n")
                    .append("    return ").append(prefix).append(i - 1).append("(Flags);\n}\n\n");
        }
    }

    private static Map<String, String> reasons() {
        return result.inconclusive().stream()
                .collect(Collectors.toMap(RuleResult.Inconclusive::routine, i -> i.reason(f -> f)));
    }

    @Test
    void aDefectAtTheDepthLimitIsFound() {
        assertThat(result.defects()).extracting(Defect::routine, Defect::kind)
                .containsExactly(tuple("DeepWithin", "held-at-exit"));
    }

    @Test
    void aCallBeyondTheLimitMakesTheRoutineInconclusiveWithThePlaceNamed() {
        assertThat(reasons()).containsOnlyKeys("DeepBeyond");
        assertThat(reasons().get("DeepBeyond")).contains("calls nested more than " + LIMIT + " deep at")
                .contains("deep.c:").contains("AcquireDeep was not followed");
    }
}
