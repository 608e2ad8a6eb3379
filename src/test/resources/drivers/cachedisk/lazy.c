/*++

Module Name:

    lazy.c

Abstract:

    Writing dirty blocks back: the flusher system thread, the flush work
    item and the trim worker, each with one deliberate defect.

--*/

#include "cachedisk.h"

static NTSTATUS CdkFlushDevice(_In_ PCDK_EXTENSION Ext);
static NTSTATUS CdkWriteBlock(_In_ PCDK_EXTENSION Ext, _In_ PCDK_BLOCK Block);
static VOID CdkEvictClean(_Inout_ PCDK_EXTENSION Ext, _In_ ULONG Count);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, CdkFlusherThread)
#pragma alloc_text(PAGE, CdkFlushWorkItem)
#pragma alloc_text(PAGE, CdkTrimWorker)
#pragma alloc_text(PAGE, CdkWriteDirtyBlocks)
#pragma alloc_text(PAGE, CdkFlushDevice)
#pragma alloc_text(PAGE, CdkWriteBlock)
#endif

VOID
CdkFlusherThread(
    _In_ PVOID StartContext
    )
{
    LARGE_INTEGER Interval;
    PLIST_ENTRY Entry;
    PCDK_EXTENSION Ext;
    NTSTATUS Status;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(StartContext);

    Interval.QuadPart = -10000LL * CDK_FLUSH_INTERVAL_MS;

    while (!CdkGlobals.StopFlusher) {

        (VOID)KeWaitForSingleObject(&CdkGlobals.FlushEvent, Executive, KernelMode, FALSE, &Interval);
        if (CdkGlobals.StopFlusher) {
            break;
        }

        //
        //  Exclusive, so that a device being removed waits for this round.
        //

        KeEnterCriticalRegion();
        ExAcquireResourceExclusiveLite(&CdkGlobals.ListResource, TRUE);

        for (Entry = CdkGlobals.DeviceList.Flink; Entry != &CdkGlobals.DeviceList; Entry = Entry->Flink) {
            Ext = CONTAINING_RECORD(Entry, CDK_EXTENSION, Links);
            if (Ext->DirtyCount == 0) {
                continue;
            }
            Status = CdkFlushDevice(Ext);
            if (!NT_SUCCESS(Status)) {
                ExReleaseResourceLite(&CdkGlobals.ListResource);    // give up on this round
                break;
            }
        }

        //
        //  Defect (thread start routine, release-not-held): a double release
        //  when the loop above gave up.
        //

        ExReleaseResourceLite(&CdkGlobals.ListResource); // expect: ExclusiveResourceAccess release-not-held
        KeLeaveCriticalRegion();
    }

    PsTerminateSystemThread(STATUS_SUCCESS);
}

VOID
CdkFlushWorkItem(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_opt_ PVOID Context
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)Context;
    NTSTATUS Status;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Ext->FlushResource, TRUE);

    Status = CdkWriteDirtyBlocks(Ext);
    if (Status == STATUS_INSUFFICIENT_RESOURCES) {

        //
        //  Low on memory: leave it to the flusher thread.
        //
        //  Defect (work item, held-at-exit): this early return keeps the
        //  flush resource.
        //

        InterlockedExchange(&Ext->FlushQueued, 0);
        IoReleaseRemoveLock(&Ext->RemoveLock, Ext->FlushWorkItem);
        KeLeaveCriticalRegion();
        return;                 // expect: ExclusiveResourceAccess held-at-exit
    }

    ExReleaseResourceLite(&Ext->FlushResource);
    KeLeaveCriticalRegion();

    InterlockedExchange(&Ext->FlushQueued, 0);
    IoReleaseRemoveLock(&Ext->RemoveLock, Ext->FlushWorkItem);
}

VOID
CdkTrimWorker(
    _In_ PVOID Parameter
    )
{
    PCDK_TRIM_CONTEXT Trim = (PCDK_TRIM_CONTEXT)Parameter;
    PCDK_EXTENSION Ext = Trim->Extension;
    PERESOURCE Cache = &Ext->CacheResource;
    ULONG Clean;

    PAGED_CODE();

    KeEnterCriticalRegion();

    ExAcquireResourceExclusiveLite(Cache, TRUE);
    Clean = Ext->BlockCount - (ULONG)Ext->DirtyCount;
    ExReleaseResourceLite(Cache);

    if (Clean > Trim->Target) {
        ExAcquireResourceExclusiveLite(Cache, TRUE);

        //
        //  Defect (work item, acquire-while-held): acquire, release, acquire
        //  and acquire again on one path.  A leftover from when the count
        //  above was taken here.
        //

        ExAcquireResourceExclusiveLite(Cache, TRUE);    // expect: ExclusiveResourceAccess acquire-while-held
        CdkEvictClean(Ext, Clean - Trim->Target);
        ExReleaseResourceLite(Cache);
    }

    KeLeaveCriticalRegion();

    InterlockedExchange(&Ext->TrimQueued, 0);
    ExFreePoolWithTag(Trim, CDK_TAG);

    //
    //  Defect (held-at-exit): so the cache stays acquired once when the
    //  trim ran; the one release above undid the leftover's acquisition.
    //

}   // expect: ExclusiveResourceAccess held-at-exit

