/*++

Module Name:

    FsCtrl.c

Abstract:

    IRP_MJ_FILE_SYSTEM_CONTROL: lock, unlock and dismount a volume, and
    two queries.

    Two deliberate defects, both across translation units: FatLockVolume
    keeps the VCB on one path (reported where FatFsdFileSystemControl
    returns), and FatDismountVolume releases the VCB after
    FatCheckForDismount (strucsup.c) may already have released it.

--*/

#include "FatProcs.h"

#define FSCTL_FATLIKE_QUERY_FREE_CLUSTERS \
    CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 0x800, METHOD_NEITHER, FILE_ANY_ACCESS)

static NTSTATUS FatCommonFileSystemControl (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);
static NTSTATUS FatLockVolume (IN PIRP_CONTEXT IrpContext, IN PIRP Irp, IN PVCB Vcb);
static NTSTATUS FatUnlockVolume (IN PIRP_CONTEXT IrpContext, IN PIRP Irp, IN PVCB Vcb);
static NTSTATUS FatDismountVolume (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb);
static NTSTATUS FatIsVolumeMounted (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb);
static NTSTATUS FatQueryFreeClusters (IN PIRP_CONTEXT IrpContext, IN PIRP Irp, IN PVCB Vcb);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFsdFileSystemControl)
#pragma alloc_text(PAGE, FatCommonFileSystemControl)
#pragma alloc_text(PAGE, FatLockVolume)
#pragma alloc_text(PAGE, FatUnlockVolume)
#pragma alloc_text(PAGE, FatDismountVolume)
#pragma alloc_text(PAGE, FatIsVolumeMounted)
#pragma alloc_text(PAGE, FatQueryFreeClusters)
#endif

_Function_class_(IRP_MJ_FILE_SYSTEM_CONTROL)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdFileSystemControl (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status;
    PIRP_CONTEXT IrpContext;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(VolumeDeviceObject);

    FsRtlEnterFileSystem();

    //
    //  The volume requests handled here are all synchronous.
    //

    IrpContext = FatCreateIrpContext(Irp, TRUE);
    if (IrpContext == NULL) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        FatCompleteRequest(NULL, Irp, Status);
    } else {
        Status = FatCommonFileSystemControl(IrpContext, Irp);
    }

    FsRtlExitFileSystem();

    //
    //  Defect (held-at-exit), reported here, where the routine returns: the
    //  VCB that FatLockVolume keeps on one path is still held.
    //

    return Status;      // expect: ExclusiveResourceAccess held-at-exit
}

static NTSTATUS
FatCommonFileSystemControl (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PVCB Vcb = IrpContext->Vcb;
    NTSTATUS Status;

    PAGED_CODE();

    if (IrpSp->MinorFunction != IRP_MN_USER_FS_REQUEST || Vcb == NULL) {
        Status = (IrpSp->MinorFunction == IRP_MN_MOUNT_VOLUME) ? STATUS_UNRECOGNIZED_VOLUME
                                                                : STATUS_INVALID_DEVICE_REQUEST;
        FatCompleteRequest(IrpContext, Irp, Status);
        return Status;
    }

    switch (IrpSp->Parameters.FileSystemControl.FsControlCode) {

    case FSCTL_LOCK_VOLUME:
        Status = FatLockVolume(IrpContext, Irp, Vcb);
        break;

    case FSCTL_UNLOCK_VOLUME:
        Status = FatUnlockVolume(IrpContext, Irp, Vcb);
        break;

    case FSCTL_DISMOUNT_VOLUME:
        Status = FatDismountVolume(IrpContext, Vcb);
        break;

    case FSCTL_IS_VOLUME_MOUNTED:
        Status = FatIsVolumeMounted(IrpContext, Vcb);
        break;

    case FSCTL_FATLIKE_QUERY_FREE_CLUSTERS:
        Status = FatQueryFreeClusters(IrpContext, Irp, Vcb);
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    FatCompleteRequest(IrpContext, Irp, Status);
    return Status;
}

static NTSTATUS
FatLockVolume (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp,
    IN PVCB Vcb
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);

    PAGED_CODE();

    if (!FatAcquireExclusiveVcb(IrpContext, Vcb)) {
        return STATUS_CANT_WAIT;
    }

    if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_LOCKED)) {
        FatReleaseVcb(IrpContext, Vcb);
        return STATUS_ACCESS_DENIED;
    }

    //
    //  Defect (held-at-exit, through a wrapper in another translation unit):
    //  this return keeps the VCB that FatAcquireExclusiveVcb (resrcsup.c)
    //  acquired.  Reported at the return of FatFsdFileSystemControl.
    //

    if (Vcb->OpenFileCount > 1) {
        return STATUS_ACCESS_DENIED;
    }

    SetFlag(Vcb->VcbState, VCB_STATE_FLAG_LOCKED);
    Vcb->LockFileObject = IrpSp->FileObject;

    FatReleaseVcb(IrpContext, Vcb);
    return STATUS_SUCCESS;
}

