/*++

Module Name:

    wholestatus.c

Abstract:

    A file system's helper that unpins the buffers a request repinned, as
    FAT's does, under the volume's paging resource: when a flush fails it
    copies the failure into the originating IRP's whole IoStatus. The write
    sets IoStatus.Status before calling it, the read does not; both hold the
    volume around the call and are correct.

    Joining the helper's two ways (IoStatus written whole, or not at all)
    made the caller's IoStatus.Status a vaguer value only where the caller
    had written that part before, which the helper never reads: its summary,
    computed for one routine, was reused for the other and differed from the
    one computed for it (SummaryReuseAuditTest; engines before the evening of
    29 November 2026). Now the part is dropped there, and read through the
    whole object, which the join makes any value anyway.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _WS_VCB {
    ERESOURCE Resource;
    ERESOURCE PagingResource;
    ULONG Dirty;
} WS_VCB, *PWS_VCB;

typedef struct _WS_CONTEXT {
    PIRP OriginatingIrp;
    PWS_VCB Vcb;
    PVOID Repinned;
} WS_CONTEXT, *PWS_CONTEXT;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH WsWrite;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH WsRead;

BOOLEAN WsFlushRepinned(_In_ PVOID Bcb, _Out_ PIO_STATUS_BLOCK Iosb);

VOID
WsUnpinRepinned(
    _In_ PWS_CONTEXT Context
    )
{
    IO_STATUS_BLOCK RaiseIosb;

    ExAcquireResourceSharedLite(&Context->Vcb->PagingResource, TRUE);
    if (Context->Repinned != NULL && !WsFlushRepinned(Context->Repinned, &RaiseIosb)
            && !NT_SUCCESS(RaiseIosb.Status)) {
        Context->OriginatingIrp->IoStatus = RaiseIosb;
    }
    ExReleaseResourceLite(&Context->Vcb->PagingResource);
}

NTSTATUS
WsWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWS_CONTEXT Context = (PWS_CONTEXT)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Context->Vcb->Resource, TRUE);
    Context->OriginatingIrp->IoStatus.Status = STATUS_SUCCESS;
    WsUnpinRepinned(Context);
    ExReleaseResourceLite(&Context->Vcb->Resource);
    KeLeaveCriticalRegion();
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
WsRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWS_CONTEXT Context = (PWS_CONTEXT)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Context->Vcb->Resource, TRUE);
    WsUnpinRepinned(Context);
    ExReleaseResourceLite(&Context->Vcb->Resource);
    KeLeaveCriticalRegion();
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
    DriverObject->MajorFunction[IRP_MJ_WRITE] = WsWrite;
    DriverObject->MajorFunction[IRP_MJ_READ] = WsRead;
    return STATUS_SUCCESS;
}