//
//  Writes every dirty block back.  Called with FlushResource held; takes
//  the cache shared to walk it.
//

NTSTATUS
CdkWriteDirtyBlocks(
    _In_ PCDK_EXTENSION Ext
    )
{
    PLIST_ENTRY Entry;
    PCDK_BLOCK Block;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    ExAcquireResourceSharedLite(&Ext->CacheResource, TRUE);
    for (Entry = Ext->Blocks.Flink; Entry != &Ext->Blocks; Entry = Entry->Flink) {
        Block = CONTAINING_RECORD(Entry, CDK_BLOCK, Links);
        if (!Block->Dirty) {
            continue;
        }
        Status = CdkWriteBlock(Ext, Block);
        if (!NT_SUCCESS(Status)) {
            break;
        }
        Block->Dirty = FALSE;
        InterlockedDecrement(&Ext->DirtyCount);
    }
    ExReleaseResourceLite(&Ext->CacheResource);

    return Status;
}

//
//  Called with the cache held, shared or exclusive.
//

PCDK_BLOCK
CdkLookupBlock(
    _In_ PCDK_EXTENSION Ext,
    _In_ LONGLONG Offset
    )
{
    PLIST_ENTRY Entry;
    PCDK_BLOCK Block;

    for (Entry = Ext->Blocks.Flink; Entry != &Ext->Blocks; Entry = Entry->Flink) {
        Block = CONTAINING_RECORD(Entry, CDK_BLOCK, Links);
        if (Block->Offset == Offset) {
            KeQuerySystemTime(&Block->LastUse);
            return Block;
        }
    }
    return NULL;
}

static NTSTATUS
CdkFlushDevice(
    _In_ PCDK_EXTENSION Ext
    )
{
    NTSTATUS Status;

    PAGED_CODE();

    ExAcquireResourceExclusiveLite(&Ext->FlushResource, TRUE);
    Status = CdkWriteDirtyBlocks(Ext);
    ExReleaseResourceLite(&Ext->FlushResource);

    return Status;
}

static NTSTATUS
CdkWriteBlock(
    _In_ PCDK_EXTENSION Ext,
    _In_ PCDK_BLOCK Block
    )
{
    KEVENT Event;
    IO_STATUS_BLOCK Iosb;
    LARGE_INTEGER Offset;
    PIRP Irp;
    NTSTATUS Status;

    PAGED_CODE();

    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    Offset.QuadPart = Block->Offset;

    Irp = IoBuildSynchronousFsdRequest(IRP_MJ_WRITE, Ext->LowerDevice, Block->Data, CDK_BLOCK_SIZE,
                                       &Offset, &Event, &Iosb);
    if (Irp == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    Status = IoCallDriver(Ext->LowerDevice, Irp);
    if (Status == STATUS_PENDING) {
        (VOID)KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
        Status = Iosb.Status;
    }
    return Status;
}

//
//  Called with the cache held exclusive.  Drops the Count least recently
//  used clean blocks.
//

static VOID
CdkEvictClean(
    _Inout_ PCDK_EXTENSION Ext,
    _In_ ULONG Count
    )
{
    PLIST_ENTRY Entry;
    PCDK_BLOCK Block;
    PCDK_BLOCK Oldest;

    while (Count-- > 0) {
        Oldest = NULL;
        for (Entry = Ext->Blocks.Flink; Entry != &Ext->Blocks; Entry = Entry->Flink) {
            Block = CONTAINING_RECORD(Entry, CDK_BLOCK, Links);
            if (!Block->Dirty && (Oldest == NULL || Block->LastUse.QuadPart < Oldest->LastUse.QuadPart)) {
                Oldest = Block;
            }
        }
        if (Oldest == NULL) {
            break;
        }
        RemoveEntryList(&Oldest->Links);
        Ext->BlockCount -= 1;
        ExFreePoolWithTag(Oldest, CDK_TAG);
    }
}
