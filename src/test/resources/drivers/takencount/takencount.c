/*++

Module Name:

    takencount.c

Abstract:

    A device whose request slots each have a resource. A flush tries each
    slot with Wait FALSE, counts in Taken the slots it took, stops at a busy
    one, and releases slots 0 to Taken - 1: correct. A cleanup counts the
    slot before it knows the attempt succeeded, so when one is busy it
    releases that slot too (release-not-held).

    Engines before 30 November 2026 joined, at the release loop's head, the
    path that took no slot with the one that took slot 0 and released it, as
    if they were two passes of one run: Taken became any value there, the
    loop went on with none taken, and the flush was a false
    release-not-held and a false held-at-exit. A variable the loop never
    assigns is the same on every pass of one run, so its values joined there
    are of different runs: what the join made of them is now counted as
    vaguer, and defects that depend on it are confirmed on a single path or
    not claimed. Here no single path shows them, and the flush is
    Inconclusive, as is the cleanup beside its defect: which slots a release
    loop counted by another variable releases is more than the engine
    keeps.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define TC_MAX_SLOTS 16

typedef struct _TC_SLOT {
    ERESOURCE Resource;
    ULONG Pending;
} TC_SLOT, *PTC_SLOT;

typedef struct _TC_DEVICE {
    ULONG SlotCount;                    // at most TC_MAX_SLOTS
    TC_SLOT Slots[TC_MAX_SLOTS];
} TC_DEVICE, *PTC_DEVICE;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH TcFlush;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH TcCleanup;

VOID TcDrainSlots(_In_ PTC_DEVICE Device, _In_ ULONG Count);

NTSTATUS
TcFlush(                                // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTC_DEVICE Device = (PTC_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    ULONG Taken = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            Status = STATUS_CANT_WAIT;
            break;
        }
        Taken += 1;
    }
    TcDrainSlots(Device, Taken);
    for (Index = 0; Index < Taken; Index += 1) {
        ExReleaseResourceLite(&Device->Slots[Index].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
TcCleanup(                              // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTC_DEVICE Device = (PTC_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    ULONG Taken = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        // Defect (release-not-held): the busy slot is counted as taken
        Taken += 1;
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            Status = STATUS_CANT_WAIT;
            break;
        }
    }
    TcDrainSlots(Device, Taken);
    for (Index = 0; Index < Taken; Index += 1) {
        ExReleaseResourceLite(&Device->Slots[Index].Resource);   // expect: ExclusiveResourceAccess release-not-held
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
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = TcFlush;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = TcCleanup;
    return STATUS_SUCCESS;
}
