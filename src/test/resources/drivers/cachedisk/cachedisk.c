/*++

Module Name:

    cachedisk.c

Abstract:

    DriverEntry (which starts the flusher thread), AddDevice, Unload, PnP,
    power and pass-through.  No defect here.

--*/

#include "cachedisk.h"

CDK_GLOBALS CdkGlobals;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, CdkAddDevice)
#pragma alloc_text(PAGE, CdkUnload)
#pragma alloc_text(PAGE, CdkPnp)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    HANDLE ThreadHandle;
    NTSTATUS Status;
    ULONG i;

    UNREFERENCED_PARAMETER(RegistryPath);

    ExInitializeResourceLite(&CdkGlobals.ListResource);
    InitializeListHead(&CdkGlobals.DeviceList);
    KeInitializeEvent(&CdkGlobals.FlushEvent, SynchronizationEvent, FALSE);
    CdkGlobals.StopFlusher = FALSE;

    Status = PsCreateSystemThread(&ThreadHandle, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                  CdkFlusherThread, NULL);
    if (!NT_SUCCESS(Status)) {
        ExDeleteResourceLite(&CdkGlobals.ListResource);
        return Status;
    }
    (VOID)ObReferenceObjectByHandle(ThreadHandle, THREAD_ALL_ACCESS, NULL, KernelMode,
                                    (PVOID *)&CdkGlobals.FlusherThread, NULL);
    ZwClose(ThreadHandle);

    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++) {
        DriverObject->MajorFunction[i] = CdkPassThrough;
    }
    DriverObject->MajorFunction[IRP_MJ_READ] = CdkRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = CdkWrite;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = CdkFlush;
    DriverObject->MajorFunction[IRP_MJ_PNP] = CdkPnp;
    DriverObject->MajorFunction[IRP_MJ_POWER] = CdkPower;
    DriverObject->DriverExtension->AddDevice = CdkAddDevice;
    DriverObject->DriverUnload = CdkUnload;

    return STATUS_SUCCESS;
}

VOID
CdkUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);

    CdkGlobals.StopFlusher = TRUE;
    KeSetEvent(&CdkGlobals.FlushEvent, IO_NO_INCREMENT, FALSE);
    if (CdkGlobals.FlusherThread != NULL) {
        (VOID)KeWaitForSingleObject(CdkGlobals.FlusherThread, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(CdkGlobals.FlusherThread);
    }

    ExDeleteResourceLite(&CdkGlobals.ListResource);
}

NTSTATUS
CdkAddDevice(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PDEVICE_OBJECT PhysicalDeviceObject
    )
{
    PDEVICE_OBJECT DeviceObject;
    PCDK_EXTENSION Ext;
    NTSTATUS Status;

    PAGED_CODE();

    Status = IoCreateDevice(DriverObject, sizeof(CDK_EXTENSION), NULL, FILE_DEVICE_DISK, 0, FALSE,
                            &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(CDK_EXTENSION));
    Ext->Self = DeviceObject;
    InitializeListHead(&Ext->Blocks);
    IoInitializeRemoveLock(&Ext->RemoveLock, CDK_TAG, 0, 0);

    Ext->FlushWorkItem = IoAllocateWorkItem(DeviceObject);
    Ext->LowerDevice = IoAttachDeviceToDeviceStack(DeviceObject, PhysicalDeviceObject);
    if (Ext->FlushWorkItem == NULL || Ext->LowerDevice == NULL) {
        if (Ext->LowerDevice != NULL) {
            IoDetachDevice(Ext->LowerDevice);
        }
        if (Ext->FlushWorkItem != NULL) {
            IoFreeWorkItem(Ext->FlushWorkItem);
        }
        IoDeleteDevice(DeviceObject);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    ExInitializeResourceLite(&Ext->CacheResource);
    ExInitializeResourceLite(&Ext->WriteResource);
    ExInitializeResourceLite(&Ext->FlushResource);

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&CdkGlobals.ListResource);
    InsertTailList(&CdkGlobals.DeviceList, &Ext->Links);
    OSDV_RELEASE_CRITICAL(&CdkGlobals.ListResource);

    DeviceObject->Flags |= Ext->LowerDevice->Flags & (DO_DIRECT_IO | DO_BUFFERED_IO | DO_POWER_PAGABLE);
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

NTSTATUS
CdkPnp(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status;

    PAGED_CODE();

    Status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);
    if (!NT_SUCCESS(Status)) {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    if (IrpSp->MinorFunction != IRP_MN_REMOVE_DEVICE) {
        IoSkipCurrentIrpStackLocation(Irp);
        Status = IoCallDriver(Ext->LowerDevice, Irp);
        IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
        return Status;
    }

    //
    //  RemoveDevice: no I/O is left once the remove lock drains.  Write the
    //  cache back, unlink the device so the flusher thread no longer sees
    //  it, and go away.
    //

    IoReleaseRemoveLockAndWait(&Ext->RemoveLock, Irp);

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&Ext->FlushResource);
    (VOID)CdkWriteDirtyBlocks(Ext);
    OSDV_RELEASE_CRITICAL(&Ext->FlushResource);

    OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(&CdkGlobals.ListResource);
    RemoveEntryList(&Ext->Links);
    OSDV_RELEASE_CRITICAL(&CdkGlobals.ListResource);

    IoSkipCurrentIrpStackLocation(Irp);
    Status = IoCallDriver(Ext->LowerDevice, Irp);

    IoFreeWorkItem(Ext->FlushWorkItem);
    IoDetachDevice(Ext->LowerDevice);
    ExDeleteResourceLite(&Ext->FlushResource);
    ExDeleteResourceLite(&Ext->WriteResource);
    ExDeleteResourceLite(&Ext->CacheResource);
    IoDeleteDevice(DeviceObject);

    return Status;
}

NTSTATUS
CdkPower(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;

    PoStartNextPowerIrp(Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    return PoCallDriver(Ext->LowerDevice, Irp);
}

NTSTATUS
CdkPassThrough(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCDK_EXTENSION Ext = (PCDK_EXTENSION)DeviceObject->DeviceExtension;

    IoSkipCurrentIrpStackLocation(Irp);
    return IoCallDriver(Ext->LowerDevice, Irp);
}
