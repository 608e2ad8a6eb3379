package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.driver.DriverModel;
import org.opensdv.driver.Routine;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;
import org.opensdv.rules.RuleCatalog;

/**
 * A defect found only on a joined path is first replayed along its witness, exactly: when that
 * path is real, the defect is confirmed without exploring every path apart. Both routines take a
 * lock, then test 40 independent flags that each set a bit of {@code Taken} (2^40 paths, all with
 * one lock state), and return holding the lock on some paths. In {@code RwModeLeak} the leak
 * depends on {@code Mode}, 1 or 2 by an earlier branch: the join makes it vague, so the leak is a
 * candidate, and the path its witness describes is real. In {@code RwTakenLeak} it depends on
 * {@code Taken}: the witness the joins keep is the path with no flag set, on which there is no
 * leak, but a path that sets one flag more leaks, and a replay may leave the witness at one
 * branch. {@code RwPairLeak} has seven flags and leaks only when the first two are set, two
 * branches away from the witness: no replay confirms it, and the refinement, which keeps its 128
 * paths apart, decides. In
 * {@code RwRetryTake} the candidate is inside the second call of a helper whose first call, on
 * the same path, went the other way at the helper's branch: the replay holds each call to what
 * that call did on the witness. In {@code RwFilteredLeak} the leak follows an exception filter's
 * "handle it", returned both when the routine's IRP context is absent and when a flag in it is
 * set: the filter's two ways out are merged into one, and the trace the routine shows (and its
 * witness follows) must be the way with the context it created, not the shorter one without.
 */
class WitnessReplayTest {
    private static final int FLAGS = 40;
    /** Few enough flags that the refinement keeps every path apart at every block. */
    private static final int PAIR_FLAGS = 7;
    /** Enough for the first exploration and a replay; far too few to explore every path apart. */
    private static final long FEW_STEPS = 5_000;
    /** Enough for the first exploration of {@code RwPairLeak}; too few to explore its 128 paths apart. */
    private static final long PAIR_FEW_STEPS = 500;
    private static final String RETAKE = "ExAcquireResourceExclusiveLite(&Context->Main, FALSE)";

    @TempDir
    static Path dir;
    private static DriverModel model;
    /** The line of the helper's try of the lock ({@link #RETAKE}) in the generated source. */
    private static int retakenLine;

    @BeforeAll
    static void build() throws IOException {
        StringBuilder c = new StringBuilder();
        c.append("#include <ntifs.h>\n\n")
                .append("typedef struct _RW_CONTEXT {\n    ULONG Flags;\n    ULONG MoreFlags;\n    ULONG Options;\n")
                .append("    ERESOURCE Main;\n} RW_CONTEXT, *PRW_CONTEXT;\n\n")
                .append("typedef struct _RW_IRP_CONTEXT {\n    ULONG Flags;\n    NTSTATUS ExceptionStatus;\n")
                .append("} RW_IRP_CONTEXT, *PRW_IRP_CONTEXT;\n\n")
                .append("PRW_IRP_CONTEXT RwCreateIrpContext(PIRP Irp);\n\n")
                .append("DRIVER_INITIALIZE DriverEntry;\n")
                .append("_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH RwModeLeak;\n")
                .append("_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH RwTakenLeak;\n")
                .append("_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH RwPairLeak;\n")
                .append("_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH RwRetryTake;\n")
                .append("_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH RwFilteredLeak;\n\n");
        routine(c, "RwModeLeak", "Mode != 0", FLAGS);
        routine(c, "RwTakenLeak", "Taken != 0", FLAGS);
        routine(c, "RwPairLeak", "(Taken & 3) == 3", PAIR_FLAGS);
        retryingRoutine(c);
        filteringRoutine(c);
        c.append("NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n")
                .append("    UNREFERENCED_PARAMETER(RegistryPath);\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_WRITE] = RwModeLeak;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_READ] = RwTakenLeak;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = RwPairLeak;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = RwRetryTake;\n")
                .append("    DriverObject->MajorFunction[IRP_MJ_CLOSE] = RwFilteredLeak;\n")
                .append("    return STATUS_SUCCESS;\n}\n");
        Files.writeString(dir.resolve("replay.c"), c.toString());
        retakenLine = List.of(c.toString().split("\n")).indexOf("    if (" + RETAKE + ") {") + 1;
        Project project = InputCollector.collect(List.of(dir), new CompilerOptions(List.of(), Map.of()));
        ProgramBuilder.Result program = ProgramBuilder.build(project, 1);
        model = DriverModel.of(program.program(), project::isOwnFile);
    }

