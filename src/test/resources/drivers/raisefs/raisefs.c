/*++

Module Name:

    raisefs.c

Abstract:

    Errors raised while a resource is held. An exception leaves every
    function between the raise and the __except that catches it, running
    the __finally bodies on its way; whatever is still held when the
    handler returns from the routine is held at exit.

    The read path raises with the volume held and nothing on the way
    releases it (defect); so does the query path, from a helper that checks
    the user's buffer, and the lock-control path, from a volume check that
    takes and drops the volume itself before it raises (defects). The write path releases in a __finally, the
    flush path in its handler, the set-information path in a __finally two
    calls down: correct. The cleanup path stops the system instead of
    raising while it holds the volume: no handler runs, correct.

    Engines before 28 November 2026 dropped a path at a raise inside a
    called function and missed all three defects.

--*/

#include "raisefs.h"

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, RfUnload)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_READ] = RfFsdRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = RfFsdWrite;
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = RfFsdQueryInformation;
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = RfFsdSetInformation;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = RfFsdFlushBuffers;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = RfFsdCleanup;
    DriverObject->MajorFunction[IRP_MJ_LOCK_CONTROL] = RfFsdLockControl;
    DriverObject->DriverUnload = RfUnload;
    return STATUS_SUCCESS;
}

VOID
RfUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);
}

VOID
RfRaiseStatus(
    _In_ NTSTATUS Status
    )
{
    ExRaiseStatus(Status);
}

VOID
RfBugCheck(
    _In_ ULONG Line
    )
{
    KeBugCheckEx(0x52460000, Line, 0, 0, 0);
}

//
//  Raises when the caller handed in no buffer or an empty one.
//

VOID
RfCheckUserBuffer(
    _In_opt_ PVOID Buffer,
    _In_ ULONG Length
    )
{
    if (Buffer == NULL || Length == 0) {
        RfRaiseStatus(STATUS_INVALID_PARAMETER);
    }
}

//
//  Writes the volume's dirty data; raises on a device error.
//

VOID
RfFlushVolume(
    _In_ PRF_VCB Vcb
    )
{
    if (FlagOn(Vcb->Flags, RF_VCB_CORRUPT)) {
        RfRaiseStatus(STATUS_FILE_CORRUPT_ERROR);
    }
}

static NTSTATUS
RfComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Read: a dismounted volume is found with the volume held.
//

static VOID
RfCommonRead(
    _In_ PRF_VCB Vcb,
    _Inout_ PIRP Irp
    )
{
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    if (Vcb->Dismounted) {
        // Defect (held-at-exit): the exception leaves with the volume held
        RfRaiseStatus(STATUS_VOLUME_DISMOUNTED);
    }
    Irp->IoStatus.Information = 0;
    ExReleaseResourceLite(&Vcb->Resource);
}

NTSTATUS
RfFsdRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status = STATUS_SUCCESS;

    __try {
        RfCommonRead(RfVcb(DeviceObject), Irp);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);     // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Write: the file is released in a __finally, whichever way the try ends.
//

static VOID
RfCommonWrite(
    _In_ PRF_FCB Fcb,
    _In_ ULONG End
    )
{
    BOOLEAN Acquired = FALSE;

    __try {
        ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);
        Acquired = TRUE;
        if (End > Fcb->Allocation) {
            RfRaiseStatus(STATUS_DISK_FULL);
        }
        if (End > Fcb->FileSize) {
            Fcb->FileSize = End;
        }
    } __finally {
        if (Acquired) {
            ExReleaseResourceLite(&Fcb->Resource);
        }
    }
}

NTSTATUS
RfFsdWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);

    __try {
        RfCommonWrite(RfFcb(Irp), IrpSp->Parameters.Write.Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);
}

//
//  Query: the user's buffer is checked with the file held.
//

static VOID
RfCommonQuery(
    _In_ PRF_FCB Fcb,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);

    ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);
    // Defect (held-at-exit): the helper's exception leaves with the file held
    RfCheckUserBuffer(Irp->AssociatedIrp.SystemBuffer, IrpSp->Parameters.QueryFile.Length);
    Irp->IoStatus.Information = sizeof(ULONG);
    ExReleaseResourceLite(&Fcb->Resource);
}

NTSTATUS
RfFsdQueryInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);

    __try {
        RfCommonQuery(RfFcb(Irp), Irp);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);     // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Set information: the raise is two calls down, and the __finally there
//  releases.
//

static VOID
RfSetAllocation(
    _In_ PRF_FCB Fcb,
    _In_ ULONG Allocation
    )
{
    __try {
        ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);
        if (Allocation < Fcb->FileSize) {
            RfRaiseStatus(STATUS_INVALID_PARAMETER);
        }
        Fcb->Allocation = Allocation;
    } __finally {
        ExReleaseResourceLite(&Fcb->Resource);
    }
}

static VOID
RfCommonSetInformation(
    _In_ PRF_FCB Fcb,
    _In_ ULONG Allocation
    )
{
    RfSetAllocation(Fcb, Allocation);
    Fcb->Vcb->Flags &= ~RF_VCB_CORRUPT;
}

NTSTATUS
RfFsdSetInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);

    __try {
        RfCommonSetInformation(RfFcb(Irp), IrpSp->Parameters.SetFile.Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);
}

//
//  Flush: the handler releases what the try acquired, by a flag.
//

NTSTATUS
RfFsdFlushBuffers(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PRF_VCB Vcb = RfVcb(DeviceObject);
    NTSTATUS Status = STATUS_SUCCESS;
    BOOLEAN Held = FALSE;

    __try {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
        Held = TRUE;
        RfFlushVolume(Vcb);
        ExReleaseResourceLite(&Vcb->Resource);
        Held = FALSE;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        if (Held) {
            ExReleaseResourceLite(&Vcb->Resource);
        }
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);
}

//
//  Lock control: the volume check raises after it has dropped the volume
//  again, but the caller holds the file.
//

static VOID
RfCheckVolume(
    _In_ PRF_VCB Vcb
    )
{
    BOOLEAN Dismounted;

    ExAcquireResourceSharedLite(&Vcb->Resource, TRUE);
    Dismounted = Vcb->Dismounted;
    ExReleaseResourceLite(&Vcb->Resource);
    if (Dismounted) {
        RfRaiseStatus(STATUS_VOLUME_DISMOUNTED);
    }
}

static VOID
RfCommonLockControl(
    _In_ PRF_FCB Fcb
    )
{
    ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);
    // Defect (held-at-exit): the volume check's exception leaves with the file held
    RfCheckVolume(Fcb->Vcb);
    Fcb->Allocation = Fcb->FileSize;
    ExReleaseResourceLite(&Fcb->Resource);
}

NTSTATUS
RfFsdLockControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);

    __try {
        RfCommonLockControl(RfFcb(Irp));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);     // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Cleanup: a corrupt volume found with the volume held stops the system;
//  no handler runs.
//

static VOID
RfCommonCleanup(
    _In_ PRF_VCB Vcb
    )
{
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    if (FlagOn(Vcb->Flags, RF_VCB_CORRUPT)) {
        RfBugCheck(__LINE__);
    }
    Vcb->Dismounted = FALSE;
    ExReleaseResourceLite(&Vcb->Resource);
}

NTSTATUS
RfFsdCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    NTSTATUS Status = STATUS_SUCCESS;

    __try {
        RfCommonCleanup(RfVcb(DeviceObject));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return RfComplete(Irp, Status);
}
