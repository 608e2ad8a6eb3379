/*++

Module Name:

    raisefs.h

Abstract:

    A small file system that reports errors by raising them, as FAT and
    CDFS do: the common routines call a raise helper that never returns,
    and each FSD entry point catches the exception in its __except and
    completes the request with the exception's status.

--*/

#ifndef _RAISEFS_H_
#define _RAISEFS_H_

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _RF_VCB {
    ERESOURCE Resource;                 // the volume: mount state and its files
    ULONG Flags;
    BOOLEAN Dismounted;
} RF_VCB, *PRF_VCB;

#define RF_VCB_CORRUPT          0x0001

typedef struct _RF_FCB {
    ERESOURCE Resource;                 // the file's size and allocation
    PRF_VCB Vcb;
    ULONG FileSize;
    ULONG Allocation;
} RF_FCB, *PRF_FCB;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD RfUnload;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH RfFsdRead;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH RfFsdWrite;
_Dispatch_type_(IRP_MJ_QUERY_INFORMATION) DRIVER_DISPATCH RfFsdQueryInformation;
_Dispatch_type_(IRP_MJ_SET_INFORMATION) DRIVER_DISPATCH RfFsdSetInformation;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH RfFsdFlushBuffers;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH RfFsdCleanup;
_Dispatch_type_(IRP_MJ_LOCK_CONTROL) DRIVER_DISPATCH RfFsdLockControl;

//
//  Never return: the first raises the status as an exception, the second
//  stops the system.
//

DECLSPEC_NORETURN VOID RfRaiseStatus(_In_ NTSTATUS Status);
DECLSPEC_NORETURN VOID RfBugCheck(_In_ ULONG Line);

VOID RfCheckUserBuffer(_In_opt_ PVOID Buffer, _In_ ULONG Length);
VOID RfFlushVolume(_In_ PRF_VCB Vcb);

#define RfVcb(D)    ((PRF_VCB)(D)->DeviceExtension)
#define RfFcb(I)    ((PRF_FCB)IoGetCurrentIrpStackLocation(I)->FileObject->FsContext)

#endif
