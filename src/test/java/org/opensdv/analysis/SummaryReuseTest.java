package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.driver.DriverModel;
import org.opensdv.driver.Routine;

/**
 * A callee summary shared between routines is reused only in a context that answers alike what its
 * computation asked of the caller's holds.
 */
class SummaryReuseTest {
    @TempDir
    Path dir;

    /**
     * {@code SqCount} takes the global resource, and keeps it, when it is given no volume. Called
     * while its caller holds the volume's resource, it drops that path (the volume is not NULL); the
     * summary then depends on the caller's hold, so the routine that calls it without holding
     * anything (analysed second, on one thread) does not reuse it and sees the leak. Engines of
     * 28 November 2026 before this test reused it and reported nothing.
     */
    @Test
    void aPathDroppedForTheCallersHoldIsKeptForACallerWithoutIt() throws IOException {
        Path file = countDriver();

        RuleResult result = DriverCheck.check(List.of(file), Engine.Budget.defaults(), 1, AnalysisListener.NONE);

        assertThat(result.inconclusive()).isEmpty();
        assertThat(result.defects()).extracting(Defect::routine, Defect::kind, d -> d.loc().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SqFreeCount", "held-at-exit", 45));
    }

    /**
     * Recursion is cut where a function is already on the call stack. {@code RcHelper} is first
     * summarised inside {@code RcOuter} (its call back into {@code RcOuter} is cut there); the
     * routine analysed second calls it with no {@code RcOuter} on the stack, holding the volume,
     * so the call is followed and the volume is acquired again. The stack is not part of a
     * summary's key: the summary asked whether {@code RcOuter} was on it, and does not fit here.
     * (The inner release undoes the inner acquire, so the outer release is correct.)
     */
    @Test
    void aSummaryWhoseRecursiveCallWasCutIsNotReusedWhereTheCallIsFollowed() throws IOException {
        Path file = dir.resolve("recurse.c");
        Files.writeString(file, """
                #include <ntifs.h>
                typedef struct _RC_VOLUME { ERESOURCE Resource; ULONG Count; } RC_VOLUME, *PRC_VOLUME;
                typedef struct _RC_CONTEXT { PRC_VOLUME Volume; } RC_CONTEXT, *PRC_CONTEXT;
                ERESOURCE RcLog;
                DRIVER_INITIALIZE DriverEntry;
                _Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH RcWrite;
                _Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH RcRead;

                VOID RcOuter(PRC_VOLUME Volume, ULONG Depth);

                VOID RcHelper(PRC_VOLUME Volume, ULONG Depth)
                {
                    if (Depth > 0) {
                        RcOuter(Volume, Depth - 1);
                    }
                }

                VOID RcOuter(PRC_VOLUME Volume, ULONG Depth)
                {
                    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
                    RcHelper(Volume, Depth);
                    ExReleaseResourceLite(&Volume->Resource);
                }

                VOID RcHeldHelper(PRC_VOLUME Volume, ULONG Depth)
                {
                    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
                    RcHelper(Volume, Depth);
                    ExReleaseResourceLite(&Volume->Resource);
                }

                VOID RcLogStart(VOID)
                {
                    ExAcquireResourceExclusiveLite(&RcLog, TRUE);
                    ExReleaseResourceLite(&RcLog);
                }

                VOID RcLogEnd(VOID)
                {
                    ExAcquireResourceExclusiveLite(&RcLog, TRUE);
                    ExReleaseResourceLite(&RcLog);
                }

                NTSTATUS RcWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PRC_CONTEXT Context = (PRC_CONTEXT)DeviceObject->DeviceExtension;
                    UNREFERENCED_PARAMETER(Irp);
                    RcLogStart();
                    RcOuter(Context->Volume, 1);
                    RcLogEnd();
                    return STATUS_SUCCESS;
                }

                NTSTATUS RcRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PRC_CONTEXT Context = (PRC_CONTEXT)DeviceObject->DeviceExtension;
                    UNREFERENCED_PARAMETER(Irp);
                    RcHeldHelper(Context->Volume, 1);
                    return STATUS_SUCCESS;
                }

                NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
                {
                    UNREFERENCED_PARAMETER(RegistryPath);
                    DriverObject->MajorFunction[IRP_MJ_WRITE] = RcWrite;
                    DriverObject->MajorFunction[IRP_MJ_READ] = RcRead;
                    return STATUS_SUCCESS;
                }
                """);

        RuleResult result = DriverCheck.check(List.of(file), Engine.Budget.defaults(), 1, AnalysisListener.NONE);

        assertThat(result.inconclusive()).isEmpty();
        assertThat(result.defects()).extracting(Defect::routine, Defect::kind, d -> d.loc().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RcRead", "acquire-while-held", 20));
    }

    /**
     * The other way round: summarised first for {@code SqFreeCount}, which holds nothing,
     * {@code SqCount} keeps the way on which its volume is NULL and it leaks the global resource.
     * {@code SqHeldCount} holds the volume's resource, so that way does not exist for it: the
     * summary's test made the volume NULL, and which of the entry's holds are named through that
     * value is a question it asked. Reused, the summary's NULL way out would be dropped at the call
     * by the caller's facts, so the report would be the same; but the routine would be charged a
     * summary its entry does not give, and what a routine is charged (so where a budget ends)
     * would depend on which routine ran first, as it did on fastfat before 29 November 2026.
     */
    @Test
    void aPathKeptForACallerWithoutTheHoldIsNotReusedForACallerWithIt() throws IOException {
        Path file = countDriver();

        assertThat(stepsInOrder(file, List.of("SqFreeCount", "SqHeldCount")))
                .isEqualTo(stepsInOrder(file, List.of("SqHeldCount", "SqFreeCount")));
    }

    /**
     * {@code SqCount} takes the global resource, and keeps it, when it is given no volume;
     * {@code SqHeldCount} calls it holding the volume's resource, {@code SqFreeCount} holding none.
     */
    private Path countDriver() throws IOException {
        Path file = dir.resolve("count.c");
        Files.writeString(file, """
                #include <ntifs.h>
                typedef struct _SQ_VOLUME { ERESOURCE Resource; ULONG Count; } SQ_VOLUME, *PSQ_VOLUME;
                typedef struct _SQ_CONTEXT { PSQ_VOLUME Volume; } SQ_CONTEXT, *PSQ_CONTEXT;
                ERESOURCE SqGlobal;
                ULONG SqDeviceCount;
                DRIVER_INITIALIZE DriverEntry;
                _Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH SqHeldCount;
                _Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH SqFreeCount;

                VOID SqCount(PSQ_VOLUME Volume)
                {
                    if (Volume == NULL) {
                        ExAcquireResourceExclusiveLite(&SqGlobal, TRUE);
                        SqDeviceCount += 1;
                        return;
                    }
                    Volume->Count += 1;
                }

                VOID SqCountHeld(PSQ_VOLUME Volume)
                {
                    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
                    SqCount(Volume);
                    ExReleaseResourceLite(&Volume->Resource);
                }

                VOID SqCountFree(PSQ_VOLUME Volume)
                {
                    SqCount(Volume);
                }

                NTSTATUS SqHeldCount(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PSQ_CONTEXT Context = (PSQ_CONTEXT)DeviceObject->DeviceExtension;
                    UNREFERENCED_PARAMETER(Irp);
                    SqCountHeld(Context->Volume);
                    return STATUS_SUCCESS;
                }

                NTSTATUS SqFreeCount(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PSQ_CONTEXT Context = (PSQ_CONTEXT)DeviceObject->DeviceExtension;
                    UNREFERENCED_PARAMETER(Irp);
                    SqCountFree(Context->Volume);
                    return STATUS_SUCCESS;
                }

                NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
                {
                    UNREFERENCED_PARAMETER(RegistryPath);
                    DriverObject->MajorFunction[IRP_MJ_WRITE] = SqHeldCount;
                    DriverObject->MajorFunction[IRP_MJ_READ] = SqFreeCount;
                    return STATUS_SUCCESS;
                }
                """);
        return file;
    }

    /** Each routine's analysis steps, the routines analysed in {@code order} by one engine. */
    private static Map<String, Long> stepsInOrder(Path file, List<String> order) {
        DriverModel model = DriverCheck.model(List.of(file), 1);
        Engine engine = new Engine(model, DriverCheck.rule(), Engine.Budget.defaults());
        Map<String, Long> steps = new java.util.LinkedHashMap<>();
        for (String name : order) {
            Routine routine = model.routines().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            steps.put(name, engine.analyse(routine).steps());
        }
        return new java.util.TreeMap<>(steps);
    }

    /**
     * A tree's walks are related by the values a path remembers of {@code RvNextBottomUp} until
     * memory it reads is written. {@code RvTruncateAndMarkDirty} writes such memory; it is first
     * summarised for {@code RvMarkDirty} (analysed first: it reaches more), whose path remembers no
     * walk, so it marks no remembered value stale there. {@code RvTruncate} calls it between its
     * walks: reused, that summary would leave the first walk's values standing and the routine
     * would pass. Which of the readers' remembered-memory cells its entry has is a question the
     * summary asked, so {@code RvTruncate} computes its own and is Inconclusive. Engines before 29
     * November 2026 reused it.
     */
    @Test
    void aSummaryThatMarkedNoRememberedValueStaleIsNotReusedWhereAWalkIsRemembered() throws IOException {
        Path file = dir.resolve("rememberedwrite.c");
        Files.writeString(file, """
                #include <ntifs.h>
                typedef struct _RV_NODE {
                    ERESOURCE Resource;
                    struct _RV_NODE *Parent;
                    struct _RV_NODE *FirstChild;
                    struct _RV_NODE *NextSibling;
                } RV_NODE, *PRV_NODE;
                typedef struct _RV_VOLUME { ERESOURCE Resource; PRV_NODE Root; ULONG State; } RV_VOLUME, *PRV_VOLUME;
                #define RV_DIRTY 1
                DRIVER_INITIALIZE DriverEntry;
                _Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH RvTruncate;
                _Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH RvMarkDirty;

                PRV_NODE RvNextBottomUp(PRV_NODE Node, PRV_NODE Root)
                {
                    PRV_NODE Next;
                    if (Node != NULL) {
                        if (Node == Root) {
                            return NULL;
                        }
                        Next = Node->NextSibling;
                        if (Next == NULL) {
                            return Node->Parent;
                        }
                    } else {
                        Next = Root;
                    }
                    while (Next->FirstChild != NULL) {
                        Next = Next->FirstChild;
                    }
                    return Next;
                }

                VOID RvTruncateAndMarkDirty(PRV_VOLUME Volume)
                {
                    Volume->Root->FirstChild = NULL;
                    Volume->State |= RV_DIRTY;
                }

                VOID RvMark(PRV_VOLUME Volume)
                {
                    RvTruncateAndMarkDirty(Volume);
                }

                NTSTATUS RvMarkDirty(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PRV_VOLUME Volume = (PRV_VOLUME)DeviceObject->DeviceExtension;
                    UNREFERENCED_PARAMETER(Irp);
                    RvMark(Volume);
                    if (Volume->State & RV_DIRTY) {
                        ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
                        ExReleaseResourceLite(&Volume->Resource);
                    }
                    return STATUS_SUCCESS;
                }

                NTSTATUS RvTruncate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PRV_VOLUME Volume = (PRV_VOLUME)DeviceObject->DeviceExtension;
                    PRV_NODE Node = NULL;
                    UNREFERENCED_PARAMETER(Irp);
                    while ((Node = RvNextBottomUp(Node, Volume->Root)) != NULL) {
                        ExAcquireResourceExclusiveLite(&Node->Resource, TRUE);
                    }
                    RvTruncateAndMarkDirty(Volume);
                    Node = NULL;
                    while ((Node = RvNextBottomUp(Node, Volume->Root)) != NULL) {
                        ExReleaseResourceLite(&Node->Resource);
                    }
                    return STATUS_SUCCESS;
                }

                NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
                {
                    UNREFERENCED_PARAMETER(RegistryPath);
                    DriverObject->MajorFunction[IRP_MJ_WRITE] = RvTruncate;
                    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = RvMarkDirty;
                    return STATUS_SUCCESS;
                }
                """);

        RuleResult result = DriverCheck.check(List.of(file), Engine.Budget.defaults(), 1, AnalysisListener.NONE);

        assertThat(result.defects()).isEmpty();
        assertThat(result.inconclusive()).extracting(RuleResult.Inconclusive::routine).containsExactly("RvTruncate");
    }
}
