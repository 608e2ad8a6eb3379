/*++

Module Name:

    setthrough.c

Abstract:

    A device whose requests are classified by a helper that writes the
    request's flags through a local copy of a pointer it was handed
    (State = Ext->Current; State->Flags |= ...), as helpers that take a
    context's sub-structure into a local do. The dispatch routines clear
    the flags, call the helper, and take the device's resource when the
    helper asked for it.

    The helper's write is the caller's memory: the analysis follows the
    helper. Engines before the evening of 28 November 2026 took only writes
    through a parameter, a global or a returned object as visible to the
    caller; this helper's was not, the flag kept the value the caller
    cleared, and the leak below was a silent Pass.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define ST_NEEDS_LOCK       0x0001
#define ST_WRITE            0x0002

typedef struct _ST_STATE {
    ULONG Flags;
    ULONG Length;
} ST_STATE, *PST_STATE;

typedef struct _ST_EXTENSION {
    ERESOURCE Resource;             // the device's configuration
    PST_STATE Current;              // the state of the request being handled
    ULONG Requests;
} ST_EXTENSION, *PST_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH StWrite;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH StDeviceControl;

static NTSTATUS
StComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Writes and configuration changes need the device's resource.
//

static VOID
StClassify(
    _In_ PST_EXTENSION Ext,
    _In_ PIRP Irp
    )
{
    PST_STATE State = Ext->Current;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);

    if (IrpSp->MajorFunction == IRP_MJ_WRITE) {
        State->Flags |= ST_WRITE;
    }
    if (IrpSp->MajorFunction == IRP_MJ_DEVICE_CONTROL || IrpSp->Parameters.Write.Length > PAGE_SIZE) {
        State->Flags |= ST_NEEDS_LOCK;
    }
}

//
//  Correct: released as it was taken.
//

NTSTATUS
StWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PST_EXTENSION Ext = (PST_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    Ext->Current->Flags = 0;
    StClassify(Ext, Irp);
    if (FlagOn(Ext->Current->Flags, ST_NEEDS_LOCK)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
    Ext->Requests += 1;
    if (FlagOn(Ext->Current->Flags, ST_NEEDS_LOCK)) {
        ExReleaseResourceLite(&Ext->Resource);
    }
    KeLeaveCriticalRegion();
    return StComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect (held-at-exit): the device control always needs the lock and
//  never releases it.
//

NTSTATUS
StDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PST_EXTENSION Ext = (PST_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    Ext->Current->Flags = 0;
    StClassify(Ext, Irp);
    if (FlagOn(Ext->Current->Flags, ST_NEEDS_LOCK)) {
        ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }
    Ext->Requests += 1;
    KeLeaveCriticalRegion();
    return StComplete(Irp, STATUS_SUCCESS);     // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_WRITE] = StWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = StDeviceControl;
    return STATUS_SUCCESS;
}
