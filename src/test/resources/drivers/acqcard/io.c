/*++

Module Name:

    io.c

Abstract:

    Create/close, read (through StartIo), device control, the interrupt
    service routine, the DPC for the ISR, the watchdog DPC, the cancel
    routine of a waiting IRP, and the trigger work item.

    StartIo, the DPCs and the cancel routine run at DISPATCH_LEVEL: they
    only try the resources, they never wait for them.

    Deliberate defects: StartIo, DpcForIsr and the cancel routine each
    release a resource they do not hold on some path; the watchdog DPC
    returns holding on its reset path.

--*/

#include "acqcard.h"

static NTSTATUS AcqProgramTransfer(_In_ PACQ_EXTENSION Ext, _In_ PIRP Irp);
static __declspec(noinline) VOID AcqFailPacket(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                               _In_ NTSTATUS Status);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, AcqCreateClose)
#pragma alloc_text(PAGE, AcqRead)
#pragma alloc_text(PAGE, AcqDeviceControl)
#pragma alloc_text(PAGE, AcqTriggerWorker)
#pragma alloc_text(PAGE, AcqCompleteWaiters)
#endif

NTSTATUS
AcqCreateClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    if (IoGetCurrentIrpStackLocation(Irp)->MajorFunction == IRP_MJ_CREATE) {
        OSDV_ACQUIRE_SHARED_CRITICAL(&Ext->StateResource);
        if (Ext->DeviceState != AcqStarted) {
            Status = STATUS_DEVICE_NOT_READY;
        } else {
            InterlockedIncrement(&Ext->OpenCount);
        }
        OSDV_RELEASE_CRITICAL(&Ext->StateResource);
    } else {
        InterlockedDecrement(&Ext->OpenCount);
    }

    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
AcqRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    ULONG Length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;

    PAGED_CODE();

    if (Length == 0 || Irp->MdlAddress == NULL) {
        Irp->IoStatus.Status = STATUS_INVALID_PARAMETER;
        Irp->IoStatus.Information = 0;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_INVALID_PARAMETER;
    }

    IoMarkIrpPending(Irp);
    IoStartPacket(DeviceObject, Irp, NULL, NULL);
    return STATUS_PENDING;
}

NTSTATUS
AcqDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    ULONG_PTR Information = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {

    case IOCTL_ACQ_WAIT_TRIGGER:
        OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&Ext->QueueResource);
        IoSetCancelRoutine(Irp, AcqCancelWait);
        if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
            OSDV_RELEASE_CRITICAL(&Ext->QueueResource);
            Status = STATUS_CANCELLED;
            break;
        }
        IoMarkIrpPending(Irp);
        InsertTailList(&Ext->WaitList, &Irp->Tail.Overlay.ListEntry);
        OSDV_RELEASE_CRITICAL(&Ext->QueueResource);
        return STATUS_PENDING;

    case IOCTL_ACQ_GET_STATUS:
        if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG)) {
            Status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        OSDV_ACQUIRE_SHARED_CRITICAL(&Ext->StateResource);
        if (Ext->DeviceState == AcqStarted) {
            *(PULONG)Irp->AssociatedIrp.SystemBuffer = Ext->LastStatus;
            Information = sizeof(ULONG);
        } else {
            Status = STATUS_DEVICE_NOT_READY;
        }
        OSDV_RELEASE_CRITICAL(&Ext->StateResource);
        break;

    case IOCTL_ACQ_RESET:

        //
        //  Two different resources, nested: the state, then the registers.
        //  The registers may belong to a transfer in flight; wait for it.
        //

        OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&Ext->StateResource);
        if (Ext->DeviceState == AcqStarted) {
            ExAcquireResourceExclusiveLite(&Ext->RegisterResource, TRUE);
            WRITE_REGISTER_ULONG(&Ext->Registers->Control, ACQ_CONTROL_RESET);
            WRITE_REGISTER_ULONG(&Ext->Registers->Control, ACQ_CONTROL_INT_ENABLE);
            ExReleaseResourceLite(&Ext->RegisterResource);
        } else {
            Status = STATUS_DEVICE_NOT_READY;
        }
        OSDV_RELEASE_CRITICAL(&Ext->StateResource);
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

