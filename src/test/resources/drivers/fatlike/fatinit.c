/*++

Module Name:

    FatInit.c

Abstract:

    Driver entry and unload of the FAT-like file system.  The dispatch
    routines registered here are defined in create.c, cleanup.c, write.c
    and fsctrl.c.

--*/

#include "FatProcs.h"

FAT_DATA FatData;
FAST_IO_DISPATCH FatFastIoDispatch;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, FatUnload)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    NTSTATUS Status;
    UNICODE_STRING UnicodeString;
    PDEVICE_OBJECT FsDeviceObject;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&UnicodeString, L"\\FatLike");
    Status = IoCreateDevice(DriverObject, 0, &UnicodeString, FILE_DEVICE_DISK_FILE_SYSTEM,
                            0, FALSE, &FsDeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    DriverObject->DriverUnload = FatUnload;

    DriverObject->MajorFunction[IRP_MJ_CREATE]              = (PDRIVER_DISPATCH)FatFsdCreate;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP]             = (PDRIVER_DISPATCH)FatFsdCleanup;
    DriverObject->MajorFunction[IRP_MJ_CLOSE]               = (PDRIVER_DISPATCH)FatFsdClose;
    DriverObject->MajorFunction[IRP_MJ_WRITE]               = (PDRIVER_DISPATCH)FatFsdWrite;
    DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = (PDRIVER_DISPATCH)FatFsdFileSystemControl;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN]            = (PDRIVER_DISPATCH)FatFsdShutdown;

    RtlZeroMemory(&FatFastIoDispatch, sizeof(FatFastIoDispatch));
    FatFastIoDispatch.SizeOfFastIoDispatch = sizeof(FAST_IO_DISPATCH);
    FatFastIoDispatch.AcquireFileForNtCreateSection = FatAcquireForCreateSection;
    FatFastIoDispatch.ReleaseFileForNtCreateSection = FatReleaseForCreateSection;
    DriverObject->FastIoDispatch = &FatFastIoDispatch;

    RtlZeroMemory(&FatData, sizeof(FAT_DATA));
    FatData.NodeTypeCode = FAT_NTC_DATA_HEADER;
    FatData.NodeByteSize = sizeof(FAT_DATA);
    FatData.DriverObject = DriverObject;
    FatData.DiskFileSystemDeviceObject = FsDeviceObject;
    InitializeListHead(&FatData.VcbQueue);
    ExInitializeResourceLite(&FatData.Resource);

    FatData.CacheManagerCallbacks.AcquireForLazyWrite  = &FatAcquireFcbForLazyWrite;
    FatData.CacheManagerCallbacks.ReleaseFromLazyWrite = &FatReleaseFcbFromLazyWrite;
    FatData.CacheManagerCallbacks.AcquireForReadAhead  = &FatAcquireFcbForReadAhead;
    FatData.CacheManagerCallbacks.ReleaseFromReadAhead = &FatReleaseFcbFromReadAhead;

    IoRegisterFileSystem(FsDeviceObject);
    ObReferenceObject(FsDeviceObject);

    return STATUS_SUCCESS;
}

VOID
FatUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);

    //
    //  Every volume has been dismounted by now.  Look under the global
    //  resource all the same.
    //

    KeEnterCriticalRegion();
    (VOID)ExAcquireResourceExclusiveLite(&FatData.Resource, TRUE);
    ASSERT(IsListEmpty(&FatData.VcbQueue));
    ExReleaseResourceLite(&FatData.Resource);
    KeLeaveCriticalRegion();

    IoUnregisterFileSystem(FatData.DiskFileSystemDeviceObject);
    ObDereferenceObject(FatData.DiskFileSystemDeviceObject);
    IoDeleteDevice(FatData.DiskFileSystemDeviceObject);
    ExDeleteResourceLite(&FatData.Resource);
}