    private static void routine(StringBuilder c, String name, String leakCondition, int flags) {
        opening(c, name);
        c.append("    ExAcquireResourceExclusiveLite(&Context->Main, TRUE);\n");
        flags(c, flags);
        c.append("    if (").append(leakCondition).append(") {\n        return STATUS_PENDING;\n    }\n")
                .append("    ExReleaseResourceLite(&Context->Main);\n")
                .append("    if (Taken == 0x12345) {\n        Context->Options = 0;\n    }\n")
                .append("    return STATUS_SUCCESS;\n}\n\n");
    }

    /**
     * Tries the lock, waits for it when the try failed, then tries again: the second try succeeds
     * while the lock is held, only after the first try failed (and is released: the lock counts
     * both acquisitions).
     */
    private static void retryingRoutine(StringBuilder c) {
        c.append("BOOLEAN RwTryTake(PRW_CONTEXT Context)\n{\n")
                .append("    if (" + RETAKE + ") {\n")
                .append("        return TRUE;\n    }\n    return FALSE;\n}\n\n");
        opening(c, "RwRetryTake");
        flags(c, FLAGS);
        c.append("    if (Mode != 0) {\n        if (!RwTryTake(Context)) {\n")
                .append("            ExAcquireResourceExclusiveLite(&Context->Main, TRUE);\n")
                .append("            if (RwTryTake(Context)) {\n")
                .append("                ExReleaseResourceLite(&Context->Main);\n            }\n        }\n")
                .append("        ExReleaseResourceLite(&Context->Main);\n    }\n")
                .append("    return STATUS_SUCCESS;\n}\n\n");
    }

    /**
     * Creates an IRP context, takes the lock, then asks a filter (which writes the context, so it
     * is followed) and leaks the lock when it says "handle it": "handle it" without a context is
     * the shorter way out, but this routine has one.
     */
    private static void filteringRoutine(StringBuilder c) {
        c.append("LONG RwFilter(PRW_IRP_CONTEXT IrpContext)\n{\n")
                .append("    if (IrpContext == NULL) {\n        return 1;\n    }\n")
                .append("    if (IrpContext->Flags & 4) {\n        return 1;\n    }\n")
                .append("    IrpContext->ExceptionStatus = STATUS_PENDING;\n    return 0;\n}\n\n");
        opening(c, "RwFilteredLeak");
        c.append("    PRW_IRP_CONTEXT IrpContext = RwCreateIrpContext(Irp);\n")
                .append("    if (IrpContext == NULL) {\n        return STATUS_INSUFFICIENT_RESOURCES;\n    }\n")
                .append("    ExAcquireResourceExclusiveLite(&Context->Main, TRUE);\n");
        flags(c, FLAGS);
        c.append("    if (RwFilter(IrpContext) != 0 && Mode != 0) {\n        return STATUS_PENDING;\n    }\n")
                .append("    ExReleaseResourceLite(&Context->Main);\n")
                .append("    if (Taken == 0x12345 && IrpContext->ExceptionStatus == 0) {\n")
                .append("        Context->Options = 0;\n    }\n")
                .append("    return STATUS_SUCCESS;\n}\n\n");
    }

    /** A routine's start: {@code Mode} is 1 or 2, by a branch the first join makes vague. */
    private static void opening(StringBuilder c, String name) {
        c.append("NTSTATUS ").append(name).append("(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{\n")
                .append("    PRW_CONTEXT Context = (PRW_CONTEXT)DeviceObject->DeviceExtension;\n")
                .append("    ULONGLONG Taken = 0;\n    ULONG Mode;\n    UNREFERENCED_PARAMETER(Irp);\n")
                .append("    if (Context->Options & 1) {\n        Mode = 1;\n    } else {\n        Mode = 2;\n    }\n");
    }

