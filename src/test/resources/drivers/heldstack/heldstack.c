/*++

Module Name:

    heldstack.c

Abstract:

    A volume whose cleanup keeps the resources it takes on a small stack, as
    file systems that take a varying set of locks do, and releases them by
    popping it: correct. A close pushes the paging resource but not the
    directory resource it takes after it, so popping the stack leaves that
    one held (held-at-exit).

    Engines before 30 November 2026 read Held[HeldCount - 1] after the pop
    loop's join as an unknown value, no resource the routine held: the
    cleanup was a false release-not-held and a false held-at-exit. A value
    read from a local array at a loop's unknown index is now any of the
    values the path stored in it, each at a constant index: not any value, or
    the directory resource would be one the pops may release.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _HS_VCB {
    ERESOURCE Resource;
    ERESOURCE PagingResource;
    ERESOURCE DirectoryResource;
    ULONG OpenCount;
} HS_VCB, *PHS_VCB;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH HsCleanup;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH HsClose;

NTSTATUS HsFlushVolume(_In_ PHS_VCB Vcb);

NTSTATUS
HsCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PHS_VCB Vcb = (PHS_VCB)DeviceObject->DeviceExtension;
    NTSTATUS Status = STATUS_SUCCESS;
    PERESOURCE Held[2];
    ULONG HeldCount = 0;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    Held[HeldCount++] = &Vcb->Resource;
    if (Vcb->OpenCount == 0) {
        ExAcquireResourceExclusiveLite(&Vcb->PagingResource, TRUE);
        Held[HeldCount++] = &Vcb->PagingResource;
        Status = HsFlushVolume(Vcb);
    }
    while (HeldCount > 0) {
        ExReleaseResourceLite(Held[--HeldCount]);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
HsClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PHS_VCB Vcb = (PHS_VCB)DeviceObject->DeviceExtension;
    NTSTATUS Status = STATUS_SUCCESS;
    PERESOURCE Held[2];
    ULONG HeldCount = 0;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    Held[HeldCount++] = &Vcb->Resource;
    if (Vcb->OpenCount == 0) {
        ExAcquireResourceExclusiveLite(&Vcb->PagingResource, TRUE);
        Held[HeldCount++] = &Vcb->PagingResource;
        // Defect (held-at-exit): taken, but not pushed, so the pops never release it
        ExAcquireResourceExclusiveLite(&Vcb->DirectoryResource, TRUE);
        Status = HsFlushVolume(Vcb);
    }
    while (HeldCount > 0) {
        ExReleaseResourceLite(Held[--HeldCount]);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;                      // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = HsCleanup;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = HsClose;
    return STATUS_SUCCESS;
}
