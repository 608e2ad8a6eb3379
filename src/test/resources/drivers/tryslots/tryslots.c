/*++

Module Name:

    tryslots.c

Abstract:

    A device whose request slots each have a resource, as many as the device
    reported when it started. A flush that must not block tries each slot
    with Wait FALSE; when one is busy it stops and releases, from the last
    down, the slots it took so far, as a mirror or RAID driver quiescing its
    members from a non-blocking path does: correct. A cleanup that stops at
    a busy slot and returns at once (held-at-exit), and a close that returns
    from inside the loop (held-at-exit), keep the slots they took so far. A
    read's rollback stops before slot 0 (held-at-exit); a write's releases
    the busy slot it did not take (release-not-held) and never slot 0
    (held-at-exit).

    Engines before 30 November 2026 joined the loop's iterations into one
    whose index was any value: the state that still held slots 0 and 1 could
    leave the rollback loop at once, as if the index were 0, and the flush
    was a false held-at-exit. A join now keeps the least and greatest value
    its unknown may have (at a loop's head, the bound that does not move), so
    an index that is at least 2 whenever slots 0 and 1 are held stays so.
    Their traces named every slot &Device->Slots[Index].Resource, the busy
    one the close failed to take too; a slot the loop's pass knows is now
    named by its number. The rollback loop's head forced the fourth lock
    state reaching it from the acquire loop into another's, as it does the
    iterations of a loop, and which one it lost depended on the order the
    paths came in: with more paths kept apart the read's and the write's
    defects were missed. Only a loop's iterations are now so joined.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define TS_MAX_SLOTS 16

typedef struct _TS_SLOT {
    ERESOURCE Resource;
    ULONG Pending;
} TS_SLOT, *PTS_SLOT;

typedef struct _TS_DEVICE {
    ULONG SlotCount;                    // at most TS_MAX_SLOTS
    TS_SLOT Slots[TS_MAX_SLOTS];
} TS_DEVICE, *PTS_DEVICE;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH TsFlush;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH TsCleanup;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH TsClose;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH TsRead;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH TsWrite;

VOID TsDrainSlots(_In_ PTS_DEVICE Device);

NTSTATUS
TsFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTS_DEVICE Device = (PTS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            Status = STATUS_CANT_WAIT;
            break;
        }
    }
    if (NT_SUCCESS(Status)) {
        TsDrainSlots(Device);
    }
    while (Index > 0) {
        Index -= 1;
        ExReleaseResourceLite(&Device->Slots[Index].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
TsCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTS_DEVICE Device = (PTS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            Status = STATUS_CANT_WAIT;
            break;
        }
    }
    if (!NT_SUCCESS(Status)) {
        // Defect (held-at-exit): the slots taken before the busy one stay held
        KeLeaveCriticalRegion();
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;                  // expect: ExclusiveResourceAccess held-at-exit
    }
    TsDrainSlots(Device);
    while (Index > 0) {
        Index -= 1;
        ExReleaseResourceLite(&Device->Slots[Index].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
TsClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTS_DEVICE Device = (PTS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            // Defect (held-at-exit): the slots taken so far stay held
            KeLeaveCriticalRegion();
            Irp->IoStatus.Status = STATUS_CANT_WAIT;
            IoCompleteRequest(Irp, IO_NO_INCREMENT);
            return STATUS_CANT_WAIT;    // expect: ExclusiveResourceAccess held-at-exit
        }
    }
    TsDrainSlots(Device);
    while (Index > 0) {
        Index -= 1;
        ExReleaseResourceLite(&Device->Slots[Index].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
TsRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTS_DEVICE Device = (PTS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            Status = STATUS_CANT_WAIT;
            break;
        }
    }
    // Defect (held-at-exit): the rollback stops before slot 0
    while (Index > 1) {
        Index -= 1;
        ExReleaseResourceLite(&Device->Slots[Index].Resource);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;                      // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
TsWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PTS_DEVICE Device = (PTS_DEVICE)DeviceObject->DeviceExtension;
    ULONG Index;
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    for (Index = 0; Index < Device->SlotCount; Index += 1) {
        if (!ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, FALSE)) {
            Status = STATUS_CANT_WAIT;
            break;
        }
    }
    // Defect (release-not-held, held-at-exit): the rollback releases the busy
    // slot it did not take, and never slot 0
    while (Index > 0) {
        ExReleaseResourceLite(&Device->Slots[Index].Resource);   // expect: ExclusiveResourceAccess release-not-held
        Index -= 1;
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;                      // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = TsFlush;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = TsCleanup;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = TsClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = TsRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = TsWrite;
    return STATUS_SUCCESS;
}
