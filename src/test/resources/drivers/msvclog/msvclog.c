/*++

Module Name:

    msvclog.c

Abstract:

    The kernel half of a user-mode file system, written for MSVC's
    preprocessor: a logging macro whose format may come with no arguments
    (MSVC drops the comma before an empty __VA_ARGS__), a call-site tag
    pasted from __FUNCTION__ and the stringized line (MSVC's __FUNCTION__ is
    a string literal), and FCB lock macros that hand that tag to a debug
    variant of the lock when lock debugging is on. A close and a cleanup take
    and drop the FCB's resource through the macros and log plain messages:
    correct. A set-information logs and returns on a missing buffer with the
    FCB still locked (held-at-exit).

    Before 30 November 2026 the frontend read a plain message's log call as
    a call with a trailing comma and the tag as a syntax error: every routine
    here was Inconclusive, "has code the parser could not read". The text
    the parser reads is now rewritten in the GNU spelling with every offset
    kept, so the defect is reported at its own line and column.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define ML_DEBUG_LOCKS 0x1

ULONG MlDebugFlags;

typedef struct _ML_FCB {
    PERESOURCE Resource;
    ULONG OpenCount;
    ULONG Attributes;
} ML_FCB, *PML_FCB;

typedef struct _ML_REQUEST {
    PIRP Irp;
    PIO_STACK_LOCATION IrpSp;
    BOOLEAN Quiet;
} ML_REQUEST, *PML_REQUEST;

VOID
MlLogInternal(
    _In_ PML_REQUEST Request,
    _In_z_ PCSTR Format,
    ...
    );

#define ML_LOG_IRP(Request, Format, ...)                                    \
    MlLogInternal((Request), "[%p]: " Format, (Request)->Irp, __VA_ARGS__)

#define ML_STRINGIZE_INNER(x) #x
#define ML_STRINGIZE(x) ML_STRINGIZE_INNER(x)
#define ML_CALL_SITE __FUNCTION__ ":" ML_STRINGIZE(__LINE__)

#define MlFcbLockRW(Fcb)                                                    \
    do {                                                                    \
        if (MlDebugFlags & ML_DEBUG_LOCKS) {                                \
            MlLockWithDebugInfo(TRUE, (Fcb)->Resource, ML_CALL_SITE);       \
        } else {                                                            \
            ExAcquireResourceExclusiveLite((Fcb)->Resource, TRUE);          \
        }                                                                   \
    } while (0)

#define MlFcbUnlock(Fcb) ExReleaseResourceLite((Fcb)->Resource)

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH MlClose;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH MlCleanup;
_Dispatch_type_(IRP_MJ_SET_INFORMATION) DRIVER_DISPATCH MlSetInformation;

VOID
MlLockWithDebugInfo(
    _In_ BOOLEAN Exclusive,
    _In_ PERESOURCE Resource,
    _In_z_ PCSTR Site
    )
{
    UNREFERENCED_PARAMETER(Site);
    if (Exclusive) {
        ExAcquireResourceExclusiveLite(Resource, TRUE);
    } else {
        ExAcquireResourceSharedLite(Resource, TRUE);
    }
}

static NTSTATUS
MlComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
MlClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    ML_REQUEST Request;
    PML_FCB Fcb;

    UNREFERENCED_PARAMETER(DeviceObject);
    Request.Irp = Irp;
    Request.IrpSp = IoGetCurrentIrpStackLocation(Irp);
    Request.Quiet = FALSE;
    Fcb = Request.IrpSp->FileObject->FsContext;

    ML_LOG_IRP(&Request, "close");
    MlFcbLockRW(Fcb);
    Fcb->OpenCount -= 1;
    MlFcbUnlock(Fcb);
    ML_LOG_IRP(&Request, "open count now %lu", Fcb->OpenCount);

    return MlComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS
MlCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    ML_REQUEST Request;
    PML_FCB Fcb;

    UNREFERENCED_PARAMETER(DeviceObject);
    Request.Irp = Irp;
    Request.IrpSp = IoGetCurrentIrpStackLocation(Irp);
    Request.Quiet = TRUE;
    Fcb = Request.IrpSp->FileObject->FsContext;

    if (Fcb == NULL) {
        ML_LOG_IRP(&Request, "no FCB");
        return MlComplete(Irp, STATUS_INVALID_PARAMETER);
    }

    MlFcbLockRW(Fcb);
    if (Fcb->OpenCount == 0) {
        ML_LOG_IRP(&Request, "already closed");
    } else {
        Fcb->Attributes = 0;
    }
    MlFcbUnlock(Fcb);

    return MlComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS
MlSetInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    ML_REQUEST Request;
    PML_FCB Fcb;
    PULONG Attributes;

    UNREFERENCED_PARAMETER(DeviceObject);
    Request.Irp = Irp;
    Request.IrpSp = IoGetCurrentIrpStackLocation(Irp);
    Request.Quiet = FALSE;
    Fcb = Request.IrpSp->FileObject->FsContext;

    MlFcbLockRW(Fcb);
    Attributes = Irp->AssociatedIrp.SystemBuffer;
    if (Attributes == NULL) {
        ML_LOG_IRP(&Request, "no buffer");
        // Defect (held-at-exit): the FCB is still locked
        return MlComplete(Irp, STATUS_INVALID_PARAMETER);   // expect: ExclusiveResourceAccess held-at-exit
    }
    Fcb->Attributes = *Attributes;
    MlFcbUnlock(Fcb);
    ML_LOG_IRP(&Request, "attributes %lx", *Attributes);

    return MlComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = MlClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = MlCleanup;
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = MlSetInformation;
    return STATUS_SUCCESS;
}
