/*++

Module Name:

    fullmerge.c

Abstract:

    The shutdown of zeroheld, with the page level's hold noted as a flag
    of the IRP context (FAT and CDFS keep such flags) rather than as a
    record: set while the page resource is held, cleared before it is
    released, and a "written" flag set after. The handler releases the page
    resource when the flag says it is held. The routine is correct.

    Ways out by exception reach the handler with the flags 0 (no page
    written) or "written". With every path apart, as the last refinement
    keeps them, more than 256 of them reach the handler with one lock
    state, and the block merges them. Engines before 29 November 2026
    joined each arrival with the first state there with its lock state:
    the flags became some value, and the merge, taken for a loop's (part of
    the exploration), confirmed the handler's release as a release-not-held.
    A full block's join is now approximate (fullblock shows that), and it
    takes the state the arrival differs from least: ways out with the same
    flags are joined, the flags stay known, and the routine is a Pass.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _FM_OBJECT {
    ERESOURCE Resource;
    ULONG Stage;                    // how far the flush of this object got
} FM_OBJECT, *PFM_OBJECT;

typedef struct _FM_IRP_CONTEXT {
    PIRP Irp;
    PDEVICE_OBJECT TargetDevice;
    ULONG Flags;                    // FM_PAGE_HELD, FM_WRITTEN
    PERESOURCE HeldVcb;             // released by the handler if an exception leaves it held
    PERESOURCE HeldDir;             // released by the handler if an exception leaves it held
    PERESOURCE HeldFile;            // released by the handler if an exception leaves it held
    PERESOURCE HeldStream;          // released by the handler if an exception leaves it held
    PERESOURCE HeldPage;            // released by the handler if an exception leaves it held
} FM_IRP_CONTEXT, *PFM_IRP_CONTEXT;

typedef struct _FM_DATA {
    FM_OBJECT Vcb;
    FM_OBJECT Dir;
    FM_OBJECT File;
    FM_OBJECT Stream;
    FM_OBJECT Page;
} FM_DATA;

FM_DATA FmData;

#define FM_PAGE_HELD    0x00000001
#define FM_WRITTEN      0x00000002

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH FmFsdShutdown;

//
//  The page level: raises when the lower driver fails the write.
//

static VOID
FmFlushPage(
    _In_ PFM_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    NTSTATUS Status;

    Status = IoCallDriver(IrpContext->TargetDevice, IrpContext->Irp);
    if (!NT_SUCCESS(Status)) {
        ExRaiseStatus(Status);
    }
    ExAcquireResourceExclusiveLite(&FmData.Page.Resource, TRUE);
    SetFlag(IrpContext->Flags, FM_PAGE_HELD);
    FmData.Page.Stage = Stage;
    ClearFlag(IrpContext->Flags, FM_PAGE_HELD);
    SetFlag(IrpContext->Flags, FM_WRITTEN);
    ExReleaseResourceLite(&FmData.Page.Resource);
}

//
//  The stream level: 6 stages, each flushing the level below.
//

static VOID
FmFlushStream(
    _In_ PFM_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (FmData.Stream.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&FmData.Stream.Resource, TRUE);
    IrpContext->HeldStream = &FmData.Stream.Resource;
    FmData.Stream.Stage = Stage;
    FmFlushPage(IrpContext, 1);
    FmData.Stream.Stage = 2;
    FmFlushPage(IrpContext, 2);
    FmData.Stream.Stage = 3;
    FmFlushPage(IrpContext, 3);
    FmData.Stream.Stage = 4;
    FmFlushPage(IrpContext, 4);
    FmData.Stream.Stage = 5;
    FmFlushPage(IrpContext, 5);
    FmData.Stream.Stage = 6;
    FmFlushPage(IrpContext, 6);
    IrpContext->HeldStream = NULL;
    ExReleaseResourceLite(&FmData.Stream.Resource);
}

//
//  The file level: 6 stages, each flushing the level below.
//

static VOID
FmFlushFile(
    _In_ PFM_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (FmData.File.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&FmData.File.Resource, TRUE);
    IrpContext->HeldFile = &FmData.File.Resource;
    FmData.File.Stage = Stage;
    FmFlushStream(IrpContext, 1);
    FmData.File.Stage = 2;
    FmFlushStream(IrpContext, 2);
    FmData.File.Stage = 3;
    FmFlushStream(IrpContext, 3);
    FmData.File.Stage = 4;
    FmFlushStream(IrpContext, 4);
    FmData.File.Stage = 5;
    FmFlushStream(IrpContext, 5);
    FmData.File.Stage = 6;
    FmFlushStream(IrpContext, 6);
    IrpContext->HeldFile = NULL;
    ExReleaseResourceLite(&FmData.File.Resource);
}

//
//  The directory level: 6 stages, each flushing the level below.
//

static VOID
FmFlushDir(
    _In_ PFM_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (FmData.Dir.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&FmData.Dir.Resource, TRUE);
    IrpContext->HeldDir = &FmData.Dir.Resource;
    FmData.Dir.Stage = Stage;
    FmFlushFile(IrpContext, 1);
    FmData.Dir.Stage = 2;
    FmFlushFile(IrpContext, 2);
    FmData.Dir.Stage = 3;
    FmFlushFile(IrpContext, 3);
    FmData.Dir.Stage = 4;
    FmFlushFile(IrpContext, 4);
    FmData.Dir.Stage = 5;
    FmFlushFile(IrpContext, 5);
    FmData.Dir.Stage = 6;
    FmFlushFile(IrpContext, 6);
    IrpContext->HeldDir = NULL;
    ExReleaseResourceLite(&FmData.Dir.Resource);
}

//
//  The volume level: 6 stages, each flushing the level below.
//

static VOID
FmFlushVcb(
    _In_ PFM_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (FmData.Vcb.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&FmData.Vcb.Resource, TRUE);
    IrpContext->HeldVcb = &FmData.Vcb.Resource;
    FmData.Vcb.Stage = Stage;
    FmFlushDir(IrpContext, 1);
    FmData.Vcb.Stage = 2;
    FmFlushDir(IrpContext, 2);
    FmData.Vcb.Stage = 3;
    FmFlushDir(IrpContext, 3);
    FmData.Vcb.Stage = 4;
    FmFlushDir(IrpContext, 4);
    FmData.Vcb.Stage = 5;
    FmFlushDir(IrpContext, 5);
    FmData.Vcb.Stage = 6;
    FmFlushDir(IrpContext, 6);
    IrpContext->HeldVcb = NULL;
    ExReleaseResourceLite(&FmData.Vcb.Resource);
}

//
//  Releases what an exception left held, as the IRP context records it.
//

static VOID
FmReleaseHeld(
    _Inout_ PFM_IRP_CONTEXT IrpContext
    )
{
    if (IrpContext->HeldVcb != NULL) {
        ExReleaseResourceLite(IrpContext->HeldVcb);
        IrpContext->HeldVcb = NULL;
    }
    if (IrpContext->HeldDir != NULL) {
        ExReleaseResourceLite(IrpContext->HeldDir);
        IrpContext->HeldDir = NULL;
    }
    if (IrpContext->HeldFile != NULL) {
        ExReleaseResourceLite(IrpContext->HeldFile);
        IrpContext->HeldFile = NULL;
    }
    if (IrpContext->HeldStream != NULL) {
        ExReleaseResourceLite(IrpContext->HeldStream);
        IrpContext->HeldStream = NULL;
    }
    if (FlagOn(IrpContext->Flags, FM_PAGE_HELD)) {
        ExReleaseResourceLite(&FmData.Page.Resource);
        ClearFlag(IrpContext->Flags, FM_PAGE_HELD);
    }
}

//
//  Correct: whatever an exception leaves held, the handler releases.
//

NTSTATUS
FmFsdShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    FM_IRP_CONTEXT IrpContext;
    NTSTATUS Status = STATUS_SUCCESS;

    IrpContext.Irp = Irp;
    IrpContext.TargetDevice = DeviceObject;
    IrpContext.HeldVcb = NULL;
    IrpContext.HeldDir = NULL;
    IrpContext.HeldFile = NULL;
    IrpContext.HeldStream = NULL;
    IrpContext.HeldPage = NULL;
    IrpContext.Flags = 0;
    KeEnterCriticalRegion();
    __try {
        FmFlushVcb(&IrpContext, 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        FmReleaseHeld(&IrpContext);
        Status = GetExceptionCode();
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = FmFsdShutdown;
    return STATUS_SUCCESS;
}
