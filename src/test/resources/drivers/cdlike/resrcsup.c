/*++

Module Name:

    ResrcSup.c

Abstract:

    The one routine through which the driver acquires its resources.

--*/

#include "CdProcs.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, CdAcquireResource)
#endif

_Requires_lock_held_(_Global_critical_region_)
_When_(Type == AcquireExclusive && return != FALSE, _Acquires_exclusive_lock_(*Resource))
_When_(Type != AcquireExclusive && return != FALSE, _Acquires_shared_lock_(*Resource))
BOOLEAN
CdAcquireResource (
    _In_ PIRP_CONTEXT IrpContext,
    _Inout_ PERESOURCE Resource,
    _In_ BOOLEAN IgnoreWait,
    _In_ TYPE_OF_ACQUIRE Type
    )
/*++

Routine Description:

    Acquires Resource in the mode Type says.

Arguments:

    IgnoreWait - TRUE to try once without waiting even if the request may
        wait; FALSE to wait exactly when the IRP context allows it.

Return Value:

    TRUE if the resource was acquired, FALSE otherwise.

--*/
{
    BOOLEAN Wait = FALSE;
    BOOLEAN Acquired;

    PAGED_CODE();

    if (!IgnoreWait && FlagOn(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT)) {
        Wait = TRUE;
    }

    switch (Type) {

    case AcquireExclusive:
        Acquired = ExAcquireResourceExclusiveLite(Resource, Wait);
        break;

    case AcquireShared:
        Acquired = ExAcquireResourceSharedLite(Resource, Wait);
        break;

    case AcquireSharedStarveExclusive:
        Acquired = ExAcquireSharedStarveExclusive(Resource, Wait);
        break;

    default:
        Acquired = FALSE;
        NT_ASSERT(FALSE);
        break;
    }

    if (!Acquired && !IgnoreWait) {
        CdRaiseStatus(IrpContext, STATUS_CANT_WAIT);
    }

    return Acquired;
}
