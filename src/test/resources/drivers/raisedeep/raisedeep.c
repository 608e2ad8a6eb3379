/*++

Module Name:

    raisedeep.c

Abstract:

    A file system whose shutdown flushes a volume through 7 levels of
    helpers (volume, directory, file, stream, run, block, page). Each level
    but the last takes its object's resource, records it in the IRP
    context, calls the level below at 6 stages, noting each stage in its
    object, and releases the resource; the page level raises when the
    lower driver fails its write. As in FAT and CDFS, nothing on the way
    releases when an exception passes: the dispatch routine's handler
    releases whatever the IRP context records. The routine is correct.

    An exception leaves each level holding what it took, from each of its
    stages and from each way out by exception of the level below, each with
    its own stage values: thousands of ways out at the top. Engines before
    29 November 2026 kept every one apart, up through every level, and
    resumed the dispatch routine after each: out of time (Inconclusive).
    The ways out by exception with one lock state are now joined as paths
    at a block are.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _RD_OBJECT {
    ERESOURCE Resource;
    ULONG Stage;                    // how far the flush of this object got
} RD_OBJECT, *PRD_OBJECT;

typedef struct _RD_IRP_CONTEXT {
    PIRP Irp;
    PDEVICE_OBJECT TargetDevice;
    PERESOURCE HeldVcb;             // released by the handler if an exception leaves it held
    PERESOURCE HeldDir;             // released by the handler if an exception leaves it held
    PERESOURCE HeldFile;            // released by the handler if an exception leaves it held
    PERESOURCE HeldStream;          // released by the handler if an exception leaves it held
    PERESOURCE HeldRun;             // released by the handler if an exception leaves it held
    PERESOURCE HeldBlock;           // released by the handler if an exception leaves it held
    PERESOURCE HeldPage;            // released by the handler if an exception leaves it held
} RD_IRP_CONTEXT, *PRD_IRP_CONTEXT;

typedef struct _RD_DATA {
    RD_OBJECT Vcb;
    RD_OBJECT Dir;
    RD_OBJECT File;
    RD_OBJECT Stream;
    RD_OBJECT Run;
    RD_OBJECT Block;
    RD_OBJECT Page;
} RD_DATA;

RD_DATA RdData;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH RdFsdShutdown;

//
//  The page level: raises when the lower driver fails the write.
//

static VOID
RdFlushPage(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    NTSTATUS Status;

    Status = IoCallDriver(IrpContext->TargetDevice, IrpContext->Irp);
    if (!NT_SUCCESS(Status)) {
        ExRaiseStatus(Status);
    }
    ExAcquireResourceExclusiveLite(&RdData.Page.Resource, TRUE);
    IrpContext->HeldPage = &RdData.Page.Resource;
    RdData.Page.Stage = Stage;
    IrpContext->HeldPage = NULL;
    ExReleaseResourceLite(&RdData.Page.Resource);
}

//
//  The block level: 6 stages, each flushing the level below.
//

static VOID
RdFlushBlock(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (RdData.Block.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&RdData.Block.Resource, TRUE);
    IrpContext->HeldBlock = &RdData.Block.Resource;
    RdData.Block.Stage = Stage;
    RdFlushPage(IrpContext, 1);
    RdData.Block.Stage = 2;
    RdFlushPage(IrpContext, 2);
    RdData.Block.Stage = 3;
    RdFlushPage(IrpContext, 3);
    RdData.Block.Stage = 4;
    RdFlushPage(IrpContext, 4);
    RdData.Block.Stage = 5;
    RdFlushPage(IrpContext, 5);
    RdData.Block.Stage = 6;
    RdFlushPage(IrpContext, 6);
    IrpContext->HeldBlock = NULL;
    ExReleaseResourceLite(&RdData.Block.Resource);
}

//
//  The run level: 6 stages, each flushing the level below.
//

static VOID
RdFlushRun(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (RdData.Run.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&RdData.Run.Resource, TRUE);
    IrpContext->HeldRun = &RdData.Run.Resource;
    RdData.Run.Stage = Stage;
    RdFlushBlock(IrpContext, 1);
    RdData.Run.Stage = 2;
    RdFlushBlock(IrpContext, 2);
    RdData.Run.Stage = 3;
    RdFlushBlock(IrpContext, 3);
    RdData.Run.Stage = 4;
    RdFlushBlock(IrpContext, 4);
    RdData.Run.Stage = 5;
    RdFlushBlock(IrpContext, 5);
    RdData.Run.Stage = 6;
    RdFlushBlock(IrpContext, 6);
    IrpContext->HeldRun = NULL;
    ExReleaseResourceLite(&RdData.Run.Resource);
}

//
//  The stream level: 6 stages, each flushing the level below.
//

static VOID
RdFlushStream(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (RdData.Stream.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&RdData.Stream.Resource, TRUE);
    IrpContext->HeldStream = &RdData.Stream.Resource;
    RdData.Stream.Stage = Stage;
    RdFlushRun(IrpContext, 1);
    RdData.Stream.Stage = 2;
    RdFlushRun(IrpContext, 2);
    RdData.Stream.Stage = 3;
    RdFlushRun(IrpContext, 3);
    RdData.Stream.Stage = 4;
    RdFlushRun(IrpContext, 4);
    RdData.Stream.Stage = 5;
    RdFlushRun(IrpContext, 5);
    RdData.Stream.Stage = 6;
    RdFlushRun(IrpContext, 6);
    IrpContext->HeldStream = NULL;
    ExReleaseResourceLite(&RdData.Stream.Resource);
}

//
//  The file level: 6 stages, each flushing the level below.
//

static VOID
RdFlushFile(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (RdData.File.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&RdData.File.Resource, TRUE);
    IrpContext->HeldFile = &RdData.File.Resource;
    RdData.File.Stage = Stage;
    RdFlushStream(IrpContext, 1);
    RdData.File.Stage = 2;
    RdFlushStream(IrpContext, 2);
    RdData.File.Stage = 3;
    RdFlushStream(IrpContext, 3);
    RdData.File.Stage = 4;
    RdFlushStream(IrpContext, 4);
    RdData.File.Stage = 5;
    RdFlushStream(IrpContext, 5);
    RdData.File.Stage = 6;
    RdFlushStream(IrpContext, 6);
    IrpContext->HeldFile = NULL;
    ExReleaseResourceLite(&RdData.File.Resource);
}

//
//  The directory level: 6 stages, each flushing the level below.
//

static VOID
RdFlushDir(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (RdData.Dir.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&RdData.Dir.Resource, TRUE);
    IrpContext->HeldDir = &RdData.Dir.Resource;
    RdData.Dir.Stage = Stage;
    RdFlushFile(IrpContext, 1);
    RdData.Dir.Stage = 2;
    RdFlushFile(IrpContext, 2);
    RdData.Dir.Stage = 3;
    RdFlushFile(IrpContext, 3);
    RdData.Dir.Stage = 4;
    RdFlushFile(IrpContext, 4);
    RdData.Dir.Stage = 5;
    RdFlushFile(IrpContext, 5);
    RdData.Dir.Stage = 6;
    RdFlushFile(IrpContext, 6);
    IrpContext->HeldDir = NULL;
    ExReleaseResourceLite(&RdData.Dir.Resource);
}

//
//  The volume level: 6 stages, each flushing the level below.
//

static VOID
RdFlushVcb(
    _In_ PRD_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (RdData.Vcb.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&RdData.Vcb.Resource, TRUE);
    IrpContext->HeldVcb = &RdData.Vcb.Resource;
    RdData.Vcb.Stage = Stage;
    RdFlushDir(IrpContext, 1);
    RdData.Vcb.Stage = 2;
    RdFlushDir(IrpContext, 2);
    RdData.Vcb.Stage = 3;
    RdFlushDir(IrpContext, 3);
    RdData.Vcb.Stage = 4;
    RdFlushDir(IrpContext, 4);
    RdData.Vcb.Stage = 5;
    RdFlushDir(IrpContext, 5);
    RdData.Vcb.Stage = 6;
    RdFlushDir(IrpContext, 6);
    IrpContext->HeldVcb = NULL;
    ExReleaseResourceLite(&RdData.Vcb.Resource);
}

//
//  Releases what an exception left held, as the IRP context records it.
//

static VOID
RdReleaseHeld(
    _Inout_ PRD_IRP_CONTEXT IrpContext
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
    if (IrpContext->HeldRun != NULL) {
        ExReleaseResourceLite(IrpContext->HeldRun);
        IrpContext->HeldRun = NULL;
    }
    if (IrpContext->HeldBlock != NULL) {
        ExReleaseResourceLite(IrpContext->HeldBlock);
        IrpContext->HeldBlock = NULL;
    }
    if (IrpContext->HeldPage != NULL) {
        ExReleaseResourceLite(IrpContext->HeldPage);
        IrpContext->HeldPage = NULL;
    }
}

//
//  Correct: whatever an exception leaves held, the handler releases.
//

NTSTATUS
RdFsdShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    RD_IRP_CONTEXT IrpContext;
    NTSTATUS Status = STATUS_SUCCESS;

    IrpContext.Irp = Irp;
    IrpContext.TargetDevice = DeviceObject;
    IrpContext.HeldVcb = NULL;
    IrpContext.HeldDir = NULL;
    IrpContext.HeldFile = NULL;
    IrpContext.HeldStream = NULL;
    IrpContext.HeldRun = NULL;
    IrpContext.HeldBlock = NULL;
    IrpContext.HeldPage = NULL;
    KeEnterCriticalRegion();
    __try {
        RdFlushVcb(&IrpContext, 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        RdReleaseHeld(&IrpContext);
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

    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = RdFsdShutdown;
    return STATUS_SUCCESS;
}
