/*++

Module Name:

    defs.h

Abstract:

    Definitions shared by several OpenSDV test drivers.  Drivers include it
    as "..\common\defs.h", after their WDK header.

    Only types, constants and macros live here: no function bodies, so a
    driver that includes this header calls no DDI that it does not call
    itself.

--*/

#ifndef _OSDV_COMMON_DEFS_H_
#define _OSDV_COMMON_DEFS_H_

//
//  Annotations that header sets older than the Windows 8 WDK lack.  With a
//  current WDK every one of these is already defined and left alone.
//

#ifndef _Dispatch_type_
#define _Dispatch_type_(type)
#endif

#ifndef __drv_acquiresExclResource
#define __drv_acquiresExclResource(kind)
#endif

#ifndef __drv_releasesExclResource
#define __drv_releasesExclResource(kind)
#endif

#ifndef __drv_mustHold
#define __drv_mustHold(kind)
#endif

#ifndef _IRQL_uses_cancel_
#define _IRQL_uses_cancel_
#endif

#ifndef _Requires_lock_not_held_
#define _Requires_lock_not_held_(lock)
#endif

//
//  Flag helpers.  ntifs.h has these; ntddk.h and wdm.h do not.
//

#ifndef FlagOn
#define FlagOn(_F, _SF)             ((_F) & (_SF))
#endif

#ifndef BooleanFlagOn
#define BooleanFlagOn(F, SF)        ((BOOLEAN)(((F) & (SF)) != 0))
#endif

#ifndef SetFlag
#define SetFlag(_F, _SF)            ((_F) |= (_SF))
#endif

#ifndef ClearFlag
#define ClearFlag(_F, _SF)          ((_F) &= ~(_SF))
#endif

//
//  Early exit from a try body.  The body ends with "try_exit: NOTHING;" and
//  the finally clause does the cleanup.
//

#define try_return(S)               { S; goto try_exit; }

//
//  An owner pointer handed to ExSetResourceOwnerPointer must have its two
//  low bits set, so that it can never be mistaken for a thread.  The same
//  value, as an ERESOURCE_THREAD, releases the resource later.
//

#define OSDV_RESOURCE_OWNER(p)      ((PVOID)((ULONG_PTR)(p) | 0x3))
#define OSDV_RESOURCE_THREAD(p)     ((ERESOURCE_THREAD)((ULONG_PTR)(p) | 0x3))

#define OSDV_LIST_IS_EMPTY(l)       ((l)->Flink == (l))

//
//  A critical region and an exclusive acquire as one statement, and the
//  reverse.  An executive resource is acquired at PASSIVE_LEVEL only inside
//  a critical region.
//

#define OSDV_ACQUIRE_EXCLUSIVE_CRITICAL(Res)                    \
    do {                                                        \
        KeEnterCriticalRegion();                                \
        (VOID)ExAcquireResourceExclusiveLite((Res), TRUE);      \
    } while (0)

#define OSDV_ACQUIRE_SHARED_CRITICAL(Res)                       \
    do {                                                        \
        KeEnterCriticalRegion();                                \
        (VOID)ExAcquireResourceSharedLite((Res), TRUE);         \
    } while (0)

#define OSDV_RELEASE_CRITICAL(Res)                              \
    do {                                                        \
        ExReleaseResourceLite(Res);                             \
        KeLeaveCriticalRegion();                                \
    } while (0)

#endif // _OSDV_COMMON_DEFS_H_