VOID
AcqStartIo(
    _Inout_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;
    NTSTATUS Status;

    if (!ExAcquireResourceExclusiveLite(&Ext->RegisterResource, FALSE)) {
        AcqFailPacket(DeviceObject, Irp, STATUS_DEVICE_BUSY);
        return;
    }

    Status = AcqProgramTransfer(Ext, Irp);
    if (!NT_SUCCESS(Status)) {

        //
        //  Defect (StartIo, release-not-held): AcqProgramTransfer has already
        //  released the registers when it rejected the length.
        //

        ExReleaseResourceLite(&Ext->RegisterResource);  // expect: ExclusiveResourceAccess release-not-held
        AcqFailPacket(DeviceObject, Irp, Status);
        return;
    }

    //
    //  The transfer is in flight.  The IRP owns the registers now; the DPC
    //  releases them for that owner.
    //

    ExSetResourceOwnerPointer(&Ext->RegisterResource, OSDV_RESOURCE_OWNER(Irp));
}

static NTSTATUS
AcqProgramTransfer(
    _In_ PACQ_EXTENSION Ext,
    _In_ PIRP Irp
    )
{
    ULONG Length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;
    PHYSICAL_ADDRESS Address;

    if (Ext->DeviceState != AcqStarted) {
        return STATUS_DEVICE_NOT_READY;
    }

    if (Length > ACQ_MAX_TRANSFER) {
        ExReleaseResourceLite(&Ext->RegisterResource);      // "cleans up" the caller's hold
        return STATUS_INVALID_PARAMETER;
    }

    Address = MmGetPhysicalAddress(MmGetMdlVirtualAddress(Irp->MdlAddress));
    WRITE_REGISTER_ULONG(&Ext->Registers->TransferAddressLow, Address.LowPart);
    WRITE_REGISTER_ULONG(&Ext->Registers->TransferAddressHigh, (ULONG)Address.HighPart);
    WRITE_REGISTER_ULONG(&Ext->Registers->TransferLength, Length);
    WRITE_REGISTER_ULONG(&Ext->Registers->Control, ACQ_CONTROL_START | ACQ_CONTROL_INT_ENABLE);
    return STATUS_SUCCESS;
}

static __declspec(noinline) VOID
AcqFailPacket(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoStartNextPacket(DeviceObject, FALSE);
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

BOOLEAN
AcqInterruptService(
    _In_ PKINTERRUPT Interrupt,
    _In_opt_ PVOID ServiceContext
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)ServiceContext;
    ULONG Pending;

    UNREFERENCED_PARAMETER(Interrupt);

    Pending = READ_REGISTER_ULONG(&Ext->Registers->InterruptStatus);
    if (Pending == 0) {
        return FALSE;
    }

    WRITE_REGISTER_ULONG(&Ext->Registers->InterruptStatus, Pending);
    InterlockedOr(&Ext->InterruptStatus, (LONG)Pending);
    IoRequestDpc(Ext->Self, Ext->Self->CurrentIrp, NULL);
    return TRUE;
}

VOID
AcqDpcForIsr(
    _In_ PKDPC Dpc,
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_opt_ PIRP Irp,
    _In_opt_ PVOID Context
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Pending;

    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);

    Pending = (ULONG)InterlockedExchange(&Ext->InterruptStatus, 0);

    if (FlagOn(Pending, ACQ_INT_TRIGGER) && InterlockedExchange(&Ext->TriggerQueued, 1) == 0) {
        IoQueueWorkItem(Ext->TriggerWorkItem, AcqTriggerWorker, DelayedWorkQueue, Ext);
    }

    if (Irp == NULL || !FlagOn(Pending, ACQ_INT_DONE | ACQ_INT_ERROR)) {
        return;
    }

    if (FlagOn(Pending, ACQ_INT_ERROR)) {

        //
        //  Defect (DpcForIsr, release-not-held): the registers belong to the
        //  IRP's owner pointer, not to this thread.  The release must name
        //  that owner, as the success path below does.
        //

        ExReleaseResourceLite(&Ext->RegisterResource);  // expect: ExclusiveResourceAccess release-not-held
        Irp->IoStatus.Status = STATUS_DEVICE_DATA_ERROR;
        Irp->IoStatus.Information = 0;

    } else {

        ExReleaseResourceForThreadLite(&Ext->RegisterResource, OSDV_RESOURCE_THREAD(Irp));
        Irp->IoStatus.Status = STATUS_SUCCESS;
        Irp->IoStatus.Information = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;
    }

    IoStartNextPacket(DeviceObject, FALSE);
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

