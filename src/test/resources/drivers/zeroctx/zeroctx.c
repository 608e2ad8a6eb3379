/*++

Module Name:

    zeroctx.c

Abstract:

    Cleanup state filled with zeros before use. A routine that may take
    several resources on its way keeps a small structure noting what it took
    (as file systems keep "acquired" flags in their request context), fills
    it with zeros first, sets a flag right after each acquire, and in its
    __finally releases what the flags say.

    The close path fills its state with RtlZeroMemory, the flush path with
    memset: when the volume was not taken, its flag is still zero and
    nothing is released (correct). The teardown
    path fills its state with a pattern rather than zeros, so the flag may
    be set although the volume was not taken (defect); the purge path
    zeroes its state but then copies the flag from the request, which may
    say anything (defect); the lock-control path starts with nothing noted
    field by field and, for a retried request, copies the whole state saved
    by the first attempt over it, flag included (defect).

    Engines before the evening of 28 November 2026 kept the fields written
    before a call that writes the whole object (RtlCopyMemory): the flag
    still read FALSE after the copy, and the lock-control path was a Pass.

    Engines before 28 November 2026 did not know what memset and
    RtlZeroMemory write: every flag of a filled state was unknown, and the
    close and flush paths were false release-not-held reports.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define ZC_VOLUME_CLOSING 0x1

typedef struct _ZC_VCB {
    ERESOURCE Resource;                 // the volume's files and counts
    ULONG State;
    ULONG OpenCount;
} ZC_VCB, *PZC_VCB;

//
//  What a request took: each flag is set right after the acquire.
//

typedef struct _ZC_CLEANUP {
    BOOLEAN VolumeAcquired;
    BOOLEAN Reserved;
    ULONG Closes;
} ZC_CLEANUP, *PZC_CLEANUP;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ZcUnload;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH ZcFsdClose;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH ZcFsdFlush;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH ZcFsdTeardown;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH ZcFsdPurge;
_Dispatch_type_(IRP_MJ_LOCK_CONTROL) DRIVER_DISPATCH ZcFsdLockControl;

#pragma alloc_text(INIT, DriverEntry)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->MajorFunction[IRP_MJ_CLOSE] = ZcFsdClose;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = ZcFsdFlush;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = ZcFsdTeardown;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = ZcFsdPurge;
    DriverObject->MajorFunction[IRP_MJ_LOCK_CONTROL] = ZcFsdLockControl;
    DriverObject->DriverUnload = ZcUnload;
    return STATUS_SUCCESS;
}

VOID
ZcUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
}

static PZC_VCB
ZcVcb(
    _In_ PDEVICE_OBJECT DeviceObject
    )
{
    return (PZC_VCB)DeviceObject->DeviceExtension;
}

static NTSTATUS
ZcComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Takes the volume unless it is closing, and notes it in the cleanup state.
//

static VOID
ZcCloseFiles(
    _In_ PZC_VCB Vcb,
    _Inout_ PZC_CLEANUP Cleanup
    )
{
    if (!FlagOn(Vcb->State, ZC_VOLUME_CLOSING)) {
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
        Cleanup->VolumeAcquired = TRUE;
        Vcb->OpenCount -= 1;
        Cleanup->Closes += 1;
    }
}

//
//  Close: the state is on the stack, filled with zeros.
//

NTSTATUS
ZcFsdClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PZC_VCB Vcb = ZcVcb(DeviceObject);
    ZC_CLEANUP Cleanup;

    RtlZeroMemory(&Cleanup, sizeof(ZC_CLEANUP));
    __try {
        ZcCloseFiles(Vcb, &Cleanup);
    } __finally {
        if (Cleanup.VolumeAcquired) {
            ExReleaseResourceLite(&Vcb->Resource);
        }
    }
    return ZcComplete(Irp, STATUS_SUCCESS);
}

//
//  Flush: the state is filled with zeros by memset.
//

NTSTATUS
ZcFsdFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PZC_VCB Vcb = ZcVcb(DeviceObject);
    ZC_CLEANUP Cleanup;

    memset(&Cleanup, 0, sizeof(ZC_CLEANUP));
    __try {
        ZcCloseFiles(Vcb, &Cleanup);
    } __finally {
        if (Cleanup.VolumeAcquired) {
            ExReleaseResourceLite(&Vcb->Resource);
        }
    }
    return ZcComplete(Irp, STATUS_SUCCESS);
}

//
//  Teardown: the state is filled with a pattern, so its flag may be set.
//

NTSTATUS
ZcFsdTeardown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PZC_VCB Vcb = ZcVcb(DeviceObject);
    ZC_CLEANUP Cleanup;

    RtlFillMemory(&Cleanup, sizeof(ZC_CLEANUP), 0xA5);
    __try {
        ZcCloseFiles(Vcb, &Cleanup);
    } __finally {
        if (Cleanup.VolumeAcquired) {
            // Defect (release-not-held): the pattern's flag, not an acquire
            ExReleaseResourceLite(&Vcb->Resource);      // expect: ExclusiveResourceAccess release-not-held
        }
    }
    return ZcComplete(Irp, STATUS_SUCCESS);
}

//
//  Purge: the state is filled with zeros, then its flag copied from the
//  request.
//

NTSTATUS
ZcFsdPurge(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PZC_VCB Vcb = ZcVcb(DeviceObject);
    ZC_CLEANUP Cleanup;

    RtlZeroMemory(&Cleanup, sizeof(ZC_CLEANUP));
    Cleanup.VolumeAcquired = (BOOLEAN)(Irp->Flags & IRP_PAGING_IO);
    __try {
        ZcCloseFiles(Vcb, &Cleanup);
    } __finally {
        if (Cleanup.VolumeAcquired) {
            // Defect (release-not-held): the request's flag, not an acquire
            ExReleaseResourceLite(&Vcb->Resource);      // expect: ExclusiveResourceAccess release-not-held
        }
    }
    return ZcComplete(Irp, STATUS_SUCCESS);
}

//
//  Lock control: nothing noted yet, unless the request is a retry, which
//  carries in its system buffer the state its first attempt saved.
//

NTSTATUS
ZcFsdLockControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PZC_VCB Vcb = ZcVcb(DeviceObject);
    ZC_CLEANUP Cleanup;

    Cleanup.VolumeAcquired = FALSE;
    Cleanup.Closes = 0;
    if (Irp->AssociatedIrp.SystemBuffer != NULL) {
        RtlCopyMemory(&Cleanup, Irp->AssociatedIrp.SystemBuffer, sizeof(ZC_CLEANUP));
    }
    __try {
        ZcCloseFiles(Vcb, &Cleanup);
    } __finally {
        if (Cleanup.VolumeAcquired) {
            // Defect (release-not-held): the first attempt's flag, not an acquire here
            ExReleaseResourceLite(&Vcb->Resource);      // expect: ExclusiveResourceAccess release-not-held
        }
    }
    return ZcComplete(Irp, STATUS_SUCCESS);
}
