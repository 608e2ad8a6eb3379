/*++

Module Name:

    StrucSup.c

Abstract:

    IRP contexts, request completion and posting to the file system process
    (FSP), FCB lookup and volume teardown.

--*/

#include "FatProcs.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFspDispatch)
#pragma alloc_text(PAGE, FatFindFcb)
#pragma alloc_text(PAGE, FatCheckForDismount)
#endif

PIRP_CONTEXT
FatCreateIrpContext (
    IN PIRP Irp,
    IN BOOLEAN Wait
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PIRP_CONTEXT IrpContext;

    IrpContext = ExAllocatePoolWithTag(NonPagedPool, sizeof(IRP_CONTEXT), TAG_IRP_CONTEXT);
    if (IrpContext == NULL) {
        return NULL;
    }

    RtlZeroMemory(IrpContext, sizeof(IRP_CONTEXT));
    IrpContext->NodeTypeCode = FAT_NTC_IRP_CONTEXT;
    IrpContext->NodeByteSize = sizeof(IRP_CONTEXT);
    IrpContext->OriginatingIrp = Irp;
    IrpContext->MajorFunction = IrpSp->MajorFunction;
    IrpContext->MinorFunction = IrpSp->MinorFunction;
    IrpContext->RealDevice = IrpSp->DeviceObject;

    if (!FatDeviceIsFatFsdo(IrpSp->DeviceObject)) {
        IrpContext->Vcb = FatVcbFromVdo((PVOLUME_DEVICE_OBJECT)IrpSp->DeviceObject);
    }
    if (Wait) {
        SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT);
    }
    if (IoGetCurrentIrpStackLocation(Irp)->FileObject != NULL &&
        FlagOn(IrpSp->FileObject->Flags, FO_WRITE_THROUGH)) {
        SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WRITE_THROUGH);
    }
    return IrpContext;
}

VOID
FatDeleteIrpContext (
    IN PIRP_CONTEXT IrpContext
    )
{
    ASSERT(IrpContext->NodeTypeCode == FAT_NTC_IRP_CONTEXT);
    ExFreePoolWithTag(IrpContext, TAG_IRP_CONTEXT);
}

VOID
FatCompleteRequest (
    IN PIRP_CONTEXT IrpContext OPTIONAL,
    IN PIRP Irp OPTIONAL,
    IN NTSTATUS Status
    )
{
    if (Irp != NULL) {
        if (NT_ERROR(Status) && FlagOn(Irp->Flags, IRP_INPUT_OPERATION)) {
            Irp->IoStatus.Information = 0;
        }
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_DISK_INCREMENT);
    }
    if (IrpContext != NULL) {
        FatDeleteIrpContext(IrpContext);
    }
}

//
//  Queue a request that could not wait to the FSP, which runs it again
//  with IRP_CONTEXT_FLAG_WAIT set.
//

NTSTATUS
FatFsdPostRequest (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    )
{
    PVOLUME_DEVICE_OBJECT Vdo = CONTAINING_RECORD(IrpContext->Vcb, VOLUME_DEVICE_OBJECT, Vcb);

    IoMarkIrpPending(Irp);
    InterlockedIncrement((PLONG)&Vdo->PostedRequestCount);

    ExInitializeWorkItem(&IrpContext->WorkQueueItem, FatFspDispatch, IrpContext);
    ExQueueWorkItem(&IrpContext->WorkQueueItem, CriticalWorkQueue);

    return STATUS_PENDING;
}

VOID
FatFspDispatch (
    _In_ PVOID Context
    )
{
    PIRP_CONTEXT IrpContext = (PIRP_CONTEXT)Context;
    PIRP Irp = IrpContext->OriginatingIrp;
    PVOLUME_DEVICE_OBJECT Vdo = CONTAINING_RECORD(IrpContext->Vcb, VOLUME_DEVICE_OBJECT, Vcb);

    PAGED_CODE();

    SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT | IRP_CONTEXT_FLAG_IN_FSP);

    FsRtlEnterFileSystem();

    switch (IrpContext->MajorFunction) {

    case IRP_MJ_CREATE:
        (VOID)FatCommonCreate(IrpContext, Irp);
        break;

    case IRP_MJ_WRITE:
        (VOID)FatCommonWrite(IrpContext, Irp);
        break;

    default:
        FatCompleteRequest(IrpContext, Irp, STATUS_INVALID_DEVICE_REQUEST);
        break;
    }

    FsRtlExitFileSystem();

    InterlockedDecrement((PLONG)&Vdo->PostedRequestCount);
}

//
//  Called with the VCB held.
//

PFCB
FatFindFcb (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb,
    IN PUNICODE_STRING Name
    )
{
    PLIST_ENTRY Links;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(IrpContext);

    for (Links = Vcb->FcbList.Flink; Links != &Vcb->FcbList; Links = Links->Flink) {
        PFCB Fcb = CONTAINING_RECORD(Links, FCB, VcbLinks);
        if (RtlEqualUnicodeString(&Fcb->FullFileName, Name, TRUE)) {
            return Fcb;
        }
    }
    return NULL;
}

_Requires_lock_held_(Vcb->Resource)
_When_(return != FALSE, _Releases_lock_(Vcb->Resource))
BOOLEAN
FatCheckForDismount (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    )
/*++

Routine Description:

    Tears the volume down if a dismount is in progress and no file is open
    on it any more.  Called with the VCB and the global resource held.

Return Value:

    TRUE if the volume is gone.  The VCB resource has then been released
    here; the caller must not touch the VCB again.  FALSE if the volume
    stays, with the VCB still held.

--*/
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(IrpContext);

    if (Vcb->OpenFileCount != 0 ||
        !FlagOn(Vcb->VcbState, VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS)) {
        return FALSE;
    }

    RemoveEntryList(&Vcb->VcbLinks);
    Vcb->Vpb->DeviceObject = NULL;
    ExReleaseResourceLite(&Vcb->Resource);
    return TRUE;
}