    /** 2^{@code count} paths, all with the same lock state. */
    private static void flags(StringBuilder c, int count) {
        for (int i = 0; i < count; i++) {
            String word = i < 32 ? "Flags" : "MoreFlags";
            c.append("    if (Context->").append(word).append(" & 0x").append(Long.toHexString(1L << (i % 32)))
                    .append(") {\n        Taken |= 0x").append(Long.toHexString(1L << i)).append("ULL;\n    }\n");
        }
    }

    private static Engine.RoutineResult analyse(String name, long maxSteps) {
        Engine.Budget defaults = Engine.Budget.defaults();
        Engine engine = new Engine(model, RuleCatalog.shipped().rules().get(0),
                new Engine.Budget(maxSteps, defaults.maxStatesPerBlock(), 600_000, defaults.pathsPerLockState()));
        Routine routine = model.routines().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        return engine.analyse(routine);
    }

    @Test
    void aCandidateOnARealPathIsConfirmedWithoutExploringEveryPath() {
        Engine.RoutineResult result = analyse("RwModeLeak", FEW_STEPS);

        assertThat(result.complete()).as(result.reason()).isTrue();
        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("held-at-exit");
            assertThat(d.trace()).anySatisfy(s -> assertThat(s.message()).isEqualTo("Mode != 0 is true"));
        });
        assertThat(result.steps()).isLessThan(FEW_STEPS);
    }

    @Test
    void aCalleeCalledTwiceOnTheWitnessIsReplayedPerCall() {
        Engine.RoutineResult result = analyse("RwRetryTake", FEW_STEPS);

        assertThat(result.complete()).as(result.reason()).isTrue();
        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("acquire-while-held");
            assertThat(d.loc().line()).isEqualTo(retakenLine).isPositive();
        });
        assertThat(result.steps()).isLessThan(FEW_STEPS);
    }

    @Test
    void aCalleesMergedWaysOutAreShownAsTheCallersPathTookThem() {
        Engine.RoutineResult result = analyse("RwFilteredLeak", FEW_STEPS);

        assertThat(result.complete()).as(result.reason()).isTrue();
        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("held-at-exit");
            assertThat(d.trace()).extracting(Step::message)
                    .contains("IrpContext->Flags & 4 is true")
                    .doesNotContain("IrpContext == NULL is true");
        });
        assertThat(result.steps()).isLessThan(FEW_STEPS);
    }

    @Test
    void aRealPathOneBranchAwayFromTheWitnessConfirmsTheCandidate() {
        Engine.RoutineResult result = analyse("RwTakenLeak", FEW_STEPS);

        assertThat(result.complete()).as(result.reason()).isTrue();
        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("held-at-exit");
            assertThat(d.trace()).extracting(Step::message).contains("Taken != 0 is true")
                    .filteredOn(m -> m.matches("Context->(More)?Flags & 0x[0-9a-f]+ is true")).hasSize(1);
        });
        assertThat(result.steps()).isLessThan(FEW_STEPS);
    }

    @Test
    void aWitnessNoRealPathNearFollowsLeavesTheCandidateToTheRefinement() {
        Engine.RoutineResult withFewSteps = analyse("RwPairLeak", PAIR_FEW_STEPS);
        Engine.RoutineResult withEnough = analyse("RwPairLeak", Engine.Budget.defaults().maxSteps());

        assertThat(withFewSteps.complete()).isFalse();
        assertThat(withFewSteps.defects()).isEmpty();
        assertThat(withFewSteps.reason()).contains("a possible held-at-exit").contains("could not be confirmed");
        assertThat(withEnough.complete()).as(withEnough.reason()).isTrue();
        assertThat(withEnough.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("held-at-exit");
            assertThat(d.trace()).extracting(Step::message)
                    .contains("Context->Flags & 0x1 is true", "Context->Flags & 0x2 is true");
        });
    }
}
