/*++

Module Name:

    pnp.c

Abstract:

    IRP_MJ_PNP and IRP_MJ_POWER.  StartDevice and RemoveDevice are the
    IRP_MN_START_DEVICE and IRP_MN_REMOVE_DEVICE cases of AcqDispatchPnp;
    each has one deliberate defect.

--*/

#include "acqcard.h"

static NTSTATUS AcqForwardAndWait(_In_ PACQ_EXTENSION Ext, _Inout_ PIRP Irp);
static NTSTATUS AcqStartDevice(_Inout_ PACQ_EXTENSION Ext, _In_opt_ PCM_RESOURCE_LIST Translated);
static VOID AcqStopDevice(_Inout_ PACQ_EXTENSION Ext);

#pragma alloc_text(PAGE, AcqDispatchPnp)
#pragma alloc_text(PAGE, AcqForwardAndWait)
#pragma alloc_text(PAGE, AcqStartDevice)
#pragma alloc_text(PAGE, AcqStopDevice)

NTSTATUS
AcqDispatchPnp(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status;

    PAGED_CODE();

    Status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);
    if (!NT_SUCCESS(Status)) {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    switch (IrpSp->MinorFunction) {

    case IRP_MN_START_DEVICE:
        Status = AcqForwardAndWait(Ext, Irp);
        if (NT_SUCCESS(Status)) {
            OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&Ext->StateResource);
            Status = AcqStartDevice(Ext, IrpSp->Parameters.StartDevice.AllocatedResourcesTranslated);

            //
            //  Defect (StartDevice, release-not-held): when IoConnectInterrupt
            //  fails, AcqStartDevice has already released StateResource.
            //

            OSDV_RELEASE_CRITICAL(&Ext->StateResource);  // expect: ExclusiveResourceAccess release-not-held
        }
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        break;

    case IRP_MN_STOP_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
        AcqStopDevice(Ext);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoSkipCurrentIrpStackLocation(Irp);
        Status = IoCallDriver(Ext->LowerDevice, Irp);
        break;

    case IRP_MN_REMOVE_DEVICE:
        IoReleaseRemoveLockAndWait(&Ext->RemoveLock, Irp);
        AcqStopDevice(Ext);
        AcqCompleteWaiters(Ext, STATUS_DELETE_PENDING);

        OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&AcqGlobals.DeviceListResource);
        RemoveEntryList(&Ext->Links);
        AcqGlobals.DeviceCount -= 1;
        KeLeaveCriticalRegion();

        //
        //  Defect (RemoveDevice, held-at-exit): the device list resource is
        //  never released on this path.
        //

        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoSkipCurrentIrpStackLocation(Irp);
        Status = IoCallDriver(Ext->LowerDevice, Irp);

        IoFreeWorkItem(Ext->TriggerWorkItem);
        IoDetachDevice(Ext->LowerDevice);
        AcqDeleteExtensionResources(Ext);
        IoDeleteDevice(DeviceObject);
        return Status;                  // expect: ExclusiveResourceAccess held-at-exit

    default:
        IoSkipCurrentIrpStackLocation(Irp);
        Status = IoCallDriver(Ext->LowerDevice, Irp);
        break;
    }

    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return Status;
}

