/*++

Module Name:

    c99vol.c

Abstract:

    A volume driver written in C99, as newer open-source file systems are:
    <stdbool.h> and <stdint.h> types, bool flags, and Wait arguments written
    true and false. A volume query takes the tree lock shared with Wait true
    in one case of a switch and releases it; a set-information takes it
    exclusive, tries the dirty lock with Wait false through a helper that
    returns a bool, and releases the dirty lock only when the helper took it;
    a cleanup tries the tree lock with Wait false and gives up when it is
    busy: correct. A flush returns without releasing the tree lock when the
    volume's 64-bit generation has run out (held-at-exit).

    Before 30 November 2026 the stand-in headers served <stdbool.h> and
    <stdint.h> without their names: true and false were undeclared, some
    unknown value, so an acquire with Wait true could fail and every release
    after one was a false release-not-held (37 of them on one open-source
    file system).

--*/

#include <ntifs.h>
#include <stdbool.h>
#include <stdint.h>
#include "..\common\defs.h"

#define C99_INFO_SIZE 1
#define C99_INFO_STATE 2

typedef struct _C99_VCB {
    ERESOURCE tree_lock;
    ERESOURCE dirty_lock;
    uint64_t generation;
    uint32_t open_count;
    uint32_t dirty_count;
    bool readonly;
    bool removing;
} C99_VCB;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_QUERY_VOLUME_INFORMATION) DRIVER_DISPATCH C99QueryVolume;
_Dispatch_type_(IRP_MJ_SET_INFORMATION) DRIVER_DISPATCH C99SetInformation;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH C99Cleanup;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH C99Flush;

static NTSTATUS
C99Complete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

_When_(return != false, _Acquires_exclusive_lock_(Vcb->dirty_lock))
static bool
C99TryLockDirty(
    _In_ C99_VCB* Vcb,
    _In_ bool wait
    )
{
    return ExAcquireResourceExclusiveLite(&Vcb->dirty_lock, wait);
}

NTSTATUS
C99QueryVolume(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    C99_VCB* Vcb = DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    uint32_t* out = Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS Status;

    switch (IrpSp->Parameters.QueryVolume.FsInformationClass) {
    case C99_INFO_SIZE:
        out[0] = (uint32_t)(Vcb->generation >> 32);
        Status = STATUS_SUCCESS;
        break;

    case C99_INFO_STATE: {
        bool readonly;

        ExAcquireResourceSharedLite(&Vcb->tree_lock, true);
        readonly = Vcb->readonly;
        out[0] = Vcb->open_count;
        ExReleaseResourceLite(&Vcb->tree_lock);

        if (readonly)
            out[1] = 1;
        Status = STATUS_SUCCESS;
        break;
    }

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    return C99Complete(Irp, Status);
}

NTSTATUS
C99SetInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    C99_VCB* Vcb = DeviceObject->DeviceExtension;
    bool dirty_locked;

    ExAcquireResourceExclusiveLite(&Vcb->tree_lock, true);

    dirty_locked = C99TryLockDirty(Vcb, false);
    if (dirty_locked) {
        Vcb->dirty_count++;
    }
    Vcb->generation++;

    if (dirty_locked)
        ExReleaseResourceLite(&Vcb->dirty_lock);

    ExReleaseResourceLite(&Vcb->tree_lock);

    return C99Complete(Irp, STATUS_SUCCESS);
}

NTSTATUS
C99Cleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    C99_VCB* Vcb = DeviceObject->DeviceExtension;

    if (!ExAcquireResourceExclusiveLite(&Vcb->tree_lock, false))
        return C99Complete(Irp, STATUS_PENDING);

    if (Vcb->open_count > 0)
        Vcb->open_count--;
    if (Vcb->open_count == 0)
        Vcb->removing = true;

    ExReleaseResourceLite(&Vcb->tree_lock);

    return C99Complete(Irp, STATUS_SUCCESS);
}

NTSTATUS
C99Flush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    C99_VCB* Vcb = DeviceObject->DeviceExtension;

    ExAcquireResourceExclusiveLite(&Vcb->tree_lock, true);

    if (Vcb->generation == UINT64_MAX) {
        // Defect (held-at-exit): the tree lock is still held
        return C99Complete(Irp, STATUS_DISK_FULL);      // expect: ExclusiveResourceAccess held-at-exit
    }

    Vcb->generation++;
    ExReleaseResourceLite(&Vcb->tree_lock);

    return C99Complete(Irp, STATUS_SUCCESS);
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_QUERY_VOLUME_INFORMATION] = C99QueryVolume;
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = C99SetInformation;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = C99Cleanup;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = C99Flush;
    return STATUS_SUCCESS;
}
