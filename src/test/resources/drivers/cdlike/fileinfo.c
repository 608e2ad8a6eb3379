/*++

Module Name:

    FileInfo.c

Abstract:

    Query and set file information, and byte-range locks.

    Two deliberate defects, both through the CdAcquireXxx macros, which
    expand to calls of CdAcquireResource (resrcsup.c):
      - CdCommonSetInfo drops the result of a non-blocking try and then
        releases (release-not-held when the try fails);
      - CdCommonLockControl returns on an error path holding the FCB
        (held-at-exit, reported where CdFsdDispatch returns).

--*/

#include "CdProcs.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, CdCommonQueryInfo)
#pragma alloc_text(PAGE, CdCommonSetInfo)
#pragma alloc_text(PAGE, CdCommonLockControl)
#endif

NTSTATUS
CdCommonQueryInfo (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFCB Fcb = (PFCB)IrpSp->FileObject->FsContext;
    ULONG Length = IrpSp->Parameters.QueryFile.Length;
    PVOID Buffer = Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    if (Fcb == NULL) {
        CdCompleteRequest(IrpContext, Irp, STATUS_INVALID_PARAMETER);
        return STATUS_INVALID_PARAMETER;
    }

    if (!CdAcquireFileShared(IrpContext, Fcb)) {
        return STATUS_CANT_WAIT;
    }

    switch (IrpSp->Parameters.QueryFile.FileInformationClass) {

    case FileBasicInformation:
        if (Length < sizeof(FILE_BASIC_INFORMATION)) {
            Status = STATUS_BUFFER_TOO_SMALL;
        } else {
            PFILE_BASIC_INFORMATION Basic = (PFILE_BASIC_INFORMATION)Buffer;
            RtlZeroMemory(Basic, sizeof(FILE_BASIC_INFORMATION));
            Basic->CreationTime = Fcb->CreationTime;
            Basic->LastWriteTime = Fcb->CreationTime;
            Basic->FileAttributes = Fcb->FileAttributes | FILE_ATTRIBUTE_READONLY;
            Irp->IoStatus.Information = sizeof(FILE_BASIC_INFORMATION);
        }
        break;

    case FileStandardInformation:
        if (Length < sizeof(FILE_STANDARD_INFORMATION)) {
            Status = STATUS_BUFFER_TOO_SMALL;
        } else {
            PFILE_STANDARD_INFORMATION Standard = (PFILE_STANDARD_INFORMATION)Buffer;
            RtlZeroMemory(Standard, sizeof(FILE_STANDARD_INFORMATION));
            Standard->AllocationSize = Fcb->Header.AllocationSize;
            Standard->EndOfFile = Fcb->Header.FileSize;
            Standard->NumberOfLinks = 1;
            Irp->IoStatus.Information = sizeof(FILE_STANDARD_INFORMATION);
        }
        break;

    default:
        Status = STATUS_INVALID_PARAMETER;
        break;
    }

    CdReleaseFile(IrpContext, Fcb);

    CdCompleteRequest(IrpContext, Irp, Status);
    return Status;
}

NTSTATUS
CdCommonSetInfo (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFILE_OBJECT FileObject = IrpSp->FileObject;
    PFCB Fcb = (PFCB)FileObject->FsContext;
    PFILE_POSITION_INFORMATION Position = (PFILE_POSITION_INFORMATION)Irp->AssociatedIrp.SystemBuffer;

    PAGED_CODE();

    //
    //  A read-only volume: only the current position can be set.
    //

    if (Fcb == NULL ||
        IrpSp->Parameters.SetFile.FileInformationClass != FilePositionInformation ||
        IrpSp->Parameters.SetFile.Length < sizeof(FILE_POSITION_INFORMATION)) {
        CdCompleteRequest(IrpContext, Irp, STATUS_INVALID_PARAMETER);
        return STATUS_INVALID_PARAMETER;
    }

    //
    //  Defect (release-not-held, through a macro that calls a wrapper): with
    //  IgnoreWait TRUE this is one try without waiting, and its result is
    //  dropped.  When the try fails, the release below has nothing to release.
    //

    CdAcquireFcbExclusive(IrpContext, Fcb, TRUE);
    FileObject->CurrentByteOffset = Position->CurrentByteOffset;
    CdReleaseFcb(IrpContext, Fcb);          // expect: ExclusiveResourceAccess release-not-held

    CdCompleteRequest(IrpContext, Irp, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

NTSTATUS
CdCommonLockControl (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp
    )
{
    PFCB Fcb = (PFCB)IoGetCurrentIrpStackLocation(Irp)->FileObject->FsContext;
    NTSTATUS Status;

    PAGED_CODE();

    if (Fcb == NULL) {
        CdCompleteRequest(IrpContext, Irp, STATUS_INVALID_PARAMETER);
        return STATUS_INVALID_PARAMETER;
    }

    if (!CdAcquireFcbExclusive(IrpContext, Fcb, FALSE)) {
        return STATUS_CANT_WAIT;
    }

    //
    //  The file lock is created on first use.
    //

    if (Fcb->FileLock == NULL) {
        Fcb->FileLock = FsRtlAllocateFileLock(NULL, NULL);
        if (Fcb->FileLock == NULL) {

            //
            //  Defect (held-at-exit, through a macro that calls a wrapper):
            //  this error path keeps the FCB resource.  The rule reports it
            //  at the return of CdFsdDispatch (cddata.c).
            //

            CdCompleteRequest(IrpContext, Irp, STATUS_INSUFFICIENT_RESOURCES);
            return STATUS_INSUFFICIENT_RESOURCES;
        }
    }

    CdReleaseFcb(IrpContext, Fcb);

    //
    //  FsRtlProcessFileLock completes the IRP.
    //

    Status = FsRtlProcessFileLock(Fcb->FileLock, Irp, NULL);
    CdCompleteRequest(IrpContext, NULL, Status);
    return Status;
}
