/*++

Module Name:

    mirrorvol.h

Abstract:

    A legacy driver that mirrors a volume over two member disks.  Each
    member has its own resource; the configuration and the statistics have
    one each.

--*/

#ifndef _MIRRORVOL_H_
#define _MIRRORVOL_H_

#include <ntddk.h>
#include "..\common\defs.h"

#define MIRROR_TAG                  'rriM'
#define MIRROR_MEMBER_COUNT         2

typedef enum _MIRROR_MEMBER_STATE {
    MirrorMemberOnline,
    MirrorMemberOffline,
    MirrorMemberFailed
} MIRROR_MEMBER_STATE;

typedef struct _MIRROR_MEMBER {
    ERESOURCE Resource;                 // Target, TargetFile, State
    PDEVICE_OBJECT Target;
    PFILE_OBJECT TargetFile;
    MIRROR_MEMBER_STATE State;
    ULONG Errors;
} MIRROR_MEMBER, *PMIRROR_MEMBER;

typedef struct _MIRROR_STATS {
    ULONGLONG Reads;
    ULONGLONG Writes;
    ULONGLONG Errors;
} MIRROR_STATS, *PMIRROR_STATS;

#define MIRROR_FLAG_RESYNCING       0x00000001
#define MIRROR_FLAG_BROKEN          0x00000002
#define MIRROR_FLAG_STATS_FROZEN    0x00000004

//
//  ConfigResource protects Flags, Generation and PreferredMember;
//  StatsResource protects Stats.
//

typedef struct _MIRROR_EXTENSION {
    MIRROR_MEMBER Members[MIRROR_MEMBER_COUNT];
    ERESOURCE ConfigResource;
    ERESOURCE StatsResource;
    ULONG Flags;
    ULONG Generation;
    ULONG PreferredMember;
    MIRROR_STATS Stats;
} MIRROR_EXTENSION, *PMIRROR_EXTENSION;

typedef struct _MIRROR_CONFIG {
    ULONG Flags;
    ULONG Generation;
    ULONG PreferredMember;
} MIRROR_CONFIG, *PMIRROR_CONFIG;

#define MIRROR_REQUEST_WAIT         0x00000001

typedef struct _MIRROR_SET_PREFERRED {
    ULONG Flags;
    ULONG Member;
} MIRROR_SET_PREFERRED, *PMIRROR_SET_PREFERRED;

#define MIRROR_IOCTL(n, a)          CTL_CODE(FILE_DEVICE_DISK, 0x900 + (n), METHOD_BUFFERED, (a))

#define IOCTL_MIRROR_QUERY_CONFIG   MIRROR_IOCTL(0, FILE_READ_ACCESS)
#define IOCTL_MIRROR_SET_PREFERRED  MIRROR_IOCTL(1, FILE_WRITE_ACCESS)
#define IOCTL_MIRROR_SWAP_MEMBERS   MIRROR_IOCTL(2, FILE_WRITE_ACCESS)
#define IOCTL_MIRROR_TAKE_OFFLINE   MIRROR_IOCTL(3, FILE_WRITE_ACCESS)
#define IOCTL_MIRROR_BREAK          MIRROR_IOCTL(4, FILE_WRITE_ACCESS)
#define IOCTL_MIRROR_RESYNC         MIRROR_IOCTL(5, FILE_WRITE_ACCESS)
#define IOCTL_MIRROR_PING           MIRROR_IOCTL(6, FILE_ANY_ACCESS)
#define IOCTL_MIRROR_QUERY_STATS    MIRROR_IOCTL(7, FILE_READ_ACCESS)

#define IOCTL_MIRROR_FREEZE_STATS   MIRROR_IOCTL(0x20, FILE_ANY_ACCESS)
#define IOCTL_MIRROR_THAW_STATS     MIRROR_IOCTL(0x21, FILE_ANY_ACCESS)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MirrorUnload;

__drv_dispatchType(IRP_MJ_CREATE)
__drv_dispatchType(IRP_MJ_CLOSE)
DRIVER_DISPATCH MirrorCreateClose;

__drv_dispatchType(IRP_MJ_READ)
DRIVER_DISPATCH MirrorRead;

__drv_dispatchType(IRP_MJ_WRITE)
DRIVER_DISPATCH MirrorWrite;

__drv_dispatchType(IRP_MJ_DEVICE_CONTROL)
DRIVER_DISPATCH MirrorDeviceControl;

__drv_dispatchType(IRP_MJ_INTERNAL_DEVICE_CONTROL)
DRIVER_DISPATCH MirrorInternalControl;

#endif // _MIRRORVOL_H_
