/*++

Module Name:

    budget.h

Abstract:

    Definitions of the budget-buster test driver: 40 stages and a grid of
    cells, each with its own executive resource.

--*/

#ifndef _BUDGET_H_
#define _BUDGET_H_

#include <ntddk.h>
#include "..\common\defs.h"

#define BB_STAGE_COUNT              40
#define BB_STAGE(n)                 ((ULONGLONG)1 << (n))
#define BB_ROWS                     8
#define BB_COLUMNS                  8
#define BB_PASSES                   4

#define BB_CELL_DIRTY               0x00000001
#define BB_CELL_FINAL               0x00000002

typedef struct _BB_STAGE {
    ERESOURCE Resource;
    ULONG Generation;
} BB_STAGE, *PBB_STAGE;

typedef struct _BB_CELL {
    ERESOURCE Resource;
    ULONG Flags;
    ULONG Value;
} BB_CELL, *PBB_CELL;

typedef struct _BB_EXTENSION {
    BB_STAGE Stages[BB_STAGE_COUNT];
    BB_CELL Grid[BB_ROWS][BB_COLUMNS];
} BB_EXTENSION, *PBB_EXTENSION;

typedef struct _BB_REQUEST {
    unsigned __int64 StageMask;
} BB_REQUEST, *PBB_REQUEST;

#define IOCTL_BB_APPLY      CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_BB_REFRESH    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA01, METHOD_BUFFERED, FILE_WRITE_ACCESS)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD BbUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH BbCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH BbDeviceControl;

#endif // _BUDGET_H_
