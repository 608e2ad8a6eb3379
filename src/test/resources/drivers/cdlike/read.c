/*++

Module Name:

    Read.c

Abstract:

    IRP_MJ_READ and IRP_MJ_FILE_SYSTEM_CONTROL.  No defect here.

    A read takes the file shared, starving exclusive waiters (when it may not
    wait and the file is busy, the acquire raises and the FSD posts the read).  Refreshing
    the path table takes the volume exclusive, rebuilds the table, and then
    converts its hold to shared while it counts the entries.

--*/

#include "CdProcs.h"

static NTSTATUS CdReadSectors (_In_ PVCB Vcb, _In_ ULONG Sector, _In_ ULONG Length, _Out_ PVOID Buffer);
static VOID CdRebuildPathTable (_Inout_ PVCB Vcb);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, CdCommonRead)
#pragma alloc_text(PAGE, CdCommonFsControl)
#pragma alloc_text(PAGE, CdReadSectors)
#pragma alloc_text(PAGE, CdRebuildPathTable)
#endif

NTSTATUS
CdCommonRead (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFCB Fcb = (PFCB)IrpSp->FileObject->FsContext;
    LONGLONG StartingOffset = IrpSp->Parameters.Read.ByteOffset.QuadPart;
    ULONG ByteCount = IrpSp->Parameters.Read.Length;
    NTSTATUS Status;

    PAGED_CODE();

    if (Fcb == NULL || Irp->MdlAddress == NULL) {
        CdCompleteRequest(IrpContext, Irp, STATUS_INVALID_DEVICE_REQUEST);
        return STATUS_INVALID_DEVICE_REQUEST;
    }

    //
    //  Returns holding the file, or raises STATUS_CANT_WAIT for the FSD to
    //  post the read: no result to check.
    //

    CdAcquireFileSharedStarveExclusive(IrpContext, Fcb);

    if (StartingOffset >= Fcb->Header.FileSize.QuadPart) {
        Status = STATUS_END_OF_FILE;
    } else {
        if (StartingOffset + ByteCount > Fcb->Header.FileSize.QuadPart) {
            ByteCount = (ULONG)(Fcb->Header.FileSize.QuadPart - StartingOffset);
        }
        Status = CdReadSectors(Fcb->Vcb,
                               Fcb->StartingSector + (ULONG)(StartingOffset / Fcb->Vcb->SectorSize),
                               ByteCount,
                               MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority));
        if (NT_SUCCESS(Status)) {
            Irp->IoStatus.Information = ByteCount;
        }
    }

    CdReleaseFile(IrpContext, Fcb);

    CdCompleteRequest(IrpContext, Irp, Status);
    return Status;
}

NTSTATUS
CdCommonFsControl (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PVCB Vcb = IrpContext->Vcb;
    ULONG Entries;

    PAGED_CODE();

    if (Vcb == NULL ||
        IrpSp->MinorFunction != IRP_MN_USER_FS_REQUEST ||
        IrpSp->Parameters.FileSystemControl.FsControlCode != FSCTL_CDLIKE_REFRESH_PATH_TABLE ||
        IrpSp->Parameters.FileSystemControl.OutputBufferLength < sizeof(ULONG)) {
        CdCompleteRequest(IrpContext, Irp, STATUS_INVALID_DEVICE_REQUEST);
        return STATUS_INVALID_DEVICE_REQUEST;
    }

    if (!CdAcquireVcbExclusive(IrpContext, Vcb, FALSE)) {
        return STATUS_CANT_WAIT;
    }

    CdRebuildPathTable(Vcb);

    //
    //  The table is consistent again: let readers in while we count.
    //

    ExConvertExclusiveToSharedLite(&Vcb->VcbResource);
    Entries = Vcb->PathTableEntries;
    CdReleaseVcb(IrpContext, Vcb);

    *(PULONG)Irp->AssociatedIrp.SystemBuffer = Entries;
    Irp->IoStatus.Information = sizeof(ULONG);
    CdCompleteRequest(IrpContext, Irp, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

static NTSTATUS
CdReadSectors (
    _In_ PVCB Vcb,
    _In_ ULONG Sector,
    _In_ ULONG Length,
    _Out_ PVOID Buffer
    )
{
    KEVENT Event;
    IO_STATUS_BLOCK Iosb;
    LARGE_INTEGER Offset;
    PIRP Irp;
    NTSTATUS Status;

    PAGED_CODE();

    if (Buffer == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    Offset.QuadPart = (LONGLONG)Sector * Vcb->SectorSize;
    KeInitializeEvent(&Event, NotificationEvent, FALSE);

    Irp = IoBuildSynchronousFsdRequest(IRP_MJ_READ, Vcb->TargetDeviceObject, Buffer, Length,
                                       &Offset, &Event, &Iosb);
    if (Irp == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    Status = IoCallDriver(Vcb->TargetDeviceObject, Irp);
    if (Status == STATUS_PENDING) {
        (VOID)KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
        Status = Iosb.Status;
    }
    return Status;
}

static VOID
CdRebuildPathTable (
    _Inout_ PVCB Vcb
    )
{
    PAGED_CODE();

    //
    //  The path table is re-read from the disc in the real thing.
    //

    Vcb->PathTableEntries = (Vcb->PathTable != NULL) ? Vcb->PathTableEntries : 0;
}