static NTSTATUS
FatUnlockVolume (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp,
    IN PVCB Vcb
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_NOT_LOCKED;

    PAGED_CODE();

    if (!FatAcquireExclusiveVcb(IrpContext, Vcb)) {
        return STATUS_CANT_WAIT;
    }

    if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_LOCKED) && Vcb->LockFileObject == IrpSp->FileObject) {
        ClearFlag(Vcb->VcbState, VCB_STATE_FLAG_LOCKED);
        Vcb->LockFileObject = NULL;
        Status = STATUS_SUCCESS;
    }

    FatReleaseVcb(IrpContext, Vcb);
    return Status;
}

static NTSTATUS
FatDismountVolume (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    )
{
    PAGED_CODE();

    //
    //  The global resource first (the VCB may leave the VCB queue), then the
    //  volume.
    //

    if (!FatAcquireExclusiveGlobal(IrpContext)) {
        return STATUS_CANT_WAIT;
    }
    if (!FatAcquireExclusiveVcb(IrpContext, Vcb)) {
        FatReleaseGlobal(IrpContext);
        return STATUS_CANT_WAIT;
    }

    SetFlag(Vcb->VcbState, VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS);

    //
    //  Defect (release-not-held, across translation units): when it tears
    //  the volume down, FatCheckForDismount (strucsup.c) has already
    //  released the VCB, and this release is one too many.
    //

    (VOID)FatCheckForDismount(IrpContext, Vcb);
    FatReleaseVcb(IrpContext, Vcb);     // expect: ExclusiveResourceAccess release-not-held

    FatReleaseGlobal(IrpContext);
    return STATUS_SUCCESS;
}

static NTSTATUS
FatIsVolumeMounted (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    )
{
    NTSTATUS Status;

    PAGED_CODE();

    if (!FatAcquireSharedVcb(IrpContext, Vcb)) {
        return STATUS_CANT_WAIT;
    }

    Status = FlagOn(Vcb->VcbState, VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS) ? STATUS_VOLUME_DISMOUNTED
                                                                         : STATUS_SUCCESS;
    FatReleaseVcb(IrpContext, Vcb);
    return Status;
}

//
//  METHOD_NEITHER: the output buffer is the caller's user-mode address.
//  Read the count under the bitmap lock, then store it under try/except
//  with no resource held.
//

static NTSTATUS
FatQueryFreeClusters (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp,
    IN PVCB Vcb
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PULONG UserBuffer = (PULONG)Irp->UserBuffer;
    ULONG FreeClusters;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(IrpContext);

    if (IrpSp->Parameters.FileSystemControl.OutputBufferLength < sizeof(ULONG)) {
        return STATUS_BUFFER_TOO_SMALL;
    }

    FatLockFreeClusterBitMap(Vcb);
    FreeClusters = Vcb->FreeClusterCount;
    FatUnlockFreeClusterBitMap(Vcb);

    try {
        if (Irp->RequestorMode != KernelMode) {
            ProbeForWrite(UserBuffer, sizeof(ULONG), sizeof(ULONG));
        }
        *UserBuffer = FreeClusters;
        Irp->IoStatus.Information = sizeof(ULONG);
    } except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }

    return Status;
}