NTSTATUS
AcqDispatchPower(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PACQ_EXTENSION Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;

    PoStartNextPowerIrp(Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    return PoCallDriver(Ext->LowerDevice, Irp);
}

NTSTATUS
AcqPnpComplete(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_opt_ PVOID Context
    )
{
    UNREFERENCED_PARAMETER(DeviceObject);

    if (Irp->PendingReturned) {
        KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    }
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS
AcqForwardAndWait(
    _In_ PACQ_EXTENSION Ext,
    _Inout_ PIRP Irp
    )
{
    KEVENT Event;
    NTSTATUS Status;

    PAGED_CODE();

    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, AcqPnpComplete, &Event, TRUE, TRUE, TRUE);

    Status = IoCallDriver(Ext->LowerDevice, Irp);
    if (Status == STATUS_PENDING) {
        (VOID)KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
        Status = Irp->IoStatus.Status;
    }
    return Status;
}

//
//  Called with StateResource held exclusive.  Maps the registers and
//  connects the interrupt.
//

static NTSTATUS
AcqStartDevice(
    _Inout_ PACQ_EXTENSION Ext,
    _In_opt_ PCM_RESOURCE_LIST Translated
    )
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    PHYSICAL_ADDRESS RegisterBase;
    ULONG RegisterLength = 0;
    ULONG Vector = 0;
    KIRQL Irql = 0;
    KAFFINITY Affinity = 0;
    KINTERRUPT_MODE Mode = LevelSensitive;
    BOOLEAN ShareVector = FALSE;
    BOOLEAN HaveInterrupt = FALSE;
    LARGE_INTEGER DueTime;
    ULONG i;
    NTSTATUS Status;

    PAGED_CODE();

    RegisterBase.QuadPart = 0;

    if (Translated == NULL || Translated->Count == 0) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    for (i = 0; i < Translated->List[0].PartialResourceList.Count; i++) {
        Desc = &Translated->List[0].PartialResourceList.PartialDescriptors[i];
        switch (Desc->Type) {
        case CmResourceTypeMemory:
            RegisterBase = Desc->u.Memory.Start;
            RegisterLength = Desc->u.Memory.Length;
            break;
        case CmResourceTypeInterrupt:
            Vector = Desc->u.Interrupt.Vector;
            Irql = (KIRQL)Desc->u.Interrupt.Level;
            Affinity = Desc->u.Interrupt.Affinity;
            Mode = FlagOn(Desc->Flags, CM_RESOURCE_INTERRUPT_LATCHED) ? Latched : LevelSensitive;
            ShareVector = (BOOLEAN)(Desc->ShareDisposition == CmResourceShareShared);
            HaveInterrupt = TRUE;
            break;
        default:
            break;
        }
    }

    if (RegisterLength < sizeof(ACQ_REGISTERS) || !HaveInterrupt) {
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    }

    Ext->Registers = (PACQ_REGISTERS)MmMapIoSpace(RegisterBase, RegisterLength, MmNonCached);
    if (Ext->Registers == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    Ext->RegisterLength = RegisterLength;

    Status = IoConnectInterrupt(&Ext->Interrupt, AcqInterruptService, Ext, NULL,
                                Vector, Irql, Irql, Mode, ShareVector, Affinity, FALSE);
    if (!NT_SUCCESS(Status)) {

        //
        //  Unwind.  Dropping StateResource here is the bug: the caller
        //  releases it too (reported in AcqDispatchPnp).
        //

        MmUnmapIoSpace(Ext->Registers, RegisterLength);
        Ext->Registers = NULL;
        ExReleaseResourceLite(&Ext->StateResource);
        return Status;
    }

    WRITE_REGISTER_ULONG(&Ext->Registers->Control, ACQ_CONTROL_INT_ENABLE);
    Ext->DeviceState = AcqStarted;

    DueTime.QuadPart = -10000LL * ACQ_WATCHDOG_PERIOD_MS;
    KeSetTimerEx(&Ext->WatchdogTimer, DueTime, ACQ_WATCHDOG_PERIOD_MS, &Ext->WatchdogDpc);

    return STATUS_SUCCESS;
}

static VOID
AcqStopDevice(
    _Inout_ PACQ_EXTENSION Ext
    )
{
    PAGED_CODE();

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&Ext->StateResource);
    if (Ext->DeviceState == AcqStarted) {
        KeCancelTimer(&Ext->WatchdogTimer);
        KeFlushQueuedDpcs();
        WRITE_REGISTER_ULONG(&Ext->Registers->Control, 0);
        IoDisconnectInterrupt(Ext->Interrupt);
        Ext->Interrupt = NULL;
        MmUnmapIoSpace(Ext->Registers, Ext->RegisterLength);
        Ext->Registers = NULL;
        Ext->DeviceState = AcqStopped;
    }
    OSDV_RELEASE_CRITICAL(&Ext->StateResource);
}
