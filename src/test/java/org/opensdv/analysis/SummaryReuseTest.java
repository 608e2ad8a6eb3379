package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
