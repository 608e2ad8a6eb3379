/*++

Module Name:

    recursive.c

Abstract:

    A volume driver whose routines acquire a resource they already hold.
    An ERESOURCE counts its holder's acquisitions and each release undoes
    one, so a release after a recursive acquire leaves the outer hold in
    place. Taking it shared while holding it exclusively, or shared twice,
    is allowed and correct when every acquisition is released; taking it
    exclusively again is what the rule forbids (acquire-while-held), and
    what happens afterwards is judged by the count: two releases are
    correct, one leaves it held at exit, three release it once too often.

    Engines before the evening of 28 November 2026 did not count: after
    any second acquire one release left the resource not held, so the
    correct routines here were reported releasing a resource that is not
    held, and the one-release routine's leak was missed.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _RV_VOLUME {
    ERESOURCE Resource;             // the volume's state and counts
    ULONG OpenCount;
    ULONG Flags;
    ULONG Generation;
} RV_VOLUME, *PRV_VOLUME;

#define RV_VOLUME_DIRTY     0x0001

DRIVER_INITIALIZE DriverEntry;

_Dispatch_type_(IRP_MJ_CREATE) DRIVER_DISPATCH RvCreate;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH RvCleanup;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH RvClose;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH RvFlush;
_Dispatch_type_(IRP_MJ_QUERY_VOLUME_INFORMATION) DRIVER_DISPATCH RvQueryVolume;
_Dispatch_type_(IRP_MJ_SET_VOLUME_INFORMATION) DRIVER_DISPATCH RvSetVolume;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH RvShutdown;

static NTSTATUS
RvComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static PRV_VOLUME
RvVolume(
    _In_ PDEVICE_OBJECT DeviceObject
    )
{
    return (PRV_VOLUME)DeviceObject->DeviceExtension;
}

//
//  Reads the open count with the volume shared: callers may hold it
//  exclusively already (a recursive shared acquire), or not at all.
//

static ULONG
RvReadOpenCount(
    _In_ PRV_VOLUME Volume
    )
{
    ULONG Count;

    ExAcquireResourceSharedLite(&Volume->Resource, TRUE);
    Count = Volume->OpenCount;
    ExReleaseResourceLite(&Volume->Resource);
    return Count;
}

//
//  Correct: the shared acquire inside the helper is the exclusive holder's
//  second acquisition, and its release leaves the exclusive hold.
//

NTSTATUS
RvCreate(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);
    NTSTATUS Status = STATUS_SUCCESS;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    if (RvReadOpenCount(Volume) >= 0xFFFF) {
        Status = STATUS_TOO_MANY_OPENED_FILES;
    } else {
        Volume->OpenCount += 1;
    }
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return RvComplete(Irp, Status);
}

//
//  Correct: the same helper with nothing held.
//

NTSTATUS
RvQueryVolume(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);
    ULONG Count;

    KeEnterCriticalRegion();
    Count = RvReadOpenCount(Volume);
    KeLeaveCriticalRegion();
    return RvComplete(Irp, Count == 0 ? STATUS_NO_SUCH_DEVICE : STATUS_SUCCESS);
}

//
//  Correct: shared twice, released twice.
//

NTSTATUS
RvCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);
    ULONG Generation;

    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&Volume->Resource, TRUE);
    ExAcquireResourceSharedLite(&Volume->Resource, TRUE);
    Generation = Volume->Generation;
    ExReleaseResourceLite(&Volume->Resource);
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return RvComplete(Irp, Generation == 0 ? STATUS_UNSUCCESSFUL : STATUS_SUCCESS);
}

//
//  Takes the volume exclusively for a flush of its state.
//

_Acquires_exclusive_lock_(Volume->Resource)
static VOID
RvLockVolume(
    _In_ PRV_VOLUME Volume
    )
{
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);   // expect: ExclusiveResourceAccess acquire-while-held
}

//
//  Defect (acquire-while-held, in the wrapper): the flush holds the volume
//  already. Both acquisitions are released, so nothing else is reported.
//

NTSTATUS
RvFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    if (FlagOn(Volume->Flags, RV_VOLUME_DIRTY)) {
        RvLockVolume(Volume);
        ClearFlag(Volume->Flags, RV_VOLUME_DIRTY);
        ExReleaseResourceLite(&Volume->Resource);
    }
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return RvComplete(Irp, STATUS_SUCCESS);
}

//
//  Defect (acquire-while-held, then held-at-exit): acquired twice on the
//  dirty path, released once.
//

NTSTATUS
RvSetVolume(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    if (FlagOn(Volume->Flags, RV_VOLUME_DIRTY)) {
        ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);   // expect: ExclusiveResourceAccess acquire-while-held
        Volume->Generation += 1;
    }
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return RvComplete(Irp, STATUS_SUCCESS);         // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Defect (acquire-while-held, then release-not-held): acquired twice,
//  converted to shared (which converts both acquisitions), released three
//  times.
//

NTSTATUS
RvClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);       // expect: ExclusiveResourceAccess acquire-while-held
    Volume->OpenCount -= 1;
    ExConvertExclusiveToSharedLite(&Volume->Resource);
    ExReleaseResourceLite(&Volume->Resource);
    ExReleaseResourceLite(&Volume->Resource);
    ExReleaseResourceLite(&Volume->Resource);                       // expect: ExclusiveResourceAccess release-not-held
    KeLeaveCriticalRegion();
    return RvComplete(Irp, STATUS_SUCCESS);
}

//
//  Writes the volume's state to disk (elsewhere).
//

NTSTATUS
RvWriteVolumeState(
    _In_ PRV_VOLUME Volume
    );

//
//  Defect (acquire-while-held, then held-at-exit): a retry loop that takes
//  the volume on every pass and releases it once after the loop. After one
//  pass that is correct; after two or more the volume stays held.
//

NTSTATUS
RvShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRV_VOLUME Volume = RvVolume(DeviceObject);

    KeEnterCriticalRegion();
    do {
        ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);   // expect: ExclusiveResourceAccess acquire-while-held
        Volume->Generation += 1;
    } while (!NT_SUCCESS(RvWriteVolumeState(Volume)));
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return RvComplete(Irp, STATUS_SUCCESS);         // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = RvCreate;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = RvCleanup;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = RvClose;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = RvFlush;
    DriverObject->MajorFunction[IRP_MJ_QUERY_VOLUME_INFORMATION] = RvQueryVolume;
    DriverObject->MajorFunction[IRP_MJ_SET_VOLUME_INFORMATION] = RvSetVolume;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = RvShutdown;
    return STATUS_SUCCESS;
}
