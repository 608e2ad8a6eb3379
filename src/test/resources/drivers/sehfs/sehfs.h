/*++

Module Name:

    sehfs.h

Abstract:

    A small in-memory file system with a fixed set of files, used to show
    structured exception handling around executive resources:
    __try/__finally, __leave, return inside __try, __try/__except, and the
    try/finally/leave spellings with try_return.

--*/

#ifndef _SEHFS_H_
#define _SEHFS_H_

#include <ntifs.h>
#include "..\common\defs.h"

#define SEH_TAG                     'FheS'
#define SEH_MAX_FILES               8
#define SEH_MAX_FILE_SIZE           4096
#define SEH_MAX_EA_SIZE             256
#define SEH_MAX_LABEL               32

#define SEH_FCB_IN_USE              0x00000001
#define SEH_FCB_READ_ONLY           0x00000002
#define SEH_FCB_DIRECTORY           0x00000004

//
//  Resource protects everything in the FCB but the name.
//

typedef struct _SEH_FCB {
    ERESOURCE Resource;
    UNICODE_STRING Name;
    ULONG Flags;
    ULONG OpenCount;
    ULONG FileSize;
    ULONG EaSize;
    LARGE_INTEGER LastAccess;
    UCHAR Data[SEH_MAX_FILE_SIZE];
    UCHAR Ea[SEH_MAX_EA_SIZE];
} SEH_FCB, *PSEH_FCB;

//
//  Resource protects the label and the use of Files[].
//

typedef struct _SEH_VCB {
    ERESOURCE Resource;
    USHORT LabelLength;
    WCHAR Label[SEH_MAX_LABEL];
    SEH_FCB Files[SEH_MAX_FILES];
} SEH_VCB, *PSEH_VCB;

typedef struct _SEH_SNAPSHOT_HEADER {
    ULONG Length;
    UCHAR Data[1];
} SEH_SNAPSHOT_HEADER, *PSEH_SNAPSHOT_HEADER;

#define FSCTL_SEHFS_SNAPSHOT \
    CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 0x810, METHOD_BUFFERED, FILE_READ_ACCESS)

#define SehVcb(D)                   ((PSEH_VCB)(D)->DeviceExtension)
#define SehFcb(S)                   ((PSEH_FCB)(S)->FileObject->FsContext)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SehUnload;

_Dispatch_type_(IRP_MJ_CREATE)                  DRIVER_DISPATCH SehCreate;
_Dispatch_type_(IRP_MJ_CLOSE)                   DRIVER_DISPATCH SehClose;
_Dispatch_type_(IRP_MJ_READ)                    DRIVER_DISPATCH SehRead;
_Dispatch_type_(IRP_MJ_WRITE)                   DRIVER_DISPATCH SehWrite;
_Dispatch_type_(IRP_MJ_QUERY_EA)                DRIVER_DISPATCH SehQueryEa;
_Dispatch_type_(IRP_MJ_SET_INFORMATION)         DRIVER_DISPATCH SehSetInformation;
_Dispatch_type_(IRP_MJ_SET_VOLUME_INFORMATION)  DRIVER_DISPATCH SehSetVolumeInformation;
_Dispatch_type_(IRP_MJ_FILE_SYSTEM_CONTROL)     DRIVER_DISPATCH SehFileSystemControl;

#endif // _SEHFS_H_
