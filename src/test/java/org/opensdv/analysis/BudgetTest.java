package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.driver.DriverModel;
import org.opensdv.rules.RuleSpec;

/**
 * Budgets end a pathological routine with a named reason while the rest of the driver is checked:
 * a dispatch routine takes up to 60 locks under 60 independent flags (2^60 lock states) and drops
 * them later under the same flags; beside it, a correct routine and one with a real defect.
 */
class BudgetTest {
    private static final int FLAGS = 60;

    @TempDir
    static Path dir;
    private static DriverModel model;
    private static RuleSpec rule;

    @BeforeAll
    static void build() throws IOException {
        StringBuilder c = new StringBuilder();
        c.append("#include <ntifs.h>\n\n")
                .append("typedef struct _BT_CONTEXT {\n    BOOLEAN Flags[").append(FLAGS).append("];\n")
                .append("    ERESOURCE Locks[").append(FLAGS).append("];\n    ERESOURCE Main;\n    ULONG Count;\n")
                .append("} BT_CONTEXT, *PBT_CONTEXT;\n\n")
                .append("DRIVER_INITIALIZE DriverEntry;\n")
                .append("_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH BtManyLocks;\n")
                .append("_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH BtCorrect;\n")
                .append("_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH BtLeaky;\n\n");
        c.append("NTSTATUS BtManyLocks(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{\n")
                .append("    PBT_CONTEXT Context = (PBT_CONTEXT)DeviceObject->DeviceExtension;\n")
                .append("    UNREFERENCED_PARAMETER(Irp);\n");
        for (int i = 0; i < FLAGS; i++) {
            c.append("    if (Context->Flags[").append(i).append("]) {\n")
                    .append("        ExAcquireResourceExclusiveLite(&Context->Locks[").append(i).append("], TRUE);\n")
                    .append("    }\n");
        }
        c.append("    Context->Count += 1;\n");
        for (int i = FLAGS - 1; i >= 0; i--) {
            c.append("    if (Context->Flags[").append(i).append("]) {\n")
                    .append("        ExReleaseResourceLite(&Context->Locks[").append(i).append("]);\n")
                    .append("    }\n");
        }
        c.append("    return STATUS_SUCCESS;\n}\n\n");
        c.append("NTSTATUS BtCorrect(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{\n")
                .append("    PBT_CONTEXT Context = (PBT_CONTEXT)DeviceObject->DeviceExtension;\n")
                .append("    UNREFERENCED_PARAMETER(Irp);\n")
                .append("    ExAcquireResourceExclusiveLite(&Context->Main, TRUE);\n")
                .append("    Context->Count += 1;\n")
                .append("    ExReleaseResourceLite(&Context->Main);\n")
                .append("    return STATUS_SUCCESS;\n}\n\n");
        c.append("NTSTATUS BtLeaky(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{\n")
                .append("    PBT_CONTEXT Context = (PBT_CONTEXT)DeviceObject->DeviceExtension;\n")
                .append("    ExAcquireResourceExclusiveLite(&Context->Main, TRUE);\n")
                .append("    if (Irp->Cancel) {\n")
                .append("        return STATUS_CANCELLED;\n")
                .append("    }\n")
                .append("    ExReleaseResourceLite(&Context->Main);\n")
                .append("    return STATUS_SUCCESS;\n}\n\n");
        c.append("NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n")
                .append("    UNREFERENCED_PARAMETER(RegistryPath);\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_WRITE] = BtManyLocks;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_READ] = BtCorrect;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_CLOSE] = BtLeaky;\n")
                .append("    return STATUS_SUCCESS;\n}\n");
        Path file = dir.resolve("budget.c");
        Files.writeString(file, c.toString());
        model = DriverCheck.model(List.of(file), 1);
        rule = DriverCheck.rule();
    }

    private static Map<String, String> reasons(RuleResult result) {
        return result.inconclusive().stream()
                .collect(Collectors.toMap(RuleResult.Inconclusive::routine, i -> i.reason(f -> f)));
    }

