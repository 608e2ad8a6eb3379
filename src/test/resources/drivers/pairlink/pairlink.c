/*++

Module Name:

    pairlink.c

Abstract:

    A link device whose requests each build two pairs of entries, one for
    the source of a link and one for its target, with the same helper: it
    allocates an entry, then another, from one allocating function. Each
    entry has its own resource. One request locks the source's second
    entry and unlocks it; another unlocks the target's first entry
    instead, a different object.

    The analysis names a callee's new objects after the place that made
    them; when that place runs again, the earlier object is renamed apart
    (x becomes x', all earlier ones sharing the name). The pair helper
    brings both x' and x. Engines before 29 November 2026 renamed the
    caller's earlier objects one at a time in the order of a hash set; in
    one order the source's second entry (x) became x' just before the
    target's first entry, also x', arrived, and the two entries were taken
    for one object: the wrong unlock matched the lock, and the defect was
    not reported. Earlier objects are now renamed together, each to a name
    the callee does not bring.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define PL_TAG 'kniL'

typedef struct _PL_ENTRY {
    ERESOURCE Resource;             // the entry's state and links
    LIST_ENTRY Links;
    ULONG State;
} PL_ENTRY, *PPL_ENTRY;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CREATE) DRIVER_DISPATCH PlCreate;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH PlDeviceControl;

typedef struct _PL_DATA {
    ERESOURCE Resource;             // the list of all entries
    LIST_ENTRY Entries;
} PL_DATA;

PL_DATA PlData;

//
//  A new entry, linked into the driver's list under the list's resource.
//

static PPL_ENTRY
PlNewEntry(
    VOID
    )
{
    PPL_ENTRY Entry;

    Entry = (PPL_ENTRY)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(PL_ENTRY), PL_TAG);
    ExAcquireResourceExclusiveLite(&PlData.Resource, TRUE);
    InsertTailList(&PlData.Entries, &Entry->Links);
    ExReleaseResourceLite(&PlData.Resource);
    return Entry;
}

static VOID
PlNewPair(
    _Out_ PPL_ENTRY *First,
    _Out_ PPL_ENTRY *Second
    )
{
    *First = PlNewEntry();
    *Second = PlNewEntry();
}

static NTSTATUS
PlComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Correct: the source's second entry is locked and unlocked.
//

NTSTATUS
PlCreate(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PPL_ENTRY SourceFirst, SourceSecond, TargetFirst, TargetSecond;

    UNREFERENCED_PARAMETER(DeviceObject);

    PlNewPair(&SourceFirst, &SourceSecond);
    PlNewPair(&TargetFirst, &TargetSecond);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&SourceSecond->Resource, TRUE);
    SourceSecond->State = TargetFirst->State;
    ExReleaseResourceLite(&SourceSecond->Resource);
    KeLeaveCriticalRegion();
    return PlComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect: the target's first entry is unlocked, not the source's second
//  entry, which stays locked.
//

NTSTATUS
PlDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PPL_ENTRY SourceFirst, SourceSecond, TargetFirst, TargetSecond;

    UNREFERENCED_PARAMETER(DeviceObject);

    PlNewPair(&SourceFirst, &SourceSecond);
    PlNewPair(&TargetFirst, &TargetSecond);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&SourceSecond->Resource, TRUE);
    SourceSecond->State = TargetFirst->State;
    ExReleaseResourceLite(&TargetFirst->Resource);       // expect: ExclusiveResourceAccess release-not-held
    KeLeaveCriticalRegion();
    return PlComplete(Irp, STATUS_SUCCESS);             // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = PlCreate;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PlDeviceControl;
    return STATUS_SUCCESS;
}
