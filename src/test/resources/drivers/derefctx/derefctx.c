/*++

Module Name:

    derefctx.c

Abstract:

    A request context used before a helper tests whether it is there. As in
    file systems whose helpers take an optional IRP context and test it with
    ARGUMENT_PRESENT, the finishing helper here releases the volume only for a
    present context. A caller that has already read or written through the
    context has it: had it been NULL, that access would have faulted first,
    so the helper's "absent" way is not one this caller can take.

    The write path writes through its context, then takes the volume and
    finishes (correct). The query path reads its context's flags in a test
    first (correct). The lock path only takes the address of a field of its
    context, which reads nothing through it: the context may be absent and
    the volume stays held (defect). The flush path tests the context itself
    and writes through it on the present side only: on the absent side the
    volume stays held (defect).

    Engines before 28 November 2026 reported the write and query paths too:
    a pointer read or written through was not known to be non-NULL.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define DC_CONTEXT_READ_ONLY 0x1

typedef struct _DC_VCB {
    ERESOURCE Resource;                 // the volume's files and counts
    ULONG Writes;
    ULONG Queries;
    PULONG LastRequests;
} DC_VCB, *PDC_VCB;

//
//  What the file system keeps per open file (FsContext2).
//

typedef struct _DC_CONTEXT {
    ULONG Flags;
    ULONG Requests;
} DC_CONTEXT, *PDC_CONTEXT;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DcUnload;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH DcFsdWrite;
_Dispatch_type_(IRP_MJ_QUERY_INFORMATION) DRIVER_DISPATCH DcFsdQuery;
_Dispatch_type_(IRP_MJ_LOCK_CONTROL) DRIVER_DISPATCH DcFsdLock;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH DcFsdFlush;

#pragma alloc_text(INIT, DriverEntry)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_WRITE] = DcFsdWrite;
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = DcFsdQuery;
    DriverObject->MajorFunction[IRP_MJ_LOCK_CONTROL] = DcFsdLock;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = DcFsdFlush;
    DriverObject->DriverUnload = DcUnload;
    return STATUS_SUCCESS;
}

VOID
DcUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
}

static PDC_VCB
DcVcb(
    _In_ PDEVICE_OBJECT DeviceObject
    )
{
    return (PDC_VCB)DeviceObject->DeviceExtension;
}

//
//  The open file's context; NULL for a request on the volume itself.
//

static PDC_CONTEXT
DcContext(
    _In_ PIRP Irp
    )
{
    return (PDC_CONTEXT)IoGetCurrentIrpStackLocation(Irp)->FileObject->FsContext2;
}

static NTSTATUS
DcComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Ends a request that took the volume: only one with a context took it.
//

static VOID
DcFinish(
    _In_opt_ PDC_CONTEXT Context,
    _In_ PDC_VCB Vcb
    )
{
    if (ARGUMENT_PRESENT(Context)) {
        Context->Requests -= 1;
        ExReleaseResourceLite(&Vcb->Resource);
    }
}

//
//  Write: the context is written through before the volume is taken.
//

NTSTATUS
DcFsdWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDC_VCB Vcb = DcVcb(DeviceObject);
    PDC_CONTEXT Context = DcContext(Irp);

    Context->Requests += 1;
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    Vcb->Writes += 1;
    DcFinish(Context, Vcb);
    return DcComplete(Irp, STATUS_SUCCESS);
}

//
//  Query: the context's flags decide the answer, then the volume is taken.
//

NTSTATUS
DcFsdQuery(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDC_VCB Vcb = DcVcb(DeviceObject);
    PDC_CONTEXT Context = DcContext(Irp);
    NTSTATUS Status = STATUS_SUCCESS;

    if (FlagOn(Context->Flags, DC_CONTEXT_READ_ONLY)) {
        Status = STATUS_MEDIA_WRITE_PROTECTED;
    }
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    Vcb->Queries += 1;
    DcFinish(Context, Vcb);
    return DcComplete(Irp, Status);
}

//
//  Lock: the address of the context's counter is kept, nothing is read
//  through the context, and it may be absent.
//

NTSTATUS
DcFsdLock(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDC_VCB Vcb = DcVcb(DeviceObject);
    PDC_CONTEXT Context = DcContext(Irp);

    Vcb->LastRequests = &Context->Requests;
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    DcFinish(Context, Vcb);
    // Defect (held-at-exit): without a context, DcFinish releases nothing.
    return DcComplete(Irp, STATUS_SUCCESS);             // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Flush: the context is tested before it is written through.
//

NTSTATUS
DcFsdFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDC_VCB Vcb = DcVcb(DeviceObject);
    PDC_CONTEXT Context = DcContext(Irp);

    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    if (Context != NULL) {
        Context->Requests += 1;
    }
    DcFinish(Context, Vcb);
    // Defect (held-at-exit): a flush of the volume itself has no context.
    return DcComplete(Irp, STATUS_SUCCESS);             // expect: ExclusiveResourceAccess held-at-exit
}
