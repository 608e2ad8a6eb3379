/*++

Module Name:

    partvol.c

Abstract:

    A volume split into partitions, each with its own resource, and
    routines that take every partition at once: in index order in one loop,
    released in the reverse order in another, as a file system does to read
    a consistent total or to freeze the whole volume.  After such a pair of
    loops none of the partitions is held: releasing through the loop's index
    (Partitions[Index - 1]) may release any of them, and the loop ends only
    after the last one.  The volume resource taken around them is a
    different resource and stays tracked.

      PvRecountWorker      every partition shared, then each exclusive on
                           its own (correct).
      PvFreezeWorker       every partition exclusive under the volume
                           resource, in the loops of a helper (correct).
      PvCompactWorker      one helper takes every partition exclusive for
                           its caller and another releases them (correct).
      PvDeviceControl      the same helpers; the trim request leaks the
                           volume resource on an error path (defect).

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define PV_PARTITION_COUNT  4
#define IOCTL_PV_TRIM       CTL_CODE(FILE_DEVICE_DISK, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _PV_PARTITION {
    ERESOURCE Resource;
    ULONG FreeClusters;
    ULONG ClusterCount;
    ULONG Generation;
    BOOLEAN Frozen;
} PV_PARTITION, *PPV_PARTITION;

typedef struct _PV_VOLUME {
    ERESOURCE Resource;
    PV_PARTITION Partitions[PV_PARTITION_COUNT];
    ULONG FreeClusters;
    ULONG TrimmedClusters;
    WORK_QUEUE_ITEM RecountItem;
    WORK_QUEUE_ITEM FreezeItem;
    WORK_QUEUE_ITEM CompactItem;
} PV_VOLUME, *PPV_VOLUME;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PvUnload;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH PvDeviceControl;
WORKER_THREAD_ROUTINE PvRecountWorker;
WORKER_THREAD_ROUTINE PvFreezeWorker;
WORKER_THREAD_ROUTINE PvCompactWorker;

static NTSTATUS PvFreezeVolume(_In_ PPV_VOLUME Volume);
static NTSTATUS PvTrimVolume(_In_ PPV_VOLUME Volume);
static VOID PvAcquireAllPartitions(_In_ PPV_VOLUME Volume);
static VOID PvReleaseAllPartitions(_In_ PPV_VOLUME Volume);

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    PDEVICE_OBJECT DeviceObject;
    PPV_VOLUME Volume;
    NTSTATUS Status;
    ULONG Index;

    UNREFERENCED_PARAMETER(RegistryPath);

    Status = IoCreateDevice(DriverObject, sizeof(PV_VOLUME), NULL, FILE_DEVICE_DISK, 0, FALSE,
                            &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Volume = (PPV_VOLUME)DeviceObject->DeviceExtension;
    RtlZeroMemory(Volume, sizeof(PV_VOLUME));
    ExInitializeResourceLite(&Volume->Resource);
    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        ExInitializeResourceLite(&Volume->Partitions[Index].Resource);
    }
    
    
    ExInitializeWorkItem(&Volume->RecountItem, PvRecountWorker, Volume);
    ExInitializeWorkItem(&Volume->FreezeItem, PvFreezeWorker, Volume);
    ExInitializeWorkItem(&Volume->CompactItem, PvCompactWorker, Volume);

    
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PvDeviceControl;
    DriverObject->DriverUnload = PvUnload;
    return STATUS_SUCCESS;
}

VOID
PvUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    IoDeleteDevice(DriverObject->DeviceObject);
}

//
//  Recomputes the free space from the partitions: all of them shared, in
//  order, for a consistent total; then each one exclusive on its own to
//  bump its generation.
//

VOID
PvRecountWorker(
    _In_ PVOID Parameter
    )
{
    PPV_VOLUME Volume = (PPV_VOLUME)Parameter;
    ULONG FreeClusters = 0;
    ULONG Index;

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        ExAcquireResourceSharedLite(&Volume->Partitions[Index].Resource, TRUE);
    }

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        FreeClusters += Volume->Partitions[Index].FreeClusters;
    }

    for (Index = PV_PARTITION_COUNT; Index > 0; Index -= 1) {
        ExReleaseResourceLite(&Volume->Partitions[Index - 1].Resource);
    }

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        ExAcquireResourceExclusiveLite(&Volume->Partitions[Index].Resource, TRUE);
        Volume->Partitions[Index].Generation += 1;
        ExReleaseResourceLite(&Volume->Partitions[Index].Resource);
    }

    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    Volume->FreeClusters = FreeClusters;
    ExReleaseResourceLite(&Volume->Resource);
}

//
//  Freezes the volume: the volume resource, then every partition
//  exclusive in index order, released in the reverse order.
//

static NTSTATUS
PvFreezeVolume(
    _In_ PPV_VOLUME Volume
    )
{
    ULONG Index;

    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        ExAcquireResourceExclusiveLite(&Volume->Partitions[Index].Resource, TRUE);
    }

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        Volume->Partitions[Index].Frozen = TRUE;
    }

    for (Index = PV_PARTITION_COUNT; Index > 0; Index -= 1) {
        ExReleaseResourceLite(&Volume->Partitions[Index - 1].Resource);
    }

    ExReleaseResourceLite(&Volume->Resource);
    return STATUS_SUCCESS;
}

VOID
PvFreezeWorker(
    _In_ PVOID Parameter
    )
{
    (VOID)PvFreezeVolume((PPV_VOLUME)Parameter);
}

static VOID
PvAcquireAllPartitions(
    _In_ PPV_VOLUME Volume
    )
{
    ULONG Index;

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        ExAcquireResourceExclusiveLite(&Volume->Partitions[Index].Resource, TRUE);
    }
}

static VOID
PvReleaseAllPartitions(
    _In_ PPV_VOLUME Volume
    )
{
    ULONG Index;

    for (Index = PV_PARTITION_COUNT; Index > 0; Index -= 1) {
        ExReleaseResourceLite(&Volume->Partitions[Index - 1].Resource);
    }
}

//
//  Moves the free clusters of every partition into the first one.
//

VOID
PvCompactWorker(
    _In_ PVOID Parameter
    )
{
    PPV_VOLUME Volume = (PPV_VOLUME)Parameter;
    ULONG Index;

    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    PvAcquireAllPartitions(Volume);

    for (Index = 1; Index < PV_PARTITION_COUNT; Index += 1) {
        Volume->Partitions[0].FreeClusters += Volume->Partitions[Index].FreeClusters;
        Volume->Partitions[Index].FreeClusters = 0;
    }

    PvReleaseAllPartitions(Volume);
    ExReleaseResourceLite(&Volume->Resource);
}

//
//  Gives back the free clusters of every partition.
//
//  Defect (held-at-exit): when the volume has nothing to trim, the
//  partitions are released but the volume resource is not.
//

static NTSTATUS
PvTrimVolume(
    _In_ PPV_VOLUME Volume
    )
{
    ULONG Index;
    ULONG Trimmed = 0;

    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    PvAcquireAllPartitions(Volume);

    for (Index = 0; Index < PV_PARTITION_COUNT; Index += 1) {
        Trimmed += Volume->Partitions[Index].FreeClusters;
        Volume->Partitions[Index].FreeClusters = 0;
    }

    PvReleaseAllPartitions(Volume);

    if (Trimmed == 0) {
        return STATUS_NO_MORE_ENTRIES;
    }

    Volume->TrimmedClusters += Trimmed;
    ExReleaseResourceLite(&Volume->Resource);
    return STATUS_SUCCESS;
}

NTSTATUS
PvDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PPV_VOLUME Volume = (PPV_VOLUME)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status;

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_PV_TRIM:
        Status = PvTrimVolume(Volume);
        break;
    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;          // expect: ExclusiveResourceAccess held-at-exit
}
