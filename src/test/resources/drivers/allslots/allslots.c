/*++

Module Name:

    allslots.c

Abstract:

    A device whose request slots each have a resource, as many as the device
    reported when it started (SlotCount, not a constant). Quiescing the device
    takes every slot in a loop up to the count, then releases them from the
    last down, as a mirror or RAID driver takes all its members: correct, as
    is a shutdown that counts down with a signed index from SlotCount - 1 to
    0. A resize releases them only down to slot 1 and leaves slot 0 held
    (held-at-exit).

    Engines before the evening of 29 November 2026 knew nothing of order
    between a value and a constant: "0 < SlotCount" false and "SlotCount > 0"
    true were two unrelated facts, so the release loop ran on a path where
    the acquire loop had not (a false release-not-held), and after one
    acquire "!(1 < SlotCount)" did not make SlotCount 1, so the release of
    slot SlotCount - 1 was not the release of slot 0 (a false
    release-not-held, and slot 0 held at exit); nor was "0 <= SlotCount - 1"
    a fact about SlotCount. The path condition now keeps the range such
    comparisons leave a value, and a comparison reads the same whichever way
    round it is written and wherever a constant is added.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define AS_MAX_SLOTS 16

typedef struct _AS_SLOT {
    ERESOURCE Resource;
    ULONG Pending;
} AS_SLOT, *PAS_SLOT;

typedef struct _AS_DEVICE {
    ULONG SlotCount;                    // at most AS_MAX_SLOTS
    AS_SLOT Slots[AS_MAX_SLOTS];
} AS_DEVICE, *PAS_DEVICE;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH AsFlush;
_Dispatch_type_(IRP_MJ_SET_VOLUME_INFORMATION) DRIVER_DISPATCH AsSetVolumeInformation;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH AsShutdown;

VOID AsDrainSlots(_In_ PAS_DEVICE Device);

NTSTATUS
AsFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PAS_DEVICE Device = (PAS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, TRUE);
    }
    AsDrainSlots(Device);
    for (Index = Device->SlotCount; Index > 0; Index -= 1) {
        ExReleaseResourceLite(&Device->Slots[Index - 1].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
AsSetVolumeInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PAS_DEVICE Device = (PAS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, TRUE);
    }
    AsDrainSlots(Device);
    // Defect (held-at-exit): the loop stops before slot 0
    for (Index = Device->SlotCount; Index > 1; Index -= 1) {
        ExReleaseResourceLite(&Device->Slots[Index - 1].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;              // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
AsShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PAS_DEVICE Device = (PAS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    LONG Last;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, TRUE);
    }
    AsDrainSlots(Device);
    for (Last = (LONG)Device->SlotCount - 1; Last >= 0; Last -= 1) {
        ExReleaseResourceLite(&Device->Slots[Last].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = AsFlush;
    DriverObject->MajorFunction[IRP_MJ_SET_VOLUME_INFORMATION] = AsSetVolumeInformation;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = AsShutdown;
    return STATUS_SUCCESS;
}
