/*++

Module Name:

    deepchain.c

Abstract:

    A file system whose file object leads to its volume through a chain of
    control blocks, as NTFS's does: the CCB in FsContext2, its link (LCB),
    the link's file (FCB), the file's volume (VCB). Cleanup takes the global
    resource, counts the volume's open handles down through the chain, and
    only then checks the volume for NULL: the check can never succeed (the
    read through the pointer would have faulted first), so the early return
    that would leave the global resource held does not exist: correct. Close
    makes the check before it reads through the pointer and returns holding
    the global resource (held-at-exit).

    Engines before the evening of 29 November 2026 counted the access path
    of a loaded value into the depth of an expression and kept no comparison
    of a value loaded through four pointers: "Vcb != 0", known after the
    read, and "Vcb == 0", tested after it, were two unrelated unknowns, and
    cleanup's unreachable return was reported (held-at-exit).

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _DC_VCB {
    ERESOURCE Resource;
    ULONG OpenCount;
} DC_VCB, *PDC_VCB;

typedef struct _DC_FCB {
    PDC_VCB Vcb;
} DC_FCB, *PDC_FCB;

typedef struct _DC_LCB {
    PDC_FCB Fcb;
} DC_LCB, *PDC_LCB;

typedef struct _DC_CCB {
    PDC_LCB Lcb;
} DC_CCB, *PDC_CCB;

ERESOURCE DcGlobalResource;             // the open counts of every volume

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH DcCleanup;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH DcClose;

NTSTATUS
DcCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDC_CCB Ccb = (PDC_CCB)IrpSp->FileObject->FsContext2;
    PDC_VCB Vcb = Ccb->Lcb->Fcb->Vcb;
    ULONG OpenCount;

    UNREFERENCED_PARAMETER(DeviceObject);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&DcGlobalResource, TRUE);
    OpenCount = Vcb->OpenCount;
    if (Vcb == NULL) {
        KeLeaveCriticalRegion();
        return STATUS_INVALID_PARAMETER;
    }
    Vcb->OpenCount = OpenCount - 1;
    ExReleaseResourceLite(&DcGlobalResource);
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
DcClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDC_CCB Ccb = (PDC_CCB)IrpSp->FileObject->FsContext2;
    PDC_VCB Vcb = Ccb->Lcb->Fcb->Vcb;

    UNREFERENCED_PARAMETER(DeviceObject);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&DcGlobalResource, TRUE);
    if (Vcb == NULL) {
        // Defect (held-at-exit): the global resource is still held
        KeLeaveCriticalRegion();
        return STATUS_INVALID_PARAMETER;    // expect: ExclusiveResourceAccess held-at-exit
    }
    Vcb->OpenCount -= 1;
    ExReleaseResourceLite(&DcGlobalResource);
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = DcCleanup;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = DcClose;
    return STATUS_SUCCESS;
}
