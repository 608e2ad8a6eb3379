/*++

Module Name:

    slotdrop.c

Abstract:

    A device with a resource per request slot; SdReleaseSlot releases a
    slot given its number. The close has the helper release the request's
    slot, never taken (release-not-held). The flush takes every slot in a
    loop, has the helper release the request's, and releases the others:
    correct (the request's slot is one of those the loop took; the engine
    cannot tell which, and takes the release as releasing one of them).

    The helper's summary depends on whether its caller holds resources it
    cannot tell apart from the slot: a summary that did not ask, computed
    for the close first, was reused for the flush, and the other way round
    (SummaryReuseAuditTest).

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define SD_SLOTS 8

typedef struct _SD_SLOT {
    ERESOURCE Resource;
    ULONG Pending;
} SD_SLOT, *PSD_SLOT;

typedef struct _SD_DEVICE {
    ULONG SlotCount;
    SD_SLOT Slots[SD_SLOTS];
} SD_DEVICE, *PSD_DEVICE;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH SdClose;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH SdFlush;

ULONG SdSlotOfRequest(_In_ PIRP Irp);

VOID
SdReleaseSlot(
    _In_ PSD_DEVICE Device,
    _In_ ULONG Slot
    )
{
    Device->Slots[Slot].Pending = 0;
    ExReleaseResourceLite(&Device->Slots[Slot].Resource);  // expect: ExclusiveResourceAccess release-not-held
}

NTSTATUS
SdClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSD_DEVICE Device = (PSD_DEVICE)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    // Defect (release-not-held): the request's slot was never taken here
    SdReleaseSlot(Device, SdSlotOfRequest(Irp));
    KeLeaveCriticalRegion();
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
SdFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSD_DEVICE Device = (PSD_DEVICE)DeviceObject->DeviceExtension;
    ULONG Slot = SdSlotOfRequest(Irp);
    ULONG Index;

    KeEnterCriticalRegion();
    for (Index = 0; Index < SD_SLOTS; Index += 1) {
        ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, TRUE);
    }
    SdReleaseSlot(Device, Slot);
    for (Index = SD_SLOTS; Index > 0; Index -= 1) {
        if (Index - 1 != Slot) {
            ExReleaseResourceLite(&Device->Slots[Index - 1].Resource);
        }
    }
    KeLeaveCriticalRegion();
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
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = SdClose;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = SdFlush;
    return STATUS_SUCCESS;
}
