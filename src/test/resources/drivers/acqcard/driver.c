/*++

Module Name:

    driver.c

Abstract:

    DriverEntry, AddDevice and Unload.  The dispatch routines, StartIo and
    the PnP routine registered here are defined in io.c and pnp.c.

--*/

#include "acqcard.h"

ACQ_GLOBALS AcqGlobals;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, AcqAddDevice)
#pragma alloc_text(PAGE, AcqUnload)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    ExInitializeResourceLite(&AcqGlobals.DeviceListResource);
    InitializeListHead(&AcqGlobals.DeviceList);
    AcqGlobals.DeviceCount = 0;

    DriverObject->MajorFunction[IRP_MJ_CREATE] = AcqCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = AcqCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = AcqRead;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = AcqDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_PNP] = AcqDispatchPnp;
    DriverObject->MajorFunction[IRP_MJ_POWER] = AcqDispatchPower;
    DriverObject->DriverStartIo = AcqStartIo;
    DriverObject->DriverUnload = AcqUnload;
    DriverObject->DriverExtension->AddDevice = AcqAddDevice;

    return STATUS_SUCCESS;
}

NTSTATUS
AcqAddDevice(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PDEVICE_OBJECT PhysicalDeviceObject
    )
{
    PDEVICE_OBJECT DeviceObject;
    PACQ_EXTENSION Ext;
    NTSTATUS Status;

    PAGED_CODE();

    Status = IoCreateDevice(DriverObject, sizeof(ACQ_EXTENSION), NULL, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PACQ_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(ACQ_EXTENSION));
    Ext->Self = DeviceObject;
    Ext->Pdo = PhysicalDeviceObject;
    Ext->DeviceState = AcqStopped;

    ExInitializeResourceLite(&Ext->StateResource);
    ExInitializeResourceLite(&Ext->RegisterResource);
    ExInitializeResourceLite(&Ext->QueueResource);
    InitializeListHead(&Ext->WaitList);
    IoInitializeRemoveLock(&Ext->RemoveLock, ACQ_TAG, 0, 0);

    IoInitializeDpcRequest(DeviceObject, AcqDpcForIsr);
    KeInitializeDpc(&Ext->WatchdogDpc, AcqWatchdogDpc, Ext);
    KeInitializeTimer(&Ext->WatchdogTimer);

    Ext->TriggerWorkItem = IoAllocateWorkItem(DeviceObject);
    if (Ext->TriggerWorkItem == NULL) {
        AcqDeleteExtensionResources(Ext);
        IoDeleteDevice(DeviceObject);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    //
    //  Attach and publish the device in one step with respect to the
    //  device list.
    //

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&AcqGlobals.DeviceListResource);

    Ext->LowerDevice = IoAttachDeviceToDeviceStack(DeviceObject, PhysicalDeviceObject);
    if (Ext->LowerDevice == NULL) {
        IoFreeWorkItem(Ext->TriggerWorkItem);
        AcqDeleteExtensionResources(Ext);
        IoDeleteDevice(DeviceObject);
        KeLeaveCriticalRegion();

        //
        //  Defect (AddDevice, held-at-exit): this error path leaves the
        //  device list resource acquired.
        //

        return STATUS_NO_SUCH_DEVICE;   // expect: ExclusiveResourceAccess held-at-exit
    }

    InsertTailList(&AcqGlobals.DeviceList, &Ext->Links);
    AcqGlobals.DeviceCount += 1;

    OSDV_RELEASE_CRITICAL(&AcqGlobals.DeviceListResource);

    DeviceObject->Flags |= DO_DIRECT_IO | DO_POWER_PAGABLE;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;

    return STATUS_SUCCESS;
}

VOID
AcqUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);

    //
    //  PnP has removed every device before unloading the driver.  If one is
    //  left, the list resource must stay alive.
    //

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&AcqGlobals.DeviceListResource);
    if (AcqGlobals.DeviceCount != 0) {
        KeLeaveCriticalRegion();

        //
        //  Defect (Unload, held-at-exit): the early return keeps the list
        //  resource.
        //

        return;                         // expect: ExclusiveResourceAccess held-at-exit
    }
    OSDV_RELEASE_CRITICAL(&AcqGlobals.DeviceListResource);

    ExDeleteResourceLite(&AcqGlobals.DeviceListResource);
}

VOID
AcqDeleteExtensionResources(
    _In_ PACQ_EXTENSION Ext
    )
{
    ExDeleteResourceLite(&Ext->QueueResource);
    ExDeleteResourceLite(&Ext->RegisterResource);
    ExDeleteResourceLite(&Ext->StateResource);
}
