/*++

Module Name:

    Cleanup.c

Abstract:

    IRP_MJ_CLEANUP and IRP_MJ_CLOSE.

    Cleanup frees the clusters of a delete-on-close file.  It still takes
    the bitmap resource before calling FatFreeClusters (allocsup.c), which
    acquires that resource itself: the acquire-while-held is reported in
    allocsup.c.

--*/

#include "FatProcs.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFsdCleanup)
#pragma alloc_text(PAGE, FatCommonCleanup)
#pragma alloc_text(PAGE, FatFsdClose)
#endif

_Function_class_(IRP_MJ_CLEANUP)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdCleanup (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status;
    PIRP_CONTEXT IrpContext;

    PAGED_CODE();

    if (FatDeviceIsFatFsdo(&VolumeDeviceObject->DeviceObject)) {
        FatCompleteRequest(NULL, Irp, STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }

    FsRtlEnterFileSystem();

    //
    //  Cleanup is always synchronous.
    //

    IrpContext = FatCreateIrpContext(Irp, TRUE);
    if (IrpContext == NULL) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        FatCompleteRequest(NULL, Irp, Status);
    } else {
        Status = FatCommonCleanup(IrpContext, Irp);
    }

    FsRtlExitFileSystem();

    //
    //  Defect (held-at-exit): when the common cleanup frees a deleted file's
    //  clusters, it locks the bitmap, and FatFreeClusters locks it again and
    //  unlocks it once: the bitmap stays acquired.
    //

    return Status;      // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
FatCommonCleanup (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    )
{
    NTSTATUS Status = STATUS_SUCCESS;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFILE_OBJECT FileObject = IrpSp->FileObject;
    PFCB Fcb = (PFCB)FileObject->FsContext;
    PVCB Vcb = IrpContext->Vcb;
    BOOLEAN VcbAcquired = FALSE;
    BOOLEAN FcbAcquired = FALSE;

    PAGED_CODE();

    try {

        if (!FatAcquireExclusiveVcb(IrpContext, Vcb)) {
            try_return( Status = STATUS_CANT_WAIT );
        }
        VcbAcquired = TRUE;

        if (Vcb->LockFileObject == FileObject) {
            ClearFlag(Vcb->VcbState, VCB_STATE_FLAG_LOCKED);
            Vcb->LockFileObject = NULL;
        }

        if (Fcb == NULL) {
            try_return( Status = STATUS_SUCCESS );      // a volume open
        }

        if (!FatAcquireExclusiveFcb(IrpContext, Fcb)) {
            try_return( Status = STATUS_CANT_WAIT );
        }
        FcbAcquired = TRUE;

        IoRemoveShareAccess(FileObject, &Fcb->ShareAccess);
        Fcb->UncleanCount -= 1;

        if (Fcb->UncleanCount == 0 &&
            FlagOn(Fcb->FcbState, FCB_STATE_DELETE_ON_CLOSE) &&
            Fcb->FirstClusterOfFile != 0) {

            //
            //  Keep the bitmap stable across the free.  (FatFreeClusters
            //  used to expect the caller to hold it; now it takes it itself,
            //  and the caller's hold is never released.)
            //

            FatLockFreeClusterBitMap(Vcb);
            FatFreeClusters(IrpContext, Vcb, Fcb->FirstClusterOfFile);
            Fcb->FirstClusterOfFile = 0;
        }

        SetFlag(FileObject->Flags, FO_CLEANUP_COMPLETE);

    try_exit: NOTHING;
    } finally {

        if (FcbAcquired) {
            FatReleaseFcb(IrpContext, Fcb);
        }
        if (VcbAcquired) {
            FatReleaseVcb(IrpContext, Vcb);
        }
    }

    FatCompleteRequest(IrpContext, Irp, Status);
    return Status;
}

_Function_class_(IRP_MJ_CLOSE)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdClose (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    )
{
    PFILE_OBJECT FileObject = IoGetCurrentIrpStackLocation(Irp)->FileObject;
    PFCB Fcb = (PFCB)FileObject->FsContext;
    PVCB Vcb;

    PAGED_CODE();

    if (FatDeviceIsFatFsdo(&VolumeDeviceObject->DeviceObject)) {
        FatCompleteRequest(NULL, Irp, STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }

    Vcb = FatVcbFromVdo(VolumeDeviceObject);

    //
    //  Close may always wait.  Volume first, then the file.
    //

    FsRtlEnterFileSystem();
    (VOID)ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    if (Fcb != NULL) {
        (VOID)ExAcquireResourceExclusiveLite(Fcb->Header.Resource, TRUE);
        Fcb->OpenCount -= 1;
        Vcb->OpenFileCount -= 1;
        ExReleaseResourceLite(Fcb->Header.Resource);
    }
    FatReleaseVcb(NULL, Vcb);
    FsRtlExitFileSystem();

    FatCompleteRequest(NULL, Irp, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}
