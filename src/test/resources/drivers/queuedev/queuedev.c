/*++

Module Name:

    queuedev.c

Abstract:

    Loops over resources.

      IOCTL_QD_SUSPEND_ALL   one loop acquires a different queue per
                             iteration, a second loop releases them in the
                             reverse order.
      IOCTL_QD_RESUME_ALL    acquire and release in each iteration.
      IOCTL_QD_DRAIN_ALL     the same, with a continue.
      IOCTL_QD_QUERY_DEPTHS  a while loop of shared acquires.
      IOCTL_QD_RESET_ADMIN   a retry loop that breaks out, on its last
                             attempt, still holding the admin queue (defect).
      IOCTL_QD_PURGE_ALL     a helper whose loop takes the admin queue again
                             on every iteration after the first (defect, in
                             the helper).

    The rebalance work item falls off its end holding the admin queue on
    one path (defect, reported at its closing brace).

--*/

#include "queuedev.h"

static VOID QdInitializeQueue(_Out_ PQD_QUEUE Queue);
static VOID QdPurgeQueues(_Inout_ PQD_EXTENSION Ext);

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, QdUnload)
#pragma alloc_text(PAGE, QdCreateClose)
#pragma alloc_text(PAGE, QdWrite)
#pragma alloc_text(PAGE, QdDeviceControl)
#pragma alloc_text(PAGE, QdRebalanceWorker)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    PQD_EXTENSION Ext;
    NTSTATUS Status;
    ULONG i;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\Device\\QueueDev0");
    Status = IoCreateDevice(DriverObject, sizeof(QD_EXTENSION), &Name, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PQD_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(QD_EXTENSION));
    QdInitializeQueue(&Ext->Admin);
    for (i = 0; i < QD_QUEUE_COUNT; i++) {
        QdInitializeQueue(&Ext->Queues[i]);
    }

    DriverObject->MajorFunction[IRP_MJ_CREATE] = QdCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = QdCreateClose;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = QdWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = QdDeviceControl;
    DriverObject->DriverUnload = QdUnload;

    DeviceObject->Flags |= DO_BUFFERED_IO;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
QdUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PQD_EXTENSION Ext = (PQD_EXTENSION)DeviceObject->DeviceExtension;
    ULONG i;

    PAGED_CODE();

    for (i = 0; i < QD_QUEUE_COUNT; i++) {
        ExDeleteResourceLite(&Ext->Queues[i].Resource);
    }
    ExDeleteResourceLite(&Ext->Admin.Resource);
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
QdCreateClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

//
//  A write is submitted to the queue its offset hashes to.
//

NTSTATUS
QdWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PQD_EXTENSION Ext = (PQD_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    ULONG Length = IrpSp->Parameters.Write.Length;
    PQD_QUEUE Queue;
    BOOLEAN Rebalance = FALSE;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    Queue = &Ext->Queues[(ULONG)(IrpSp->Parameters.Write.ByteOffset.QuadPart >> 12) % QD_QUEUE_COUNT];

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Queue->Resource, TRUE);
    if (Queue->Suspended) {
        Status = STATUS_DEVICE_BUSY;
        Length = 0;
    } else {
        Queue->Depth += 1;
        Queue->BytesSubmitted += Length;
        Rebalance = (BOOLEAN)(Queue->Depth > QD_REBALANCE_DEPTH);
    }
    ExReleaseResourceLite(&Queue->Resource);
    KeLeaveCriticalRegion();

    if (Rebalance && InterlockedCompareExchange(&Ext->RebalanceQueued, 1, 0) == 0) {
        ExInitializeWorkItem(&Ext->RebalanceItem, QdRebalanceWorker, Ext);
        ExQueueWorkItem(&Ext->RebalanceItem, DelayedWorkQueue);
    }

    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Length;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
QdDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PQD_EXTENSION Ext = (PQD_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PQD_DEPTHS Depths = (PQD_DEPTHS)Irp->AssociatedIrp.SystemBuffer;
    PQD_QUEUE Admin = &Ext->Admin;
    PQD_QUEUE Queue;
    LARGE_INTEGER Delay;
    ULONG_PTR Information = 0;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG Attempt;
    ULONG i;

    PAGED_CODE();

    KeEnterCriticalRegion();

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {

    case IOCTL_QD_SUSPEND_ALL:

        //
        //  Every queue at once: acquire them in index order, one per
        //  iteration, and release them in the reverse order.
        //

        ExAcquireResourceExclusiveLite(&Admin->Resource, TRUE);
        for (i = 0; i < QD_QUEUE_COUNT; i++) {
            ExAcquireResourceExclusiveLite(&Ext->Queues[i].Resource, TRUE);
        }

        for (i = 0; i < QD_QUEUE_COUNT; i++) {
            Ext->Queues[i].Suspended = TRUE;
        }
        Ext->Generation += 1;

        for (i = QD_QUEUE_COUNT; i > 0; i--) {
            ExReleaseResourceLite(&Ext->Queues[i - 1].Resource);
        }
        ExReleaseResourceLite(&Admin->Resource);
        break;

    case IOCTL_QD_RESUME_ALL:
        for (i = 0; i < QD_QUEUE_COUNT; i++) {
            ExAcquireResourceExclusiveLite(&Ext->Queues[i].Resource, TRUE);
            Ext->Queues[i].Suspended = FALSE;
            ExReleaseResourceLite(&Ext->Queues[i].Resource);
        }
        break;

    case IOCTL_QD_DRAIN_ALL:
        for (i = 0; i < QD_QUEUE_COUNT; i++) {
            Queue = &Ext->Queues[i];
            ExAcquireResourceExclusiveLite(&Queue->Resource, TRUE);
            if (Queue->Depth == 0) {
                ExReleaseResourceLite(&Queue->Resource);
                continue;
            }
            Queue->Completed += Queue->Depth;
            Queue->Depth = 0;
            ExReleaseResourceLite(&Queue->Resource);
        }
        break;

    case IOCTL_QD_RESET_ADMIN:

        //
        //  Wait, a few times at most, for the admin queue to drain, checking
        //  under its resource; reset it once it is empty.
        //
        //  Defect (held-at-exit, loop): the timeout break keeps the admin
        //  queue's resource.
        //

        Delay.QuadPart = -10000LL * QD_RETRY_DELAY_MS;
        for (Attempt = 0; ; Attempt++) {
            ExAcquireResourceExclusiveLite(&Admin->Resource, TRUE);
            if (Admin->Depth == 0) {
                break;
            }
            if (Attempt == QD_MAX_ATTEMPTS) {
                Status = STATUS_IO_TIMEOUT;
                break;
            }
            ExReleaseResourceLite(&Admin->Resource);
            (VOID)KeDelayExecutionThread(KernelMode, FALSE, &Delay);
        }
        if (NT_SUCCESS(Status)) {
            Admin->Completed = 0;
            Admin->BytesSubmitted = 0;
            ExReleaseResourceLite(&Admin->Resource);
        }
        break;

    case IOCTL_QD_QUERY_DEPTHS:
        if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(QD_DEPTHS)) {
            Status = STATUS_BUFFER_TOO_SMALL;
            break;
        }

        ExAcquireResourceSharedLite(&Admin->Resource, TRUE);
        Depths->Admin = Admin->Depth;
        ExReleaseResourceLite(&Admin->Resource);

        i = 0;
        while (i < QD_QUEUE_COUNT) {
            ExAcquireResourceSharedLite(&Ext->Queues[i].Resource, TRUE);
            Depths->Queue[i] = Ext->Queues[i].Depth;
            ExReleaseResourceLite(&Ext->Queues[i].Resource);
            i++;
        }
        Information = sizeof(QD_DEPTHS);
        break;

    case IOCTL_QD_PURGE_ALL:
        QdPurgeQueues(Ext);
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    KeLeaveCriticalRegion();

    //
    //  Defect (held-at-exit), reported here: the IOCTL_QD_RESET_ADMIN
    //  timeout path still holds the admin queue, and so does a purge.
    //

    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;          // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Computes the average queue depth under the admin queue's resource,
//  reading each queue shared.
//

VOID
QdRebalanceWorker(
    _In_ PVOID Parameter
    )
{
    PQD_EXTENSION Ext = (PQD_EXTENSION)Parameter;
    ULONG Total = 0;
    ULONG i;

    PAGED_CODE();

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Ext->Admin.Resource, TRUE);

    for (i = 0; i < QD_QUEUE_COUNT; i++) {
        ExAcquireResourceSharedLite(&Ext->Queues[i].Resource, TRUE);
        Total += Ext->Queues[i].Depth;
        ExReleaseResourceLite(&Ext->Queues[i].Resource);
    }
    Ext->AverageDepth = Total / QD_QUEUE_COUNT;

    //
    //  Defect (held-at-exit at the closing brace): the admin queue is
    //  released only below the threshold; the other path was meant to keep
    //  it for a rebalancing step that no longer exists, and falls off the
    //  end of the routine holding it.
    //

    if (Ext->AverageDepth <= QD_REBALANCE_DEPTH) {
        ExReleaseResourceLite(&Ext->Admin.Resource);
    }
    KeLeaveCriticalRegion();

    InterlockedExchange(&Ext->RebalanceQueued, 0);
}                           // expect: ExclusiveResourceAccess held-at-exit

static VOID
QdInitializeQueue(
    _Out_ PQD_QUEUE Queue
    )
{
    ExInitializeResourceLite(&Queue->Resource);
    Queue->Depth = 0;
    Queue->BytesSubmitted = 0;
    Queue->Completed = 0;
    Queue->Suspended = FALSE;
}

//
//  Empties every queue, counting what it drops against the admin queue.
//
//  Defect (acquire-while-held, loop in a helper): the admin queue's
//  resource is taken inside the loop, so every iteration after the first
//  takes it again; the single release after the loop undoes one of those
//  acquisitions, and the device control returns holding it (reported
//  there).
//

static VOID
QdPurgeQueues(
    _Inout_ PQD_EXTENSION Ext
    )
{
    ULONG i;

    for (i = 0; i < QD_QUEUE_COUNT; i++) {
        ExAcquireResourceExclusiveLite(&Ext->Admin.Resource, TRUE);   // expect: ExclusiveResourceAccess acquire-while-held
        ExAcquireResourceExclusiveLite(&Ext->Queues[i].Resource, TRUE);
        Ext->Admin.Completed += Ext->Queues[i].Depth;
        Ext->Queues[i].Depth = 0;
        ExReleaseResourceLite(&Ext->Queues[i].Resource);
    }
    ExReleaseResourceLite(&Ext->Admin.Resource);
}