    @Test
    void theStateBudgetStopsOnlyThePathologicalRoutine() {
        RuleResult result = Analyzer.check(model, rule, Engine.Budget.defaults(), 2);

        assertThat(result.routinesChecked()).isEqualTo(3); // DriverEntry takes no resource
        assertThat(reasons(result)).containsOnlyKeys("BtManyLocks");
        assertThat(reasons(result).get("BtManyLocks")).contains("distinct lock states in BtManyLocks at")
                .contains("budget.c:");
        assertThat(result.defects()).extracting(Defect::routine, Defect::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BtLeaky", "held-at-exit"));
        assertThat(result.verdict()).isEqualTo(Verdict.DEFECT);
    }

    @Test
    void theStepBudgetNamesItsReason() {
        Engine.Budget d = Engine.Budget.defaults();
        RuleResult result = Analyzer.check(model, rule, new Engine.Budget(2_000, 1 << 20, d.maxMillis(),
                d.pathsPerLockState()), 1);

        assertThat(reasons(result)).containsOnlyKeys("BtManyLocks");
        assertThat(reasons(result).get("BtManyLocks")).contains("more than 2000 analysis steps");
        assertThat(result.defects()).extracting(Defect::routine).containsExactly("BtLeaky");
    }

    @Test
    void theTimeBudgetNamesItsReason() {
        Engine.Budget d = Engine.Budget.defaults();
        RuleResult result = Analyzer.check(model, rule, new Engine.Budget(Long.MAX_VALUE, 1 << 20, 200,
                d.pathsPerLockState()), 1);

        assertThat(reasons(result)).containsOnlyKeys("BtManyLocks");
        assertThat(reasons(result).get("BtManyLocks")).contains("more than 0.2 s of analysis");
        assertThat(result.defects()).extracting(Defect::routine).containsExactly("BtLeaky");
    }

    /**
     * A full block that joins two states with the same lock state loses nothing about holds, even
     * when a loop's join made some of them unknown before: a routine that shares every partition
     * through a helper's loop (their holds unknown afterwards, claimed by no defect) and then tests
     * six independent options stays complete when the blocks after the options fill up, as they do
     * with paths kept apart (the refinement's first step). Engines before 28 November 2026 counted
     * every such join as a merge of distinct lock states and left the routine Inconclusive
     * (fastfat's FSP close).
     */
    @Test
    void aFullBlockCarryingUnknownHoldsFromALoopLosesNothingMore() throws IOException {
        StringBuilder c = new StringBuilder();
        c.append("#include <ntifs.h>\n\n")
                .append("typedef struct _FB_PART { ERESOURCE Resource; ULONG Depth; } FB_PART;\n")
                .append("typedef struct _FB_CONTEXT {\n    FB_PART Parts[8];\n    BOOLEAN Options[6];\n")
                .append("    ULONG Count;\n} FB_CONTEXT, *PFB_CONTEXT;\n\n")
                .append("DRIVER_INITIALIZE DriverEntry;\n")
                .append("_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH FbScan;\n\n")
                .append("VOID FbShareAll(PFB_CONTEXT Context)\n{\n    ULONG i;\n")
                .append("    for (i = 0; i < 8; i++) {\n")
                .append("        ExAcquireResourceSharedLite(&Context->Parts[i].Resource, TRUE);\n")
                .append("    }\n}\n\n")
                .append("NTSTATUS FbScan(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{\n")
                .append("    PFB_CONTEXT Context = (PFB_CONTEXT)DeviceObject->DeviceExtension;\n")
                .append("    ULONG Seen = 0;\n")
                .append("    UNREFERENCED_PARAMETER(Irp);\n")
                .append("    FbShareAll(Context);\n");
        for (int i = 0; i < 6; i++) {
            c.append("    if (Context->Options[").append(i).append("]) {\n        Seen += ").append(1 << i)
                    .append(";\n    }\n");
        }
        c.append("    Context->Count = Seen;\n    return STATUS_SUCCESS;\n}\n\n")
                .append("NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n")
                .append("    UNREFERENCED_PARAMETER(RegistryPath);\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_READ] = FbScan;\n")
                .append("    return STATUS_SUCCESS;\n}\n");
        Path file = dir.resolve("fullblock.c");
        Files.writeString(file, c.toString());
        Engine.Budget d = Engine.Budget.defaults();

        RuleResult result = DriverCheck.check(file, new Engine.Budget(d.maxSteps(), 8, d.maxMillis(), 8));

        assertThat(result.inconclusive()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    /**
     * The time is looked at when a callee's ways out are applied, not only every 1,024 steps (a
     * callee with many ways out, each renamed into a large state, can take seconds between two
     * steps). With the routine's time already spent, each dispatch routine of {@code derefctx}
     * (a few hundred steps each) stops at its first followed call; routines that call nothing
     * followed finish. Engines before 28 November 2026 finished them all.
     */
    @Test
    void theTimeBudgetIsLookedAtWhenACalleesWaysOutAreApplied() {
        Engine.Budget d = Engine.Budget.defaults();
        Engine.Budget spent = new Engine.Budget(d.maxSteps(), d.maxStatesPerBlock(), -1, d.pathsPerLockState());

        RuleResult result = DriverCheck.check(Path.of("src/test/resources/drivers/derefctx"), spent);

        assertThat(reasons(result)).containsOnlyKeys("DcFsdWrite", "DcFsdQuery", "DcFsdLock", "DcFsdFlush")
                .allSatisfy((routine, reason) -> assertThat(reason).contains("s of analysis"));
    }

    @Test
    void anExpiredRunTimeLimitLeavesEveryRoutineInconclusiveAndNamed() {
        RuleResult result = Analyzer.check(model, rule, Engine.Budget.defaults(), 2, AnalysisListener.NONE,
                System.currentTimeMillis());

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(reasons(result)).containsOnlyKeys("BtManyLocks", "BtCorrect", "BtLeaky")
                .allSatisfy((routine, reason) -> assertThat(reason).contains("--timeout"));
    }
}
