/*++

Module Name:

    retfield.c

Abstract:

    A device whose helper takes the resource and answers, in its return
    statement, whether the caller must release it (return Ext->Mode ==
    RF_MODE_SHARED;). The caller sets the mode first, so the helper's answer
    is the mode the caller wrote.

    A callee sees the caller's memory it reads. Engines before the night of
    28 November 2026 counted what a function reads in its statements and
    branches but not in its return statements: the helper was given none of
    the caller's memory, read the mode as it was when the routine began, and
    the correct routine below was reported as returning with the resource
    held.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define RF_MODE_SHARED      2

typedef struct _RF_EXTENSION {
    ERESOURCE Resource;             // the device's configuration
    ULONG Mode;
    ULONG Requests;
} RF_EXTENSION, *PRF_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH RfWrite;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH RfRead;

static BOOLEAN
RfTakeConfiguration(
    _In_ PRF_EXTENSION Ext
    )
{
    ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    return Ext->Mode == RF_MODE_SHARED;
}

static NTSTATUS
RfComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Correct: the mode was set to shared, so the helper says to release.
//

NTSTATUS
RfWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRF_EXTENSION Ext = (PRF_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    Ext->Mode = RF_MODE_SHARED;
    if (RfTakeConfiguration(Ext)) {
        Ext->Requests += 1;
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return RfComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect (held-at-exit): the mode was cleared, so the helper's answer is
//  FALSE and the resource it took stays held.
//

NTSTATUS
RfRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRF_EXTENSION Ext = (PRF_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    Ext->Mode = 0;
    if (RfTakeConfiguration(Ext)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return RfComplete(Irp, STATUS_SUCCESS);     // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_WRITE] = RfWrite;
    DriverObject->MajorFunction[IRP_MJ_READ] = RfRead;
    return STATUS_SUCCESS;
}
