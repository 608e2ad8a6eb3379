/*++

Module Name:

    zeroheld.c

Abstract:

    The shutdown of raisedeep with five levels, but with the IRP context
    cleared by RtlZeroMemory, as FAT's and CDFS's IRP contexts are, rather
    than each field set to NULL. Each level takes its object's resource,
    records it in the IRP context, flushes the level below at six stages
    and clears the record before it releases; the page level raises when
    the lower driver fails the write; the dispatch routine's handler
    releases whatever the IRP context records. The routine is correct.

    A level that returns early (flushed at this stage already) leaves the
    page level's record as the zeroing made it, unwritten; one that went on
    leaves it written NULL. Engines before 29 November 2026 joined the two
    ways as a record of some value, and the handler's release through it
    was reported as a release of what is not held: a part of an object
    filled with zeros and not written since now joins with a 0 written
    there as 0.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _ZH_OBJECT {
    ERESOURCE Resource;
    ULONG Stage;                    // how far the flush of this object got
} ZH_OBJECT, *PZH_OBJECT;

typedef struct _ZH_IRP_CONTEXT {
    PIRP Irp;
    PDEVICE_OBJECT TargetDevice;
    PERESOURCE HeldVcb;             // released by the handler if an exception leaves it held
    PERESOURCE HeldDir;             // released by the handler if an exception leaves it held
    PERESOURCE HeldFile;            // released by the handler if an exception leaves it held
    PERESOURCE HeldStream;          // released by the handler if an exception leaves it held
    PERESOURCE HeldPage;            // released by the handler if an exception leaves it held
} ZH_IRP_CONTEXT, *PZH_IRP_CONTEXT;

typedef struct _ZH_DATA {
    ZH_OBJECT Vcb;
    ZH_OBJECT Dir;
    ZH_OBJECT File;
    ZH_OBJECT Stream;
    ZH_OBJECT Page;
} ZH_DATA;

ZH_DATA ZhData;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH ZhFsdShutdown;

//
//  The page level: raises when the lower driver fails the write.
//

static VOID
ZhFlushPage(
    _In_ PZH_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    NTSTATUS Status;

    Status = IoCallDriver(IrpContext->TargetDevice, IrpContext->Irp);
    if (!NT_SUCCESS(Status)) {
        ExRaiseStatus(Status);
    }
    ExAcquireResourceExclusiveLite(&ZhData.Page.Resource, TRUE);
    IrpContext->HeldPage = &ZhData.Page.Resource;
    ZhData.Page.Stage = Stage;
    IrpContext->HeldPage = NULL;
    ExReleaseResourceLite(&ZhData.Page.Resource);
}

//
//  The stream level: 6 stages, each flushing the level below.
//

static VOID
ZhFlushStream(
    _In_ PZH_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (ZhData.Stream.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&ZhData.Stream.Resource, TRUE);
    IrpContext->HeldStream = &ZhData.Stream.Resource;
    ZhData.Stream.Stage = Stage;
    ZhFlushPage(IrpContext, 1);
    ZhData.Stream.Stage = 2;
    ZhFlushPage(IrpContext, 2);
    ZhData.Stream.Stage = 3;
    ZhFlushPage(IrpContext, 3);
    ZhData.Stream.Stage = 4;
    ZhFlushPage(IrpContext, 4);
    ZhData.Stream.Stage = 5;
    ZhFlushPage(IrpContext, 5);
    ZhData.Stream.Stage = 6;
    ZhFlushPage(IrpContext, 6);
    IrpContext->HeldStream = NULL;
    ExReleaseResourceLite(&ZhData.Stream.Resource);
}

//
//  The file level: 6 stages, each flushing the level below.
//

static VOID
ZhFlushFile(
    _In_ PZH_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (ZhData.File.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&ZhData.File.Resource, TRUE);
    IrpContext->HeldFile = &ZhData.File.Resource;
    ZhData.File.Stage = Stage;
    ZhFlushStream(IrpContext, 1);
    ZhData.File.Stage = 2;
    ZhFlushStream(IrpContext, 2);
    ZhData.File.Stage = 3;
    ZhFlushStream(IrpContext, 3);
    ZhData.File.Stage = 4;
    ZhFlushStream(IrpContext, 4);
    ZhData.File.Stage = 5;
    ZhFlushStream(IrpContext, 5);
    ZhData.File.Stage = 6;
    ZhFlushStream(IrpContext, 6);
    IrpContext->HeldFile = NULL;
    ExReleaseResourceLite(&ZhData.File.Resource);
}

//
//  The directory level: 6 stages, each flushing the level below.
//

static VOID
ZhFlushDir(
    _In_ PZH_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (ZhData.Dir.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&ZhData.Dir.Resource, TRUE);
    IrpContext->HeldDir = &ZhData.Dir.Resource;
    ZhData.Dir.Stage = Stage;
    ZhFlushFile(IrpContext, 1);
    ZhData.Dir.Stage = 2;
    ZhFlushFile(IrpContext, 2);
    ZhData.Dir.Stage = 3;
    ZhFlushFile(IrpContext, 3);
    ZhData.Dir.Stage = 4;
    ZhFlushFile(IrpContext, 4);
    ZhData.Dir.Stage = 5;
    ZhFlushFile(IrpContext, 5);
    ZhData.Dir.Stage = 6;
    ZhFlushFile(IrpContext, 6);
    IrpContext->HeldDir = NULL;
    ExReleaseResourceLite(&ZhData.Dir.Resource);
}

//
//  The volume level: 6 stages, each flushing the level below.
//

static VOID
ZhFlushVcb(
    _In_ PZH_IRP_CONTEXT IrpContext,
    _In_ ULONG Stage
    )
{
    if (ZhData.Vcb.Stage == Stage) {
        return;                     // flushed at this stage already
    }
    ExAcquireResourceExclusiveLite(&ZhData.Vcb.Resource, TRUE);
    IrpContext->HeldVcb = &ZhData.Vcb.Resource;
    ZhData.Vcb.Stage = Stage;
    ZhFlushDir(IrpContext, 1);
    ZhData.Vcb.Stage = 2;
    ZhFlushDir(IrpContext, 2);
    ZhData.Vcb.Stage = 3;
    ZhFlushDir(IrpContext, 3);
    ZhData.Vcb.Stage = 4;
    ZhFlushDir(IrpContext, 4);
    ZhData.Vcb.Stage = 5;
    ZhFlushDir(IrpContext, 5);
    ZhData.Vcb.Stage = 6;
    ZhFlushDir(IrpContext, 6);
    IrpContext->HeldVcb = NULL;
    ExReleaseResourceLite(&ZhData.Vcb.Resource);
}

//
//  Releases what an exception left held, as the IRP context records it.
//

static VOID
ZhReleaseHeld(
    _Inout_ PZH_IRP_CONTEXT IrpContext
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
    if (IrpContext->HeldPage != NULL) {
        ExReleaseResourceLite(IrpContext->HeldPage);
        IrpContext->HeldPage = NULL;
    }
}

//
//  Correct: whatever an exception leaves held, the handler releases.
//

NTSTATUS
ZhFsdShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    ZH_IRP_CONTEXT IrpContext;
    NTSTATUS Status = STATUS_SUCCESS;

    IrpContext.Irp = Irp;
    IrpContext.TargetDevice = DeviceObject;
    RtlZeroMemory(&IrpContext, sizeof(IrpContext));
    KeEnterCriticalRegion();
    __try {
        ZhFlushVcb(&IrpContext, 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ZhReleaseHeld(&IrpContext);
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

    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = ZhFsdShutdown;
    return STATUS_SUCCESS;
}
