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
    Options also come back by value from a query routine of another
    component: a set-information request keeps one answer for its acquire
    and its release (correct); a query-information request asks again,
    about the peer volume, before its release (a defect: the two answers
    are two values).

    A copy's fields are the fields of what it was copied from: the flush
    decides on the snapshot and releases on the volume's own options, which
    nothing between changes (correct), and the mount's and the remount's
    flags are the caller's, not the defaults they overwrote (defects).

    Engines before the evening of 28 November 2026 did not carry fields
    through a structure's assignment: the snapshot's flag and the volume's
    were unrelated (two false defects in the flush), and the mount's flag
    kept its default, so its leak was a silent Pass; nor did they know that
    memcpy writes the object its destination points to (the remount's leak,
    a silent Pass too); and a structure's fields read alike whatever value
    it was last given as a whole, so the query's two answers were one (a
    silent Pass).

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
    struct _CO_VCB *Peer;               // the mirror's other volume
} CO_VCB, *PCO_VCB;

//
//  The options the volume manager reports for a volume (another component).
//

CO_OPTIONS
CoQueryVolumeOptions(
    _In_ PCO_VCB Vcb
    );

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH CoFlush;
_Dispatch_type_(IRP_MJ_FILE_SYSTEM_CONTROL) DRIVER_DISPATCH CoMount;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH CoRemount;
_Dispatch_type_(IRP_MJ_SET_INFORMATION) DRIVER_DISPATCH CoSetInformation;
_Dispatch_type_(IRP_MJ_QUERY_INFORMATION) DRIVER_DISPATCH CoQueryInformation;

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

//
//  Correct: one answer decides the acquire and the release.
//

NTSTATUS
CoSetInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCO_VCB Vcb = (PCO_VCB)DeviceObject->DeviceExtension;
    CO_OPTIONS Options;

    Options = CoQueryVolumeOptions(Vcb);
    KeEnterCriticalRegion();
    if (FlagOn(Options.Flags, CO_OPTION_SERIALIZE)) {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    }
    Vcb->Flushes += 1;
    if (FlagOn(Options.Flags, CO_OPTION_SERIALIZE)) {
        ExReleaseResourceLite(&Vcb->Resource);
    }
    KeLeaveCriticalRegion();
    return CoComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect (release-not-held, held-at-exit): the release is decided on the
//  peer's answer, which need not be this volume's.
//

NTSTATUS
CoQueryInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PCO_VCB Vcb = (PCO_VCB)DeviceObject->DeviceExtension;
    CO_OPTIONS Options;

    Options = CoQueryVolumeOptions(Vcb);
    KeEnterCriticalRegion();
    if (FlagOn(Options.Flags, CO_OPTION_SERIALIZE)) {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    }
    Options = CoQueryVolumeOptions(Vcb->Peer);
    if (FlagOn(Options.Flags, CO_OPTION_SERIALIZE)) {
        ExReleaseResourceLite(&Vcb->Resource);      // expect: ExclusiveResourceAccess release-not-held
    }
    KeLeaveCriticalRegion();
    return CoComplete(Irp, STATUS_SUCCESS);         // expect: ExclusiveResourceAccess held-at-exit
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
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = CoSetInformation;
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = CoQueryInformation;
    return STATUS_SUCCESS;
}
