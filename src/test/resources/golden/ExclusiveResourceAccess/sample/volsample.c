/*++

Module Name:

    volsample.c

Abstract:

    The golden sample of ExclusiveResourceAccess: a small volume driver
    whose volume resource is misused once in each way the rule reports,
    next to the correct shapes of the same code.  Its SARIF is compared
    byte for byte with ../expected.sarif.

--*/

#include <ntifs.h>

typedef struct _VS_VOLUME {
    ERESOURCE Resource;         // guards OpenCount and Flags
    ULONG OpenCount;
    ULONG Flags;
} VS_VOLUME, *PVS_VOLUME;

#define VS_VOLUME_LOCKED        0x00000001
#define VsVolume(D)             ((PVS_VOLUME)(D)->DeviceExtension)

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CREATE) DRIVER_DISPATCH VsCreate;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH VsCleanup;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH VsFlush;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH VsRead;

static NTSTATUS
VsComplete(_Inout_ PIRP Irp, _In_ NTSTATUS Status)
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

_Acquires_exclusive_lock_(Volume->Resource)
static VOID
VsLockVolume(_Inout_ PVS_VOLUME Volume)
{
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);   // expect: ExclusiveResourceAccess acquire-while-held
}

NTSTATUS
VsCreate(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PVS_VOLUME Volume = VsVolume(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    if (FlagOn(Volume->Flags, VS_VOLUME_LOCKED)) {
        //
        //  Defect (held-at-exit): the locked-volume path forgets the release.
        //
        KeLeaveCriticalRegion();
        return VsComplete(Irp, STATUS_ACCESS_DENIED);   // expect: ExclusiveResourceAccess held-at-exit
    }
    Volume->OpenCount += 1;
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return VsComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS
VsCleanup(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PVS_VOLUME Volume = VsVolume(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    Volume->OpenCount -= 1;
    ExReleaseResourceLite(&Volume->Resource);
    if (Volume->OpenCount == 0) {
        ClearFlag(Volume->Flags, VS_VOLUME_LOCKED);
        //
        //  Defect (release-not-held): released a second time.
        //
        ExReleaseResourceLite(&Volume->Resource);       // expect: ExclusiveResourceAccess release-not-held
    }
    KeLeaveCriticalRegion();
    return VsComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS
VsFlush(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PVS_VOLUME Volume = VsVolume(DeviceObject);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    //
    //  Defect (acquire-while-held): the wrapper acquires the volume again.
    //  Both acquisitions are released: an ERESOURCE counts them.
    //
    VsLockVolume(Volume);
    ExReleaseResourceLite(&Volume->Resource);
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    return VsComplete(Irp, STATUS_SUCCESS);
}

//
//  Correct: a non-blocking acquire whose failure is checked, and a shared
//  hold released once.
//
NTSTATUS
VsRead(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PVS_VOLUME Volume = VsVolume(DeviceObject);
    ULONG Opened;

    KeEnterCriticalRegion();
    if (!ExAcquireResourceExclusiveLite(&Volume->Resource, FALSE)) {
        KeLeaveCriticalRegion();
        return VsComplete(Irp, STATUS_PENDING);
    }
    ExReleaseResourceLite(&Volume->Resource);
    ExAcquireResourceSharedLite(&Volume->Resource, TRUE);
    Opened = Volume->OpenCount;
    ExReleaseResourceLite(&Volume->Resource);
    KeLeaveCriticalRegion();
    Irp->IoStatus.Information = Opened;
    return VsComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS
DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&Name, L"\\Device\\VolSample");
    Status = IoCreateDevice(DriverObject, sizeof(VS_VOLUME), &Name, FILE_DEVICE_DISK_FILE_SYSTEM, 0, FALSE,
                            &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }
    ExInitializeResourceLite(&VsVolume(DeviceObject)->Resource);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = VsCreate;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = VsCleanup;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = VsFlush;
    DriverObject->MajorFunction[IRP_MJ_READ] = VsRead;
    return STATUS_SUCCESS;
}
