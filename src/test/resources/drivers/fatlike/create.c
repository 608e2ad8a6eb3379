/*++

Module Name:

    Create.c

Abstract:

    IRP_MJ_CREATE.  Opens an existing file of a mounted volume.

    The common routine is the classic file-system shape: the VCB is taken
    through a wrapper that may refuse to wait, the body is a try with
    try_return exits, and the finally clause releases exactly what the
    flags say was acquired.  No defect here.

--*/

#include "FatProcs.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFsdCreate)
#pragma alloc_text(PAGE, FatCommonCreate)
#endif

_Function_class_(IRP_MJ_CREATE)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdCreate (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status;
    PIRP_CONTEXT IrpContext;

    PAGED_CODE();

    //
    //  An open of the file system device itself always succeeds.
    //

    if (FatDeviceIsFatFsdo(&VolumeDeviceObject->DeviceObject)) {
        Irp->IoStatus.Information = FILE_OPENED;
        FatCompleteRequest(NULL, Irp, STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }

    FsRtlEnterFileSystem();

    IrpContext = FatCreateIrpContext(Irp, CanFsdWait(Irp));
    if (IrpContext == NULL) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        FatCompleteRequest(NULL, Irp, Status);
    } else {
        Status = FatCommonCreate(IrpContext, Irp);
    }

    FsRtlExitFileSystem();

    return Status;
}

NTSTATUS
FatCommonCreate (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    )
{
    NTSTATUS Status = STATUS_SUCCESS;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFILE_OBJECT FileObject = IrpSp->FileObject;
    ACCESS_MASK DesiredAccess = IrpSp->Parameters.Create.SecurityContext->DesiredAccess;
    USHORT ShareAccess = IrpSp->Parameters.Create.ShareAccess;
    PVCB Vcb = IrpContext->Vcb;
    PFCB Fcb = NULL;
    BOOLEAN VcbAcquired = FALSE;
    BOOLEAN FcbAcquired = FALSE;

    PAGED_CODE();

    //
    //  Get the volume first.  If we cannot wait for it, let the FSP do the
    //  whole request.
    //

    if (!FatAcquireExclusiveVcb(IrpContext, Vcb)) {
        return FatFsdPostRequest(IrpContext, Irp);
    }
    VcbAcquired = TRUE;

    try {

        if (FlagOn(Vcb->VcbState, VCB_STATE_FLAG_LOCKED | VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS)) {
            try_return( Status = STATUS_ACCESS_DENIED );
        }

        Fcb = FatFindFcb(IrpContext, Vcb, &FileObject->FileName);
        if (Fcb == NULL) {
            try_return( Status = STATUS_OBJECT_NAME_NOT_FOUND );
        }

        if (!FatAcquireExclusiveFcb(IrpContext, Fcb)) {
            try_return( Status = STATUS_CANT_WAIT );
        }
        FcbAcquired = TRUE;

        //
        //  Share access.  The inner try only keeps the bookkeeping together;
        //  a conflict leaves it early.
        //

        try {

            Status = IoCheckShareAccess(DesiredAccess, ShareAccess, FileObject, &Fcb->ShareAccess, TRUE);
            if (!NT_SUCCESS(Status)) {
                leave;
            }

            FileObject->FsContext = Fcb;
            FileObject->SectionObjectPointer = &Fcb->NonPaged->SectionObjectPointers;
            Fcb->UncleanCount += 1;
            Fcb->OpenCount += 1;
            Vcb->OpenFileCount += 1;
            Irp->IoStatus.Information = FILE_OPENED;

        } finally {

            if (AbnormalTermination()) {
                FileObject->FsContext = NULL;
            }
        }

    try_exit: NOTHING;
    } finally {

        if (FcbAcquired) {
            FatReleaseFcb(IrpContext, Fcb);
        }
        if (VcbAcquired) {
            FatReleaseVcb(IrpContext, Vcb);
        }
    }

    if (Status == STATUS_CANT_WAIT) {
        return FatFsdPostRequest(IrpContext, Irp);
    }

    FatCompleteRequest(IrpContext, Irp, Status);
    return Status;
}
