/*++

Module Name:

    LockWrap.h

Abstract:

    A legacy driver that keeps a small key/value table for its clients.
    Each of its four resources is reached through a different kind of
    wrapper, as drivers tend to do:

      DeviceLock  wrapper functions with SAL lock annotations (locks.c),
                  and macros that expand to calls of them;
      StatsLock   FORCEINLINE functions in this header;
      ConfigLock  multi-statement do { } while (0) macros, and wrapper
                  functions with the older __drv_ annotations (locks.c);
      Table       plain macros around the DDI.

--*/

#ifndef _LOCKWRAP_H_
#define _LOCKWRAP_H_

#include <wdm.h>
#include "..\common\defs.h"

#pragma warning(disable: 4127)          // conditional expression is constant

#define LW_TAG                      'pWkL'
#define LW_TABLE_SIZE               32

typedef struct _LW_ENTRY {
    ULONG Key;
    ULONG Value;
    BOOLEAN InUse;
} LW_ENTRY, *PLW_ENTRY;

typedef struct _LW_TABLE {
    ERESOURCE Resource;
    ULONG Count;
    LW_ENTRY Entries[LW_TABLE_SIZE];
} LW_TABLE, *PLW_TABLE;

#define LW_FLAG_CONFIG_BUSY         0x00000001
#define LW_FLAG_SHUTDOWN            0x00000002

typedef struct _LW_EXTENSION {
    ERESOURCE DeviceLock;               // Flags, OpenCount
    ERESOURCE StatsLock;                // Lookups, Updates
    ERESOURCE ConfigLock;               // ConfigVersion, DefaultValue
    LW_TABLE Table;
    ULONG Flags;
    ULONG OpenCount;
    ULONG ConfigVersion;
    ULONG DefaultValue;
    ULONGLONG Lookups;
    ULONGLONG Updates;
} LW_EXTENSION, *PLW_EXTENSION;

typedef struct _LW_REQUEST {
    ULONG Key;
    ULONG Value;
} LW_REQUEST, *PLW_REQUEST;

#define LW_IOCTL(n, a)              CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC00 + (n), METHOD_BUFFERED, (a))

#define IOCTL_LW_LOOKUP             LW_IOCTL(0, FILE_READ_ACCESS)
#define IOCTL_LW_REMOVE             LW_IOCTL(1, FILE_WRITE_ACCESS)
#define IOCTL_LW_SET_DEFAULT        LW_IOCTL(2, FILE_WRITE_ACCESS)
#define IOCTL_LW_RESET              LW_IOCTL(3, FILE_WRITE_ACCESS)
#define IOCTL_LW_COMPACT            LW_IOCTL(4, FILE_WRITE_ACCESS)

//
//  The table: plain macros, the DDI appears at the call site.
//

#define LW_LOCK_TABLE(Ext)          ExAcquireResourceExclusiveLite(&(Ext)->Table.Resource, TRUE)
#define LW_LOCK_TABLE_SHARED(Ext)   ExAcquireResourceSharedLite(&(Ext)->Table.Resource, TRUE)
#define LW_UNLOCK_TABLE(Ext)        ExReleaseResourceLite(&(Ext)->Table.Resource)

//
//  The configuration: multi-statement macros.
//

#define LW_ENTER_CONFIG(Ext)                                            \
    do {                                                                \
        KeEnterCriticalRegion();                                        \
        (VOID)ExAcquireResourceExclusiveLite(&(Ext)->ConfigLock, TRUE); \
        SetFlag((Ext)->Flags, LW_FLAG_CONFIG_BUSY);                     \
    } while (0)

#define LW_LEAVE_CONFIG(Ext)                                            \
    do {                                                                \
        ClearFlag((Ext)->Flags, LW_FLAG_CONFIG_BUSY);                   \
        ExReleaseResourceLite(&(Ext)->ConfigLock);                      \
        KeLeaveCriticalRegion();                                        \
    } while (0)

//
//  The device lock: wrapper functions (locks.c) ...
//

_IRQL_requires_max_(APC_LEVEL)
_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_exclusive_lock_(Ext->DeviceLock))
BOOLEAN
LwAcquireDevice(
    _Inout_ PLW_EXTENSION Ext,
    _In_ BOOLEAN Wait
    );

_IRQL_requires_max_(DISPATCH_LEVEL)
_Releases_lock_(Ext->DeviceLock)
VOID
LwReleaseDevice(
    _Inout_ PLW_EXTENSION Ext
    );

//
//  ... and macros that expand to calls of them.
//

#define LwLockDevice(Ext)           LwAcquireDevice((Ext), TRUE)
#define LwTryLockDevice(Ext)        LwAcquireDevice((Ext), FALSE)
#define LwUnlockDevice(Ext)         LwReleaseDevice(Ext)

//
//  The configuration again, through wrappers with the older annotations
//  (locks.c).
//

__drv_maxIRQL(APC_LEVEL)
__drv_acquiresExclResource(ExResourceType)
VOID
LwLockConfigLegacy(
    __inout PLW_EXTENSION Ext
    );

__drv_maxIRQL(APC_LEVEL)
__drv_releasesExclResource(ExResourceType)
VOID
LwUnlockConfigLegacy(
    __inout PLW_EXTENSION Ext
    );

//
//  The statistics: inline wrappers.
//

_IRQL_requires_max_(APC_LEVEL)
_Acquires_exclusive_lock_(Ext->StatsLock)
FORCEINLINE
VOID
LwLockStats(
    _Inout_ PLW_EXTENSION Ext
    )
{
    KeEnterCriticalRegion();
    (VOID)ExAcquireResourceExclusiveLite(&Ext->StatsLock, TRUE);
}

_IRQL_requires_max_(APC_LEVEL)
_Releases_lock_(Ext->StatsLock)
FORCEINLINE
VOID
LwUnlockStats(
    _Inout_ PLW_EXTENSION Ext
    )
{
    ExReleaseResourceLite(&Ext->StatsLock);
    KeLeaveCriticalRegion();
}

static __inline
VOID
LwCountLookup(
    _Inout_ PLW_EXTENSION Ext
    )
{
    LwLockStats(Ext);
    Ext->Lookups += 1;
    LwUnlockStats(Ext);
}

#endif // _LOCKWRAP_H_
