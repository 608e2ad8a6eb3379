/*++

Module Name:

    spinring.c

Abstract:

    Spin locks only: KeAcquireSpinLock, KeAcquireSpinLockAtDpcLevel, an
    in-stack queued spin lock and the cancel spin lock.  The driver calls
    no executive-resource routine, so ExclusiveResourceAccess does not
    apply to it.

--*/

// expect-verdict: ExclusiveResourceAccess NotApplicable

#include "spinring.h"

static BOOLEAN RingAppendLocked(_Inout_ PRING_EXTENSION Ext, _In_reads_bytes_(Length) PVOID Data,
                                _In_ ULONG Length);
static VOID RingCompletePendingRead(_Inout_ PRING_EXTENSION Ext, _In_ KIRQL OldIrql);

#pragma alloc_text(INIT, DriverEntry)

NTSTATUS
DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    PRING_EXTENSION Ext;
    LARGE_INTEGER DueTime;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\Device\\SpinRing");
    Status = IoCreateDevice(DriverObject, sizeof(RING_EXTENSION), &Name, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(RING_EXTENSION));
    KeInitializeSpinLock(&Ext->RingLock);
    KeInitializeSpinLock(&Ext->StatsLock);
    InitializeListHead(&Ext->PendingReads);

    KeInitializeDpc(&Ext->HeartbeatDpc, RingHeartbeatDpc, DeviceObject);
    KeInitializeTimer(&Ext->HeartbeatTimer);
    DueTime.QuadPart = -10000LL * RING_HEARTBEAT_MS;
    KeSetTimerEx(&Ext->HeartbeatTimer, DueTime, RING_HEARTBEAT_MS, &Ext->HeartbeatDpc);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = RingCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = RingCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = RingRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = RingWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = RingDeviceControl;
    DriverObject->DriverUnload = RingUnload;

    DeviceObject->Flags |= DO_BUFFERED_IO;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
RingUnload(_In_ PDRIVER_OBJECT DriverObject)
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PRING_EXTENSION Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;

    KeCancelTimer(&Ext->HeartbeatTimer);
    KeFlushQueuedDpcs();
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
RingCreateClose(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);

    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
