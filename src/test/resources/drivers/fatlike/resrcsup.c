/*++

Module Name:

    ResrcSup.c

Abstract:

    Acquire routines for the VCB and FCB resources, and the callbacks that
    the cache manager and section creation use to take an FCB.

--*/

#include "FatProcs.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatAcquireExclusiveVcb)
#pragma alloc_text(PAGE, FatAcquireSharedVcb)
#pragma alloc_text(PAGE, FatAcquireExclusiveFcb)
#pragma alloc_text(PAGE, FatAcquireSharedFcb)
#pragma alloc_text(PAGE, FatAcquireForCreateSection)
#pragma alloc_text(PAGE, FatReleaseForCreateSection)
#endif

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_exclusive_lock_(Vcb->Resource))
BOOLEAN
FatAcquireExclusiveVcb (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    )
/*++

Routine Description:

    Acquires the VCB exclusive, waiting only if the request may wait.

Return Value:

    TRUE if acquired, FALSE if the request would have had to wait.

--*/
{
    PAGED_CODE();

    if (ExAcquireResourceExclusiveLite(&Vcb->Resource,
                                       BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT))) {
        return TRUE;
    }
    return FALSE;
}

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_shared_lock_(Vcb->Resource))
BOOLEAN
FatAcquireSharedVcb (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    )
{
    PAGED_CODE();

    return ExAcquireResourceSharedLite(&Vcb->Resource,
                                       BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT));
}

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_exclusive_lock_(*Fcb->Header.Resource))
BOOLEAN
FatAcquireExclusiveFcb (
    IN PIRP_CONTEXT IrpContext,
    IN PFCB Fcb
    )
/*++

Routine Description:

    Acquires the FCB exclusive, waiting only if the request may wait.  A
    write that may wait first lets the asynchronous writes in flight on the
    file drain: it drops the resource, waits, and tries again.

--*/
{
    PAGED_CODE();

RetryFcbExclusive:

    if (ExAcquireResourceExclusiveLite(Fcb->Header.Resource,
                                       BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT))) {

        if (Fcb->NonPaged->OutstandingAsyncWrites != 0 &&
            IrpContext->MajorFunction == IRP_MJ_WRITE &&
            FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)) {

            ExReleaseResourceLite(Fcb->Header.Resource);
            (VOID)KeWaitForSingleObject(Fcb->NonPaged->OutstandingAsyncEvent,
                                        Executive, KernelMode, FALSE, NULL);
            goto RetryFcbExclusive;
        }

        return TRUE;
    }

    return FALSE;
}

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_shared_lock_(*Fcb->Header.Resource))
BOOLEAN
FatAcquireSharedFcb (
    IN PIRP_CONTEXT IrpContext,
    IN PFCB Fcb
    )
{
    PAGED_CODE();

    if (ExAcquireSharedStarveExclusive(Fcb->Header.Resource,
                                       BooleanFlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT))) {
        return TRUE;
    }
    return FALSE;
}

//
//  Cache manager callbacks.  The lazy writer and read-ahead threads call
//  Acquire, do their I/O, and call Release later: these routines return
//  holding the resource on purpose.
//

BOOLEAN
NTAPI
FatAcquireFcbForLazyWrite (
    IN PVOID Fcb,
    IN BOOLEAN Wait
    )
{
    if (!ExAcquireResourceExclusiveLite(((PFCB)Fcb)->Header.PagingIoResource, Wait)) {
        return FALSE;
    }

    //
    //  Recursive paging writes from this thread must not wait for us.
    //

    IoSetTopLevelIrp((PIRP)FSRTL_CACHE_TOP_LEVEL_IRP);
    return TRUE;
}

VOID
NTAPI
FatReleaseFcbFromLazyWrite (
    IN PVOID Fcb
    )
{
    IoSetTopLevelIrp(NULL);
    ExReleaseResourceLite(((PFCB)Fcb)->Header.PagingIoResource);
}

BOOLEAN
NTAPI
FatAcquireFcbForReadAhead (
    IN PVOID Fcb,
    IN BOOLEAN Wait
    )
{
    if (!ExAcquireResourceSharedLite(((PFCB)Fcb)->Header.Resource, Wait)) {
        return FALSE;
    }
    IoSetTopLevelIrp((PIRP)FSRTL_CACHE_TOP_LEVEL_IRP);
    return TRUE;
}

VOID
NTAPI
FatReleaseFcbFromReadAhead (
    IN PVOID Fcb
    )
{
    IoSetTopLevelIrp(NULL);
    ExReleaseResourceLite(((PFCB)Fcb)->Header.Resource);
}

//
//  Section creation holds the file exclusive from the Acquire callback to
//  the Release callback.
//

VOID
NTAPI
FatAcquireForCreateSection (
    IN PFILE_OBJECT FileObject
    )
{
    PFCB Fcb = (PFCB)FileObject->FsContext;

    PAGED_CODE();

    (VOID)ExAcquireResourceExclusiveLite(Fcb->Header.Resource, TRUE);
}

VOID
NTAPI
FatReleaseForCreateSection (
    IN PFILE_OBJECT FileObject
    )
{
    PFCB Fcb = (PFCB)FileObject->FsContext;

    PAGED_CODE();

    ExReleaseResourceLite(Fcb->Header.Resource);
}
