/*++

Module Name:

    samecall.c

Abstract:

    A device that decides twice, with the same side-effect-free call, whether
    a request needs its resource: once to acquire it, once to release it
    (if (!IsListEmpty(&Ext->Pending)) acquire ... if (!IsListEmpty(&Ext->Pending))
    release; the same with a predicate of the driver's own). Over the same
    memory the two calls give the same answer, so the release comes exactly
    when the acquire did.

    The analysis follows a function without side effects whose value the
    functions that can lock use at two call sites or more (in one function,
    or one in each of two wrappers); its value is then a term over the
    memory it reads, not a new unknown at every call. Engines before the
    night of 28 November 2026 did not follow such functions (they neither
    acquire nor write anything a test reads), took the two answers as
    unrelated, and reported the three correct routines below twice each: a
    release of what is not held, and a return while holding.

    What the predicate reads may change between the calls: a write in the
    routine itself, or a helper that empties the list. The helper is
    followed because a followed function's value depends on the links it
    writes, so its change is seen, and the leak it causes is reported.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define SC_MODE_SHARED      2

typedef struct _SC_EXTENSION {
    ERESOURCE Resource;             // the pending list and the counts
    LIST_ENTRY Pending;
    ULONG Mode;
    ULONG Users;
    ULONG Requests;
} SC_EXTENSION, *PSC_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH ScCleanup;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH ScFlush;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH ScShutdown;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH ScDeviceControl;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH ScWrite;

static BOOLEAN
ScNeedsLock(
    _In_ PSC_EXTENSION Ext
    )
{
    return Ext->Users > 1 && Ext->Mode == SC_MODE_SHARED;
}

static BOOLEAN
ScShared(
    _In_ PSC_EXTENSION Ext
    )
{
    return Ext->Mode == SC_MODE_SHARED;
}

//
//  Wrappers that each ask once: the question is the same in both.
//

static VOID
ScLockIfShared(
    _In_ PSC_EXTENSION Ext
    )
{
    if (ScShared(Ext)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
}

static VOID
ScUnlockIfShared(
    _In_ PSC_EXTENSION Ext
    )
{
    if (ScShared(Ext)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
}

static NTSTATUS
ScComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  A helper that completes every pending request: the list is empty after it.
//

static VOID
ScCancelPending(
    _In_ PSC_EXTENSION Ext
    )
{
    PLIST_ENTRY Entry;

    while (Ext->Pending.Flink != &Ext->Pending) {
        Entry = RemoveHeadList(&Ext->Pending);
        ScComplete(CONTAINING_RECORD(Entry, IRP, Tail.Overlay.ListEntry), STATUS_CANCELLED);
    }
}

//
//  Correct: the resource is taken only when requests are pending, and
//  released on the same test.
//

NTSTATUS
ScCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSC_EXTENSION Ext = (PSC_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    if (!IsListEmpty(&Ext->Pending)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
    Ext->Requests += 1;
    if (!IsListEmpty(&Ext->Pending)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return ScComplete(Irp, STATUS_SUCCESS);
}

//
//  Correct: the driver's own predicate, asked twice.
//

NTSTATUS
ScFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSC_EXTENSION Ext = (PSC_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    if (ScNeedsLock(Ext)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
    Ext->Requests += 1;
    if (ScNeedsLock(Ext)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return ScComplete(Irp, STATUS_SUCCESS);
}

//
//  Correct: one wrapper takes the resource if the device is shared, the
//  other releases it on the same question.
//

NTSTATUS
ScWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSC_EXTENSION Ext = (PSC_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    ScLockIfShared(Ext);
    Ext->Requests += 1;
    ScUnlockIfShared(Ext);
    KeLeaveCriticalRegion();
    return ScComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect (held-at-exit): the mode changes between the two questions, so
//  the second answer may be FALSE after the first was TRUE.
//

NTSTATUS
ScDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSC_EXTENSION Ext = (PSC_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    if (ScNeedsLock(Ext)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
    Ext->Mode = 0;
    if (ScNeedsLock(Ext)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return ScComplete(Irp, STATUS_SUCCESS);     // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Defect (held-at-exit): the pending requests are cancelled between the
//  two tests, so the list the second test sees is empty and the resource
//  taken for a non-empty one is never released.
//

NTSTATUS
ScShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSC_EXTENSION Ext = (PSC_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    if (!IsListEmpty(&Ext->Pending)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
    ScCancelPending(Ext);
    if (!IsListEmpty(&Ext->Pending)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return ScComplete(Irp, STATUS_SUCCESS);     // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = ScCleanup;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = ScFlush;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = ScShutdown;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = ScDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = ScWrite;
    return STATUS_SUCCESS;
}