RingWrite(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PRING_EXTENSION Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Length;
    KLOCK_QUEUE_HANDLE StatsHandle;
    KIRQL OldIrql;
    BOOLEAN Stored;

    if (Length == 0 || Length > RING_RECORD_SIZE) {
        Irp->IoStatus.Status = STATUS_INVALID_PARAMETER;
        Irp->IoStatus.Information = 0;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_INVALID_PARAMETER;
    }

    KeAcquireSpinLock(&Ext->RingLock, &OldIrql);
    Stored = RingAppendLocked(Ext, Irp->AssociatedIrp.SystemBuffer, Length);
    RingCompletePendingRead(Ext, OldIrql);          // releases RingLock

    KeAcquireInStackQueuedSpinLock(&Ext->StatsLock, &StatsHandle);
    if (Stored) {
        Ext->RecordsWritten += 1;
    } else {
        Ext->RecordsDropped += 1;
    }
    KeReleaseInStackQueuedSpinLock(&StatsHandle);

    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = Length;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
RingRead(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PRING_EXTENSION Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;
    KIRQL CancelIrql;
    KIRQL OldIrql;

    if (IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length < RING_RECORD_SIZE) {
        Irp->IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
        Irp->IoStatus.Information = 0;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_BUFFER_TOO_SMALL;
    }

    //
    //  Queue the read, cancelable, then let the ring satisfy it if it can.
    //

    IoAcquireCancelSpinLock(&CancelIrql);
    if (Irp->Cancel) {
        IoReleaseCancelSpinLock(CancelIrql);
        Irp->IoStatus.Status = STATUS_CANCELLED;
        Irp->IoStatus.Information = 0;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_CANCELLED;
    }
    IoMarkIrpPending(Irp);
    IoSetCancelRoutine(Irp, RingCancelRead);
    KeAcquireSpinLockAtDpcLevel(&Ext->RingLock);
    InsertTailList(&Ext->PendingReads, &Irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLockFromDpcLevel(&Ext->RingLock);
    IoReleaseCancelSpinLock(CancelIrql);

    KeAcquireSpinLock(&Ext->RingLock, &OldIrql);
    RingCompletePendingRead(Ext, OldIrql);          // releases RingLock

    return STATUS_PENDING;
}

NTSTATUS
RingDeviceControl(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PRING_EXTENSION Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PRING_STATISTICS Stats = (PRING_STATISTICS)Irp->AssociatedIrp.SystemBuffer;
    KLOCK_QUEUE_HANDLE StatsHandle;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG_PTR Information = 0;

    if (IrpSp->Parameters.DeviceIoControl.IoControlCode != IOCTL_RING_GET_STATISTICS) {
        Status = STATUS_INVALID_DEVICE_REQUEST;
    } else if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(RING_STATISTICS)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        KeAcquireInStackQueuedSpinLock(&Ext->StatsLock, &StatsHandle);
        Stats->RecordsWritten = Ext->RecordsWritten;
        Stats->RecordsRead = Ext->RecordsRead;
        Stats->RecordsDropped = Ext->RecordsDropped;
        KeReleaseInStackQueuedSpinLock(&StatsHandle);
        Information = sizeof(RING_STATISTICS);
    }

    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

VOID
RingHeartbeatDpc(
    _In_ PKDPC Dpc,
    _In_opt_ PVOID DeferredContext,
    _In_opt_ PVOID SystemArgument1,
    _In_opt_ PVOID SystemArgument2
    )
{
    PDEVICE_OBJECT DeviceObject = (PDEVICE_OBJECT)DeferredContext;
    PRING_EXTENSION Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Beat;

    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);

    KeAcquireSpinLockAtDpcLevel(&Ext->RingLock);
    Beat = ++Ext->HeartbeatCount;
    (VOID)RingAppendLocked(Ext, &Beat, sizeof(Beat));
    KeReleaseSpinLockFromDpcLevel(&Ext->RingLock);
}

VOID
RingCancelRead(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PRING_EXTENSION Ext = (PRING_EXTENSION)DeviceObject->DeviceExtension;

    //
    //  Called with the cancel spin lock held.
    //

    KeAcquireSpinLockAtDpcLevel(&Ext->RingLock);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLockFromDpcLevel(&Ext->RingLock);
    IoReleaseCancelSpinLock(Irp->CancelIrql);

    Irp->IoStatus.Status = STATUS_CANCELLED;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

//
//  Called with RingLock held.  Drops the record when the ring is full.
//

static BOOLEAN
RingAppendLocked(_Inout_ PRING_EXTENSION Ext, _In_reads_bytes_(Length) PVOID Data, _In_ ULONG Length)
{
    ULONG Next = (Ext->Tail + 1) % RING_SLOTS;

    if (Next == Ext->Head) {
        return FALSE;
    }
    Ext->Records[Ext->Tail].Length = Length;
    RtlCopyMemory(Ext->Records[Ext->Tail].Data, Data, Length);
    Ext->Tail = Next;
    return TRUE;
}

//
//  Called with RingLock held, acquired at OldIrql; releases it.  Hands the
//  oldest record to the oldest pending read that can still be completed.
//

static VOID
RingCompletePendingRead(_Inout_ PRING_EXTENSION Ext, _In_ KIRQL OldIrql)
{
    PIRP Irp = NULL;
    PRING_RECORD Record;
    KLOCK_QUEUE_HANDLE StatsHandle;

    if (Ext->Head != Ext->Tail && !IsListEmpty(&Ext->PendingReads)) {
        Irp = CONTAINING_RECORD(RemoveHeadList(&Ext->PendingReads), IRP, Tail.Overlay.ListEntry);
        if (IoSetCancelRoutine(Irp, NULL) == NULL) {

            //
            //  Being canceled: its cancel routine will unlink it.
            //

            InitializeListHead(&Irp->Tail.Overlay.ListEntry);
            Irp = NULL;
        } else {
            Record = &Ext->Records[Ext->Head];
            RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, Record->Data, Record->Length);
            Irp->IoStatus.Information = Record->Length;
            Ext->Head = (Ext->Head + 1) % RING_SLOTS;
        }
    }
    KeReleaseSpinLock(&Ext->RingLock, OldIrql);

    if (Irp != NULL) {
        KeAcquireInStackQueuedSpinLock(&Ext->StatsLock, &StatsHandle);
        Ext->RecordsRead += 1;
        KeReleaseInStackQueuedSpinLock(&StatsHandle);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
    }
}
