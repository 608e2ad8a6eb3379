/*++

Module Name:

    CdProcs.h

Abstract:

    Structures, prototypes and macros of a CD-ROM-like read-only file
    system.  Every resource is acquired through CdAcquireResource, usually
    by way of the CdAcquireXxx macros below.

--*/

#ifndef _CDPROCS_
#define _CDPROCS_

#include <ntifs.h>
#include "..\common\defs.h"

#pragma warning(disable: 4127)          // conditional expression is constant

typedef enum _TYPE_OF_ACQUIRE {
    AcquireExclusive,
    AcquireShared,
    AcquireSharedStarveExclusive
} TYPE_OF_ACQUIRE, *PTYPE_OF_ACQUIRE;

//
//  Global data.  DataResource protects the VCB queue.
//

typedef struct _CD_DATA {
    ERESOURCE DataResource;
    LIST_ENTRY VcbQueue;
    PDRIVER_OBJECT DriverObject;
    PDEVICE_OBJECT FileSystemDeviceObject;
} CD_DATA, *PCD_DATA;

extern CD_DATA CdData;

typedef struct _VCB {
    ERESOURCE VcbResource;              // volume state and path table
    LIST_ENTRY VcbLinks;
    PDEVICE_OBJECT TargetDeviceObject;
    ULONG VcbState;
    PVOID PathTable;
    ULONG PathTableEntries;
    ULONG SectorSize;
} VCB, *PVCB;

typedef struct _FCB_NONPAGED {
    ERESOURCE FcbResource;              // the fields of the FCB
    SECTION_OBJECT_POINTERS SegmentObject;
} FCB_NONPAGED, *PFCB_NONPAGED;

typedef struct _FCB {
    FSRTL_COMMON_FCB_HEADER Header;
    PVCB Vcb;
    PERESOURCE Resource;                // the file's data; shared by several FCBs
    PFCB_NONPAGED FcbNonpaged;
    PFILE_LOCK FileLock;
    ULONG FileAttributes;
    ULONG StartingSector;
    LARGE_INTEGER CreationTime;
} FCB, *PFCB;

typedef struct _IRP_CONTEXT {
    PIRP Irp;
    PVCB Vcb;
    PDEVICE_OBJECT RealDevice;
    ULONG Flags;
    UCHAR MajorFunction;
    UCHAR MinorFunction;
    PIO_WORKITEM WorkItem;
    NTSTATUS ExceptionStatus;
    ULONG RaisedAtLine;
} IRP_CONTEXT, *PIRP_CONTEXT;

#define IRP_CONTEXT_FLAG_WAIT           (0x00000001)
#define IRP_CONTEXT_FLAG_IN_FSP         (0x00000002)

#define CD_TAG_IRP_CONTEXT              'ciDC'

#define FSCTL_CDLIKE_REFRESH_PATH_TABLE \
    CTL_CODE(FILE_DEVICE_CD_ROM_FILE_SYSTEM, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)

//
//  Routines the system calls.
//

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CdUnload;
DRIVER_DISPATCH CdFsdDispatch;
IO_WORKITEM_ROUTINE CdFspDispatch;

//
//  Common routines.  They return STATUS_CANT_WAIT, without completing the
//  IRP, when a resource could not be acquired without waiting.
//

NTSTATUS CdCommonRead (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp);
NTSTATUS CdCommonQueryInfo (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp);
NTSTATUS CdCommonSetInfo (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp);
NTSTATUS CdCommonLockControl (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp);
NTSTATUS CdCommonFsControl (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp);

VOID CdCompleteRequest (_Inout_opt_ PIRP_CONTEXT IrpContext, _Inout_opt_ PIRP Irp, _In_ NTSTATUS Status);

//
//  Raising: the status is kept in the IRP context and raised; CdRaiseStatusEx
//  does not return.  The FSD's exception handler posts a request that raised
//  STATUS_CANT_WAIT and completes any other.
//

DECLSPEC_NORETURN
VOID
CdRaiseStatusEx (
    _In_ PIRP_CONTEXT IrpContext,
    _In_ NTSTATUS Status,
    _In_ ULONG Line
    );

#define CdRaiseStatus(IC, S)                CdRaiseStatusEx((IC), (S), __LINE__)

NTSTATUS CdProcessException (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp, _In_ NTSTATUS ExceptionCode);

//
//  Resource support.
//
//  IgnoreWait TRUE: try once without waiting, whatever the IRP context says;
//  the result must be checked.
//  IgnoreWait FALSE: wait if the IRP context allows it; if it does not and the
//  resource is busy, raise STATUS_CANT_WAIT.  It returns only holding it.
//

_Requires_lock_held_(_Global_critical_region_)
_When_(Type == AcquireExclusive && return != FALSE, _Acquires_exclusive_lock_(*Resource))
_When_(Type != AcquireExclusive && return != FALSE, _Acquires_shared_lock_(*Resource))
BOOLEAN
CdAcquireResource (
    _In_ PIRP_CONTEXT IrpContext,
    _Inout_ PERESOURCE Resource,
    _In_ BOOLEAN IgnoreWait,
    _In_ TYPE_OF_ACQUIRE Type
    );

#define CdAcquireCdData(IC)                 ExAcquireResourceExclusiveLite(&CdData.DataResource, TRUE)
#define CdReleaseCdData(IC)                 ExReleaseResourceLite(&CdData.DataResource)

#define CdAcquireVcbExclusive(IC, V, I)     CdAcquireResource((IC), &(V)->VcbResource, (I), AcquireExclusive)
#define CdAcquireVcbShared(IC, V, I)        CdAcquireResource((IC), &(V)->VcbResource, (I), AcquireShared)
#define CdReleaseVcb(IC, V)                 ExReleaseResourceLite(&(V)->VcbResource)

#define CdAcquireFileShared(IC, F)          CdAcquireResource((IC), (F)->Resource, FALSE, AcquireShared)
#define CdAcquireFileSharedStarveExclusive(IC, F) \
    CdAcquireResource((IC), (F)->Resource, FALSE, AcquireSharedStarveExclusive)
#define CdReleaseFile(IC, F)                ExReleaseResourceLite((F)->Resource)

#define CdAcquireFcbExclusive(IC, F, I) \
    CdAcquireResource((IC), &(F)->FcbNonpaged->FcbResource, (I), AcquireExclusive)
#define CdReleaseFcb(IC, F)                 ExReleaseResourceLite(&(F)->FcbNonpaged->FcbResource)

#define CanFsdWait(I)                       IoIsOperationSynchronous(I)

#endif // _CDPROCS_
