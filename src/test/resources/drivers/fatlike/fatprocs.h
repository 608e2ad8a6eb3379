/*++

Module Name:

    FatProcs.h

Abstract:

    Prototypes and macros of the FAT-like file system driver.  Every source
    file of the driver includes this header, and only this header.

--*/

#ifndef _FATPROCS_
#define _FATPROCS_

#include <ntifs.h>
#include "..\common\defs.h"
#include "FatStruc.h"

#pragma warning(disable: 4127)          // conditional expression is constant

//
//  Routines the system calls.  The FatFsdXxx routines take the volume device
//  object; DriverEntry casts them to PDRIVER_DISPATCH when it registers them.
//

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD FatUnload;
WORKER_THREAD_ROUTINE FatFspDispatch;
IO_COMPLETION_ROUTINE FatAsyncWriteCompletion;
IO_COMPLETION_ROUTINE FatSyncCompletionRoutine;

_Function_class_(IRP_MJ_CREATE)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdCreate (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    );

_Function_class_(IRP_MJ_CLEANUP)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdCleanup (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    );

_Function_class_(IRP_MJ_CLOSE)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdClose (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    );

_Function_class_(IRP_MJ_WRITE)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdWrite (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    );

_Function_class_(IRP_MJ_FILE_SYSTEM_CONTROL)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdFileSystemControl (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    );

_Function_class_(IRP_MJ_SHUTDOWN)
_Function_class_(DRIVER_DISPATCH)
NTSTATUS
FatFsdShutdown (
    _In_ PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    _Inout_ PIRP Irp
    );

//
//  Common routines, called by the FSD and by the FSP.
//

NTSTATUS FatCommonCreate (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);
NTSTATUS FatCommonWrite (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);
NTSTATUS FatCommonCleanup (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);

//
//  Structure support (strucsup.c).
//

PIRP_CONTEXT FatCreateIrpContext (IN PIRP Irp, IN BOOLEAN Wait);
VOID FatDeleteIrpContext (IN PIRP_CONTEXT IrpContext);
VOID FatCompleteRequest (IN PIRP_CONTEXT IrpContext OPTIONAL, IN PIRP Irp OPTIONAL, IN NTSTATUS Status);
NTSTATUS FatFsdPostRequest (IN PIRP_CONTEXT IrpContext, IN PIRP Irp);
PFCB FatFindFcb (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb, IN PUNICODE_STRING Name);

_Requires_lock_held_(Vcb->Resource)
_When_(return != FALSE, _Releases_lock_(Vcb->Resource))
BOOLEAN
FatCheckForDismount (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    );

//
//  Allocation support (allocsup.c).
//

VOID FatFreeClusters (IN PIRP_CONTEXT IrpContext, IN PVCB Vcb, IN ULONG FirstCluster);

//
//  Resource support (resrcsup.c).  The acquire routines honour
//  IRP_CONTEXT_FLAG_WAIT: they return FALSE instead of blocking when the
//  request may not wait, and the caller then posts the request.
//

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_exclusive_lock_(Vcb->Resource))
BOOLEAN
FatAcquireExclusiveVcb (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    );

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_shared_lock_(Vcb->Resource))
BOOLEAN
FatAcquireSharedVcb (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb
    );

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_exclusive_lock_(*Fcb->Header.Resource))
BOOLEAN
FatAcquireExclusiveFcb (
    IN PIRP_CONTEXT IrpContext,
    IN PFCB Fcb
    );

_Requires_lock_held_(_Global_critical_region_)
_When_(return != FALSE, _Acquires_shared_lock_(*Fcb->Header.Resource))
BOOLEAN
FatAcquireSharedFcb (
    IN PIRP_CONTEXT IrpContext,
    IN PFCB Fcb
    );

#define FatReleaseVcb(IRPCONTEXT, Vcb)      ExReleaseResourceLite(&((Vcb)->Resource))
#define FatReleaseFcb(IRPCONTEXT, Fcb)      ExReleaseResourceLite((Fcb)->Header.Resource)

#define FatAcquireExclusiveGlobal(IRPCONTEXT)                               \
    ExAcquireResourceExclusiveLite(&FatData.Resource,                       \
                                   BooleanFlagOn((IRPCONTEXT)->Flags, IRP_CONTEXT_FLAG_WAIT))

#define FatReleaseGlobal(IRPCONTEXT)        ExReleaseResourceLite(&(FatData.Resource))

//
//  The lock of the in-memory bitmap of free clusters.
//

#define FatLockFreeClusterBitMap(VCB)       ExAcquireResourceExclusiveLite(&(VCB)->ChangeBitMapResource, TRUE)
#define FatUnlockFreeClusterBitMap(VCB)     ExReleaseResourceLite(&(VCB)->ChangeBitMapResource)

//
//  Callbacks of the cache manager and of section creation.  By contract the
//  Acquire callbacks return holding the FCB and the Release callbacks drop
//  it in a later call.
//

BOOLEAN NTAPI FatAcquireFcbForLazyWrite (IN PVOID Fcb, IN BOOLEAN Wait);
VOID NTAPI FatReleaseFcbFromLazyWrite (IN PVOID Fcb);
BOOLEAN NTAPI FatAcquireFcbForReadAhead (IN PVOID Fcb, IN BOOLEAN Wait);
VOID NTAPI FatReleaseFcbFromReadAhead (IN PVOID Fcb);
VOID NTAPI FatAcquireForCreateSection (IN PFILE_OBJECT FileObject);
VOID NTAPI FatReleaseForCreateSection (IN PFILE_OBJECT FileObject);

#define CanFsdWait(IRP)                     IoIsOperationSynchronous(IRP)
#define FatDeviceIsFatFsdo(D)               ((D)->Size == (USHORT)sizeof(DEVICE_OBJECT))
#define FatVcbFromVdo(VDO)                  (&(VDO)->Vcb)

#endif // _FATPROCS_
