/*++

Module Name:

    drainq.c

Abstract:

    A driver that keeps pending requests on a list per device and empties
    it by testing the list head's own links: while the head's Flink is not
    the head, remove the first entry. RemoveHeadList changes the head's
    Flink, so the loop ends once the list is empty.

    Without the WDK headers the prelude declared the list helpers without
    their bodies, and a call the analysis does not follow writes nothing it
    can see: the head's Flink never changed, a loop that had run once could
    never end, and what came after it was reached only by the path that
    found the list empty (engines before the evening of 28 November 2026
    reported the flush worker's leak after a non-empty list as a Pass).
    The prelude now gives them the WDK's inline bodies.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _DQ_EXTENSION {
    ERESOURCE Resource;             // the pending list and the counts
    LIST_ENTRY Pending;
    ULONG Flushed;
    WORK_QUEUE_ITEM FlushItem;
} DQ_EXTENSION, *PDQ_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH DqCleanup;
WORKER_THREAD_ROUTINE DqFlushWorker;

//
//  Correct: each pending request is completed with the resource held for
//  its removal only.
//

NTSTATUS
DqCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDQ_EXTENSION Ext = (PDQ_EXTENSION)DeviceObject->DeviceExtension;
    PLIST_ENTRY Entry;
    PIRP Pending;

    KeEnterCriticalRegion();
    while (Ext->Pending.Flink != &Ext->Pending) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
        Entry = RemoveHeadList(&Ext->Pending);
        ExReleaseResourceLite(&Ext->Resource);
        Pending = CONTAINING_RECORD(Entry, IRP, Tail.Overlay.ListEntry);
        Pending->IoStatus.Status = STATUS_CANCELLED;
        IoCompleteRequest(Pending, IO_NO_INCREMENT);
    }
    KeLeaveCriticalRegion();

    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

//
//  Defect (held-at-exit at the closing brace): the resource is taken for
//  the first request flushed, to count the flush, and never released.
//

VOID
DqFlushWorker(
    _In_ PVOID Parameter
    )
{
    PDQ_EXTENSION Ext = (PDQ_EXTENSION)Parameter;
    PLIST_ENTRY Entry;
    BOOLEAN Counted = FALSE;

    KeEnterCriticalRegion();
    while (Ext->Pending.Flink != &Ext->Pending) {
        Entry = RemoveHeadList(&Ext->Pending);
        if (!Counted) {
            ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
            Ext->Flushed += 1;
            Counted = TRUE;
        }
        IoCompleteRequest(CONTAINING_RECORD(Entry, IRP, Tail.Overlay.ListEntry), IO_NO_INCREMENT);
    }
    KeLeaveCriticalRegion();
}                                   // expect: ExclusiveResourceAccess held-at-exit

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    PDQ_EXTENSION Ext;

    UNREFERENCED_PARAMETER(RegistryPath);

    Ext = (PDQ_EXTENSION)DriverObject->DriverExtension;
    ExInitializeResourceLite(&Ext->Resource);
    InitializeListHead(&Ext->Pending);
    ExInitializeWorkItem(&Ext->FlushItem, DqFlushWorker, Ext);
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = DqCleanup;
    return STATUS_SUCCESS;
}
