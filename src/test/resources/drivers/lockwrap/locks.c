/*++

Module Name:

    locks.c

Abstract:

    Wrapper functions around the device lock and the configuration lock.

    A defect that happens inside a wrapper is reported here, on the DDI
    call, whichever routine called the wrapper.  Two of the callers in
    dispatch.c misuse the device-lock wrappers once each; the expectations
    are on the two lines below.

--*/

#include "lockwrap.h"

#pragma alloc_text(PAGE, LwAcquireDevice)
#pragma alloc_text(PAGE, LwLockConfigLegacy)
#pragma alloc_text(PAGE, LwUnlockConfigLegacy)

_IRQL_requires_max_(APC_LEVEL)
_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_exclusive_lock_(Ext->DeviceLock))
BOOLEAN
LwAcquireDevice(
    _Inout_ PLW_EXTENSION Ext,
    _In_ BOOLEAN Wait
    )
{
    PERESOURCE Lock = &Ext->DeviceLock;

    PAGED_CODE();

    //
    //  Defect (acquire-while-held), reported on this line: LwFlushBuffers
    //  (dispatch.c) locks the device a second time through LwLockDevice.
    //

    return ExAcquireResourceExclusiveLite(Lock, Wait);  // expect: ExclusiveResourceAccess acquire-while-held
}

_IRQL_requires_max_(DISPATCH_LEVEL)
_Releases_lock_(Ext->DeviceLock)
VOID
LwReleaseDevice(
    _Inout_ PLW_EXTENSION Ext
    )
{
    //
    //  Defect (release-not-held), reported on this line: LwCleanup
    //  (dispatch.c) unlocks after a try-lock whose result it ignored.
    //

    ExReleaseResourceLite(&Ext->DeviceLock);    // expect: ExclusiveResourceAccess release-not-held
}

__drv_maxIRQL(APC_LEVEL)
__drv_acquiresExclResource(ExResourceType)
VOID
LwLockConfigLegacy(
    __inout PLW_EXTENSION Ext
    )
{
    PAGED_CODE();

    KeEnterCriticalRegion();
    (VOID)ExAcquireResourceExclusiveLite(&Ext->ConfigLock, TRUE);
}

__drv_maxIRQL(APC_LEVEL)
__drv_releasesExclResource(ExResourceType)
VOID
LwUnlockConfigLegacy(
    __inout PLW_EXTENSION Ext
    )
{
    PAGED_CODE();

    ExReleaseResourceLite(&Ext->ConfigLock);
    KeLeaveCriticalRegion();
}
