/*++

Module Name:

    rw.c

Abstract:

    Read, write and flush, with their completion routines.

    A request that goes down to the disk keeps its resource until the disk
    completes it.  The dispatch routine hands the hold to the IRP with
    ExSetResourceOwnerPointer(Ex), and the completion routine, running in
    an arbitrary thread, releases it for that owner.  The read completion
    routine gets this wrong (release-not-held).

--*/

#include "cachedisk.h"

static VOID CdkQueueFlush(_In_ PCDK_EXTENSION Ext);
static VOID CdkQueueTrim(_In_ PCDK_EXTENSION Ext);
static NTSTATUS CdkComplete(_In_ PCDK_EXTENSION Ext, _Inout_ PIRP Irp, _In_ NTSTATUS Status,
                            _In_ ULONG_PTR Information);

NTSTATUS
CdkRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    ULONG Length = IrpSp->Parameters.Read.Length;
    PCDK_BLOCK Block;
    PVOID Buffer;
    NTSTATUS Status;

    Status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);
    if (!NT_SUCCESS(Status)) {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    //
    //  Readers share the cache.  On a miss the hold lasts until the disk
    //  has completed the read, so that the range is not cached behind it.
    //

    KeEnterCriticalRegion();
    ExAcquireSharedStarveExclusive(&Ext->CacheResource, TRUE);

    Block = CdkLookupBlock(Ext, IrpSp->Parameters.Read.ByteOffset.QuadPart);
    if (Block != NULL && Length <= CDK_BLOCK_SIZE && Irp->MdlAddress != NULL) {
        Buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
        if (Buffer != NULL) {
            RtlCopyMemory(Buffer, Block->Data, Length);
        }
        ExReleaseResourceLite(&Ext->CacheResource);
        KeLeaveCriticalRegion();
        return CdkComplete(Ext, Irp, Buffer != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES,
                           Buffer != NULL ? Length : 0);
    }

    ExSetResourceOwnerPointer(&Ext->CacheResource, OSDV_RESOURCE_OWNER(Irp));
    KeLeaveCriticalRegion();

    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, CdkReadComplete, Ext, TRUE, TRUE, TRUE);
    return IoCallDriver(Ext->LowerDevice, Irp);
}

NTSTATUS
CdkReadComplete(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_opt_ PVOID Context
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)Context;
    PERESOURCE Cache = &Ext->CacheResource;
    ERESOURCE_THREAD Me = ExGetCurrentResourceThread();

    UNREFERENCED_PARAMETER(DeviceObject);

    if (Irp->PendingReturned) {
        IoMarkIrpPending(Irp);
    }

    //
    //  Defect (completion routine, release-not-held): this runs in whatever
    //  thread completed the IRP.  The hold belongs to the owner pointer that
    //  CdkRead set, and this routine holds nothing of its own.
    //

    ExReleaseResourceForThreadLite(Cache, Me);   // expect: ExclusiveResourceAccess release-not-held

    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return STATUS_CONTINUE_COMPLETION;
}

NTSTATUS
CdkWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    LONGLONG Offset = IrpSp->Parameters.Write.ByteOffset.QuadPart;
    ULONG Length = IrpSp->Parameters.Write.Length;
    PCDK_BLOCK Block;
    PVOID Buffer = NULL;
    BOOLEAN NeedTrim;
    NTSTATUS Status;

    Status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);
    if (!NT_SUCCESS(Status)) {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    if (Irp->MdlAddress != NULL) {
        Buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
    }

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Ext->CacheResource, TRUE);

    Block = CdkLookupBlock(Ext, Offset);
    if (Block != NULL && Length == CDK_BLOCK_SIZE && Buffer != NULL) {

        //
        //  A whole cached block: absorb the write.
        //

        RtlCopyMemory(Block->Data, Buffer, CDK_BLOCK_SIZE);
        if (!Block->Dirty) {
            Block->Dirty = TRUE;
            InterlockedIncrement(&Ext->DirtyCount);
        }
        ExReleaseResourceLite(&Ext->CacheResource);
        KeLeaveCriticalRegion();

        if (Ext->DirtyCount > CDK_DIRTY_THRESHOLD) {
            CdkQueueFlush(Ext);
        }
        return CdkComplete(Ext, Irp, STATUS_SUCCESS, Length);
    }

    if (Block != NULL) {
        RemoveEntryList(&Block->Links);     // stale now
        Ext->BlockCount -= 1;
        ExFreePoolWithTag(Block, CDK_TAG);
    }
    NeedTrim = (BOOLEAN)(Ext->BlockCount > CDK_MAX_BLOCKS);
    ExReleaseResourceLite(&Ext->CacheResource);

    //
    //  Write through.  One write at a time goes down; the IRP owns
    //  WriteResource until the disk completes it.
    //

    ExAcquireResourceExclusiveLite(&Ext->WriteResource, TRUE);
    ExSetResourceOwnerPointer(&Ext->WriteResource, OSDV_RESOURCE_OWNER(Irp));
    KeLeaveCriticalRegion();

    if (NeedTrim) {
        CdkQueueTrim(Ext);
    }

    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, CdkWriteComplete, Ext, TRUE, TRUE, TRUE);
    return IoCallDriver(Ext->LowerDevice, Irp);
}

