/*++

Module Name:

    write.c

Abstract:

    Two translation units each with a static helper named SnLockConfiguration
    that does different things: here it takes the device's resource and
    leaves it to the caller; in read.c it only waits for the resource to be
    free (takes and releases it). A static function is its file's own.

    Engines before the night of 28 November 2026 stored callee summaries
    under the callee's name alone: whichever helper was summarised first
    answered for both, and one of the two correct routines was reported (a
    release of what is not held, or a return while holding).

--*/

#include <ntddk.h>
#include "..\common\defs.h"
#include "samename.h"

DRIVER_INITIALIZE DriverEntry;

static VOID
SnLockConfiguration(
    _In_ PSN_EXTENSION Ext
    )
{
    ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
}

//
//  Correct: the helper took the resource, the routine releases it.
//

NTSTATUS
SnWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSN_EXTENSION Ext = (PSN_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    SnLockConfiguration(Ext);
    Ext->Requests += 1;
    ExReleaseResourceLite(&Ext->Resource);
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
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

    DriverObject->MajorFunction[IRP_MJ_WRITE] = SnWrite;
    DriverObject->MajorFunction[IRP_MJ_READ] = SnRead;
    return STATUS_SUCCESS;
}
