/*++

Module Name:

    copyopts.c

Abstract:

    A volume driver that copies option structures by assignment: a request
    takes a snapshot of the volume's options (Options = Vcb->Options) and
    decides from it whether to serialize on the volume; a mount starts from
    default options set field by field and then takes the caller's whole
    structure over them (Options = *Requested).

    A remount does the same with a context from pool and RtlCopyMemory.

    A copy's fields are the fields of what it was copied from: the flush
    decides on the snapshot and releases on the volume's own options, which
    nothing between changes (correct), and the mount's and the remount's
    flags are the caller's, not the defaults they overwrote (defects).

    Engines before the evening of 28 November 2026 did not carry fields
    through a structure's assignment: the snapshot's flag and the volume's
    were unrelated (two false defects in the flush), and the mount's flag
    kept its default, so its leak was a silent Pass; nor did they know that
    memcpy writes the object its destination points to (the remount's leak,
    a silent Pass too).

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define CO_OPTION_SERIALIZE     0x0001
#define CO_OPTION_READ_ONLY     0x0002

typedef struct _CO_OPTIONS {
    ULONG Flags;
    ULONG ClusterSize;
} CO_OPTIONS, *PCO_OPTIONS;

typedef struct _CO_VCB {
    ERESOURCE Resource;                 // the volume's state and counts
    CO_OPTIONS Options;
    ULONG Flushes;
    ULONG Mounts;
} CO_VCB, *PCO_VCB;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH CoFlush;
_Dispatch_type_(IRP_MJ_FILE_SYSTEM_CONTROL) DRIVER_DISPATCH CoMount;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH CoRemount;

static NTSTATUS
CoComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Correct: the snapshot and the volume's options have the same flags.
//

NTSTATUS
CoFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCO_VCB Vcb = (PCO_VCB)DeviceObject->DeviceExtension;
    CO_OPTIONS Options;

    KeEnterCriticalRegion();
    Options = Vcb->Options;
    if (FlagOn(Options.Flags, CO_OPTION_SERIALIZE)) {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    }
    Vcb->Flushes += 1;
    if (FlagOn(Vcb->Options.Flags, CO_OPTION_SERIALIZE)) {
        ExReleaseResourceLite(&Vcb->Resource);
    }
    KeLeaveCriticalRegion();
    return CoComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect (held-at-exit): the caller's options may ask for serializing,
//  and the mount never releases the volume.
//

NTSTATUS
CoMount(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCO_VCB Vcb = (PCO_VCB)DeviceObject->DeviceExtension;
    PCO_OPTIONS Requested = (PCO_OPTIONS)Irp->AssociatedIrp.SystemBuffer;
    CO_OPTIONS Options;

    Options.Flags = 0;
    Options.ClusterSize = 4096;
    if (Requested != NULL) {
        Options = *Requested;
    }

    KeEnterCriticalRegion();
    if (FlagOn(Options.Flags, CO_OPTION_SERIALIZE)) {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    }
    Vcb->Mounts += 1;
    KeLeaveCriticalRegion();
    return CoComplete(Irp, STATUS_SUCCESS);     // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Defect (held-at-exit): as the mount, with the options in pool.
//

NTSTATUS
CoRemount(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCO_VCB Vcb = (PCO_VCB)DeviceObject->DeviceExtension;
    PCO_OPTIONS Options;

    Options = (PCO_OPTIONS)ExAllocatePoolWithTag(PagedPool, sizeof(CO_OPTIONS), 'tpOC');
    if (Options == NULL) {
        return CoComplete(Irp, STATUS_INSUFFICIENT_RESOURCES);
    }
    Options->Flags = 0;
    Options->ClusterSize = 4096;
    if (Irp->AssociatedIrp.SystemBuffer != NULL) {
        RtlCopyMemory(Options, Irp->AssociatedIrp.SystemBuffer, sizeof(CO_OPTIONS));
    }

    KeEnterCriticalRegion();
    if (FlagOn(Options->Flags, CO_OPTION_SERIALIZE)) {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    }
    Vcb->Mounts += 1;
    KeLeaveCriticalRegion();
    ExFreePoolWithTag(Options, 'tpOC');
    return CoComplete(Irp, STATUS_SUCCESS);     // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = CoFlush;
    DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = CoMount;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = CoRemount;
    return STATUS_SUCCESS;
}
