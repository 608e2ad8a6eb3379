//
//  toyfs.h - private definitions of the toy file system: one in-memory
//  volume whose files are kept in a list on the volume control block.
//

#ifndef _TOYFS_H_
#define _TOYFS_H_

#ifndef _Dispatch_type_
#define _Dispatch_type_(type)       // header sets older than the Windows 8 WDK
#endif

#define TOY_TAG                     'syoT'
#define TOY_MAX_FILE_SIZE           4096

//
//  Volume control block, in the device extension.  Resource protects the
//  file list, the counts and the flags.
//

#define TOY_VCB_LOCKED              0x00000001
#define TOY_VCB_DISMOUNTED          0x00000002

typedef struct _TOY_VCB {
    ERESOURCE Resource;
    LIST_ENTRY FcbList;
    ULONG OpenCount;
    ULONG Flags;
    PFILE_OBJECT LockFileObject;
} TOY_VCB, *PTOY_VCB;

//
//  File control block, one per file.  Resource protects size and data.
//

typedef struct _TOY_FCB {
    ERESOURCE Resource;
    LIST_ENTRY VcbLinks;
    PTOY_VCB Vcb;
    ULONG OpenCount;
    ULONG FileSize;
    UNICODE_STRING Name;            // its buffer follows the FCB
    UCHAR Data[TOY_MAX_FILE_SIZE];
} TOY_FCB, *PTOY_FCB;

#define ToyVcbFromDevice(D)         ((PTOY_VCB)(D)->DeviceExtension)
#define ToyFcbFromIrpSp(S)          ((PTOY_FCB)(S)->FileObject->FsContext)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ToyUnload;

_Dispatch_type_(IRP_MJ_CREATE)              DRIVER_DISPATCH ToyCreate;
_Dispatch_type_(IRP_MJ_CLOSE)               DRIVER_DISPATCH ToyClose;
_Dispatch_type_(IRP_MJ_READ)                DRIVER_DISPATCH ToyRead;
_Dispatch_type_(IRP_MJ_CLEANUP)             DRIVER_DISPATCH ToyCleanup;
_Dispatch_type_(IRP_MJ_FILE_SYSTEM_CONTROL) DRIVER_DISPATCH ToyFileSystemControl;

#endif // _TOYFS_H_
