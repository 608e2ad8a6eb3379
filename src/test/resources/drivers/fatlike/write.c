/*++

Module Name:

    Write.c

Abstract:

    IRP_MJ_WRITE, non-cached writes only.

    A write that may not wait is sent down asynchronously.  The FCB stays
    acquired until the lower driver completes the IRP, so its ownership is
    handed to the I/O context with ExSetResourceOwnerPointer and the
    completion routine releases it for that owner.  No defect here.

--*/

#include "FatProcs.h"

static NTSTATUS FatWriteToDisk (IN PFCB Fcb, IN PIRP Irp, IN LONGLONG DiskOffset);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFsdWrite)
#pragma alloc_text(PAGE, FatCommonWrite)
#endif

_Function_class_(IRP_MJ_WRITE)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdWrite (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status;
    PIRP_CONTEXT IrpContext;

    PAGED_CODE();

    if (FatDeviceIsFatFsdo(&VolumeDeviceObject->DeviceObject)) {
        FatCompleteRequest(NULL, Irp, STATUS_INVALID_DEVICE_REQUEST);
        return STATUS_INVALID_DEVICE_REQUEST;
    }

    FsRtlEnterFileSystem();

    IrpContext = FatCreateIrpContext(Irp, CanFsdWait(Irp));
    if (IrpContext == NULL) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        FatCompleteRequest(NULL, Irp, Status);
    } else {
        Status = FatCommonWrite(IrpContext, Irp);
    }

    FsRtlExitFileSystem();

    return Status;
}

NTSTATUS
FatCommonWrite (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFILE_OBJECT FileObject = IrpSp->FileObject;
    PFCB Fcb = (PFCB)FileObject->FsContext;
    LONGLONG StartingByte = IrpSp->Parameters.Write.ByteOffset.QuadPart;
    ULONG ByteCount = IrpSp->Parameters.Write.Length;
    BOOLEAN Wait = BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT);
    BOOLEAN FcbAcquired = FALSE;
    PFAT_IO_CONTEXT IoContext;
    PIO_STACK_LOCATION NextSp;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    if (Fcb == NULL || ByteCount == 0) {
        FatCompleteRequest(IrpContext, Irp, STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }

    try {

        if (!FatAcquireExclusiveFcb(IrpContext, Fcb)) {
            try_return( Status = STATUS_CANT_WAIT );
        }
        FcbAcquired = TRUE;

        if (FlagOn(Fcb->Vcb->VcbState, VCB_STATE_FLAG_WRITE_PROTECTED)) {
            try_return( Status = STATUS_MEDIA_WRITE_PROTECTED );
        }

        if (StartingByte + ByteCount > Fcb->Header.AllocationSize.QuadPart) {
            try_return( Status = STATUS_DISK_FULL );
        }

        if (Wait) {
            Status = FatWriteToDisk(Fcb, Irp, Fcb->DiskOffset + StartingByte);
            try_return( NOTHING );
        }

        //
        //  Asynchronous write.  The resource stays acquired until the lower
        //  driver is done with the IRP; hand it to the I/O context, whose
        //  completion routine will release it in an arbitrary thread.
        //

        IoContext = ExAllocatePoolWithTag(NonPagedPool, sizeof(FAT_IO_CONTEXT), TAG_FAT_IO_CONTEXT);
        if (IoContext == NULL) {
            try_return( Status = STATUS_INSUFFICIENT_RESOURCES );
        }

        IoContext->MasterIrp = Irp;
        IoContext->FileObject = FileObject;
        IoContext->RequestedByteCount = ByteCount;
        IoContext->Resource = Fcb->Header.Resource;
        IoContext->ResourceThreadId = OSDV_RESOURCE_THREAD(IoContext);

        InterlockedIncrement((PLONG)&Fcb->NonPaged->OutstandingAsyncWrites);
        ExSetResourceOwnerPointer(Fcb->Header.Resource, OSDV_RESOURCE_OWNER(IoContext));
        FcbAcquired = FALSE;

        IoMarkIrpPending(Irp);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        NextSp = IoGetNextIrpStackLocation(Irp);
        NextSp->Parameters.Write.ByteOffset.QuadPart = Fcb->DiskOffset + StartingByte;
        IoSetCompletionRoutine(Irp, FatAsyncWriteCompletion, IoContext, TRUE, TRUE, TRUE);

        (VOID)IoCallDriver(Fcb->Vcb->TargetDeviceObject, Irp);

        FatDeleteIrpContext(IrpContext);
        IrpContext = NULL;
        Irp = NULL;
        Status = STATUS_PENDING;

    try_exit: NOTHING;
    } finally {

        if (FcbAcquired) {
            FatReleaseFcb(IrpContext, Fcb);
        }
    }

    if (Status == STATUS_CANT_WAIT) {
        return FatFsdPostRequest(IrpContext, Irp);
    }

    if (Status != STATUS_PENDING) {
        FatCompleteRequest(IrpContext, Irp, Status);
    }
    return Status;
}

//
//  Completion of an asynchronous write, in an arbitrary thread at up to
//  DISPATCH_LEVEL.  Releases the FCB for the owner pointer that
//  FatCommonWrite set.
//

NTSTATUS
FatAsyncWriteCompletion (
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_opt_ PVOID Contxt
    )
{
    PFAT_IO_CONTEXT Context = (PFAT_IO_CONTEXT)Contxt;
    PFCB Fcb = (PFCB)Context->FileObject->FsContext;

    UNREFERENCED_PARAMETER(DeviceObject);

    if (NT_SUCCESS(Irp->IoStatus.Status)) {
        Irp->IoStatus.Information = Context->RequestedByteCount;
        if (!FlagOn(Irp->Flags, IRP_PAGING_IO)) {
            Context->FileObject->CurrentByteOffset.QuadPart += Context->RequestedByteCount;
        }
    }

    ExReleaseResourceForThreadLite(Context->Resource, Context->ResourceThreadId);

    if (InterlockedDecrement((PLONG)&Fcb->NonPaged->OutstandingAsyncWrites) == 0) {
        KeSetEvent(Fcb->NonPaged->OutstandingAsyncEvent, IO_NO_INCREMENT, FALSE);
    }

    ExFreePoolWithTag(Context, TAG_FAT_IO_CONTEXT);

    return STATUS_CONTINUE_COMPLETION;
}

NTSTATUS
FatSyncCompletionRoutine (
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_opt_ PVOID Contxt
    )
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);

    KeSetEvent((PKEVENT)Contxt, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

//
//  Sends the write down and waits for it.  Called with the FCB held.
//

static NTSTATUS
FatWriteToDisk (
    IN PFCB Fcb,
    IN PIRP Irp,
    IN LONGLONG DiskOffset
    )
{
    KEVENT Event;
    PIO_STACK_LOCATION NextSp;

    KeInitializeEvent(&Event, NotificationEvent, FALSE);

    IoCopyCurrentIrpStackLocationToNext(Irp);
    NextSp = IoGetNextIrpStackLocation(Irp);
    NextSp->Parameters.Write.ByteOffset.QuadPart = DiskOffset;
    IoSetCompletionRoutine(Irp, FatSyncCompletionRoutine, &Event, TRUE, TRUE, TRUE);

    if (IoCallDriver(Fcb->Vcb->TargetDeviceObject, Irp) == STATUS_PENDING) {
        (VOID)KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
    }

    return Irp->IoStatus.Status;
}