NTSTATUS
CdkWriteComplete(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_opt_ PVOID Context
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)Context;

    UNREFERENCED_PARAMETER(DeviceObject);

    if (Irp->PendingReturned) {
        IoMarkIrpPending(Irp);
    }

    ExReleaseResourceForThreadLite(&Ext->WriteResource, OSDV_RESOURCE_THREAD(Irp));

    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return STATUS_CONTINUE_COMPLETION;
}

NTSTATUS
CdkFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;
    NTSTATUS Status;

    Status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);
    if (!NT_SUCCESS(Status)) {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Ext->FlushResource, TRUE);

    Status = CdkWriteDirtyBlocks(Ext);
    if (!NT_SUCCESS(Status)) {
        ExReleaseResourceLite(&Ext->FlushResource);
        KeLeaveCriticalRegion();
        return CdkComplete(Ext, Irp, Status, 0);
    }

    //
    //  Keep the next flush out until the disk has flushed its own cache.
    //

    ExSetResourceOwnerPointerEx(&Ext->FlushResource, OSDV_RESOURCE_OWNER(Irp), 0);
    KeLeaveCriticalRegion();

    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, CdkFlushComplete, Ext, TRUE, TRUE, TRUE);
    return IoCallDriver(Ext->LowerDevice, Irp);
}

NTSTATUS
CdkFlushComplete(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_opt_ PVOID Context
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)Context;

    UNREFERENCED_PARAMETER(DeviceObject);

    if (Irp->PendingReturned) {
        IoMarkIrpPending(Irp);
    }

    ExReleaseResourceForThreadLite(&Ext->FlushResource, OSDV_RESOURCE_THREAD(Irp));

    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS
CdkComplete(
    _In_ PCDK_EXTENSION Ext,
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status,
    _In_ ULONG_PTR Information
    )
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_DISK_INCREMENT);
    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return Status;
}

//
//  Too many dirty blocks: have the flush work item write them back.  The
//  work item holds the remove lock while it is queued.
//

static VOID
CdkQueueFlush(
    _In_ PCDK_EXTENSION Ext
    )
{
    if (InterlockedCompareExchange(&Ext->FlushQueued, 1, 0) != 0) {
        return;
    }
    if (!NT_SUCCESS(IoAcquireRemoveLock(&Ext->RemoveLock, Ext->FlushWorkItem))) {
        InterlockedExchange(&Ext->FlushQueued, 0);
        return;
    }
    IoQueueWorkItem(Ext->FlushWorkItem, CdkFlushWorkItem, DelayedWorkQueue, Ext);
}

//
//  Too many blocks: have a system worker evict clean ones.
//

static VOID
CdkQueueTrim(
    _In_ PCDK_EXTENSION Ext
    )
{
    PCDK_TRIM_CONTEXT Trim;

    if (InterlockedCompareExchange(&Ext->TrimQueued, 1, 0) != 0) {
        return;
    }

    Trim = ExAllocatePoolWithTag(NonPagedPool, sizeof(CDK_TRIM_CONTEXT), CDK_TAG);
    if (Trim == NULL) {
        InterlockedExchange(&Ext->TrimQueued, 0);
        return;
    }

    Trim->Extension = Ext;
    Trim->Target = CDK_MAX_BLOCKS / 2;
    ExInitializeWorkItem(&Trim->WorkItem, CdkTrimWorker, Trim);
    ExQueueWorkItem(&Trim->WorkItem, DelayedWorkQueue);
}