VOID
AcqWatchdogDpc(
    _In_ PKDPC Dpc,
    _In_opt_ PVOID DeferredContext,
    _In_opt_ PVOID SystemArgument1,
    _In_opt_ PVOID SystemArgument2
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeferredContext;
    ULONG Status;

    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);

    //
    //  A transfer in flight owns the registers: look again on the next tick.
    //

    if (!ExTryToAcquireResourceExclusiveLite(&Ext->RegisterResource)) {
        return;
    }

    Status = READ_REGISTER_ULONG(&Ext->Registers->Status);
    if (FlagOn(Status, ACQ_STATUS_HUNG)) {
        WRITE_REGISTER_ULONG(&Ext->Registers->Control, ACQ_CONTROL_RESET);
        WRITE_REGISTER_ULONG(&Ext->Registers->Control, ACQ_CONTROL_INT_ENABLE);

        //
        //  Defect (custom DPC, held-at-exit): the reset path returns with the
        //  registers still acquired.
        //

        return;                 // expect: ExclusiveResourceAccess held-at-exit
    }

    Ext->LastStatus = Status;
    ExReleaseResourceLite(&Ext->RegisterResource);
}

VOID
AcqCancelWait(
    _Inout_ PDEVICE_OBJECT DeviceObject,
    _Inout_ _IRQL_uses_cancel_ PIRP Irp
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;

    IoReleaseCancelSpinLock(Irp->CancelIrql);

    //
    //  Defect (Cancel, release-not-held): a cancel routine must not wait, so
    //  it only tries, but it ignores the result.  When the try fails, the
    //  release below releases nothing.
    //

    ExAcquireResourceExclusiveLite(&Ext->QueueResource, FALSE);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
    ExReleaseResourceLite(&Ext->QueueResource);         // expect: ExclusiveResourceAccess release-not-held

    Irp->IoStatus.Status = STATUS_CANCELLED;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

VOID
AcqTriggerWorker(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_opt_ PVOID Context
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)Context;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    InterlockedExchange(&Ext->TriggerQueued, 0);
    AcqCompleteWaiters(Ext, STATUS_SUCCESS);
}

//
//  Completes every IRP waiting for a trigger.  Also called by the
//  RemoveDevice path in pnp.c.
//

VOID
AcqCompleteWaiters(
    _In_ PACQ_EXTENSION Ext,
    _In_ NTSTATUS Status
    )
{
    LIST_ENTRY Completed;
    PIRP Irp;

    PAGED_CODE();

    InitializeListHead(&Completed);

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&Ext->QueueResource);
    while (!IsListEmpty(&Ext->WaitList)) {
        Irp = CONTAINING_RECORD(RemoveHeadList(&Ext->WaitList), IRP, Tail.Overlay.ListEntry);
        if (IoSetCancelRoutine(Irp, NULL) == NULL) {

            //
            //  The cancel routine is running and will complete this one.
            //

            InitializeListHead(&Irp->Tail.Overlay.ListEntry);
            continue;
        }
        InsertTailList(&Completed, &Irp->Tail.Overlay.ListEntry);
    }
    OSDV_RELEASE_CRITICAL(&Ext->QueueResource);

    while (!IsListEmpty(&Completed)) {
        Irp = CONTAINING_RECORD(RemoveHeadList(&Completed), IRP, Tail.Overlay.ListEntry);
        Irp->IoStatus.Status = Status;
        Irp->IoStatus.Information = 0;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
    }
}
