/*++

Module Name:

    CdData.c

Abstract:

    Driver entry, unload, and the single dispatch routine that every major
    function goes through (FSD), with its posting to a work item (FSP).

--*/

#include "CdProcs.h"

CD_DATA CdData;

static PIRP_CONTEXT CdCreateIrpContext (_In_ PIRP Irp, _In_ BOOLEAN Wait);
static NTSTATUS CdFsdPostRequest (_Inout_ PIRP_CONTEXT IrpContext, _Inout_ PIRP Irp);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, CdUnload)
#pragma alloc_text(PAGE, CdFsdDispatch)
#pragma alloc_text(PAGE, CdFspDispatch)
#endif

NTSTATUS
DriverEntry (
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    NTSTATUS Status;
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\CdLike");
    Status = IoCreateDevice(DriverObject, 0, &Name, FILE_DEVICE_CD_ROM_FILE_SYSTEM, 0, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    //
    //  One routine for every request.
    //

    DriverObject->MajorFunction[IRP_MJ_READ]                = CdFsdDispatch;
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION]   = CdFsdDispatch;
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION]     = CdFsdDispatch;
    DriverObject->MajorFunction[IRP_MJ_LOCK_CONTROL]        = CdFsdDispatch;
    DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = CdFsdDispatch;
    DriverObject->DriverUnload = CdUnload;

    RtlZeroMemory(&CdData, sizeof(CD_DATA));
    ExInitializeResourceLite(&CdData.DataResource);
    InitializeListHead(&CdData.VcbQueue);
    CdData.DriverObject = DriverObject;
    CdData.FileSystemDeviceObject = DeviceObject;

    IoRegisterFileSystem(DeviceObject);
    return STATUS_SUCCESS;
}

VOID
CdUnload (
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    BOOLEAN Busy;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);

    KeEnterCriticalRegion();
    CdAcquireCdData(NULL);
    Busy = !IsListEmpty(&CdData.VcbQueue);
    CdReleaseCdData(NULL);
    KeLeaveCriticalRegion();

    ASSERT(!Busy);
    UNREFERENCED_PARAMETER(Busy);

    IoUnregisterFileSystem(CdData.FileSystemDeviceObject);
    IoDeleteDevice(CdData.FileSystemDeviceObject);
    ExDeleteResourceLite(&CdData.DataResource);
}

NTSTATUS
CdFsdDispatch (
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PIRP_CONTEXT IrpContext;
    BOOLEAN Wait;
    NTSTATUS Status;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    FsRtlEnterFileSystem();

    //
    //  Only reads can be asynchronous.
    //

    Wait = (IrpSp->MajorFunction == IRP_MJ_READ) ? CanFsdWait(Irp) : TRUE;

    IrpContext = CdCreateIrpContext(Irp, Wait);
    if (IrpContext == NULL) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        CdCompleteRequest(NULL, Irp, Status);
    } else {
        __try {
            switch (IrpContext->MajorFunction) {

            case IRP_MJ_READ:
                Status = CdCommonRead(IrpContext, Irp);
                break;

            case IRP_MJ_QUERY_INFORMATION:
                Status = CdCommonQueryInfo(IrpContext, Irp);
                break;

            case IRP_MJ_SET_INFORMATION:
                Status = CdCommonSetInfo(IrpContext, Irp);
                break;

            case IRP_MJ_LOCK_CONTROL:
                Status = CdCommonLockControl(IrpContext, Irp);
                break;

            case IRP_MJ_FILE_SYSTEM_CONTROL:
                Status = CdCommonFsControl(IrpContext, Irp);
                break;

            default:
                Status = STATUS_INVALID_DEVICE_REQUEST;
                CdCompleteRequest(IrpContext, Irp, Status);
                break;
            }
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = CdProcessException(IrpContext, Irp, GetExceptionCode());
        }

        if (Status == STATUS_CANT_WAIT) {
            Status = CdFsdPostRequest(IrpContext, Irp);
        }
    }

    FsRtlExitFileSystem();

    //
    //  Defect (held-at-exit), reported here, where the routine returns:
    //  CdCommonLockControl (fileinfo.c) keeps the FCB resource on one path.
    //

    return Status;          // expect: ExclusiveResourceAccess held-at-exit
}

//
//  The FSP: runs a posted read again, now allowed to wait.  Only reads are
//  ever posted in practice; anything else is refused.
//

VOID
CdFspDispatch (
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_opt_ PVOID Context
    )
{
    PIRP_CONTEXT IrpContext = (PIRP_CONTEXT)Context;
    PIO_WORKITEM WorkItem = IrpContext->WorkItem;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT | IRP_CONTEXT_FLAG_IN_FSP);

    FsRtlEnterFileSystem();
    if (IrpContext->MajorFunction == IRP_MJ_READ) {
        (VOID)CdCommonRead(IrpContext, IrpContext->Irp);
    } else {
        CdCompleteRequest(IrpContext, IrpContext->Irp, STATUS_INVALID_DEVICE_REQUEST);
    }
    FsRtlExitFileSystem();

    IoFreeWorkItem(WorkItem);
}

static NTSTATUS
CdFsdPostRequest (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp
    )
{
    IrpContext->WorkItem = IoAllocateWorkItem(IrpContext->RealDevice);
    if (IrpContext->WorkItem == NULL) {
        CdCompleteRequest(IrpContext, Irp, STATUS_INSUFFICIENT_RESOURCES);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    IoMarkIrpPending(Irp);
    IoQueueWorkItem(IrpContext->WorkItem, CdFspDispatch, CriticalWorkQueue, IrpContext);
    return STATUS_PENDING;
}

static PIRP_CONTEXT
CdCreateIrpContext (
    _In_ PIRP Irp,
    _In_ BOOLEAN Wait
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PIRP_CONTEXT IrpContext;

    IrpContext = ExAllocatePoolWithTag(NonPagedPool, sizeof(IRP_CONTEXT), CD_TAG_IRP_CONTEXT);
    if (IrpContext != NULL) {
        RtlZeroMemory(IrpContext, sizeof(IRP_CONTEXT));
        IrpContext->Irp = Irp;
        IrpContext->RealDevice = IrpSp->DeviceObject;
        IrpContext->MajorFunction = IrpSp->MajorFunction;
        IrpContext->MinorFunction = IrpSp->MinorFunction;
        if (IrpSp->DeviceObject != CdData.FileSystemDeviceObject) {
            IrpContext->Vcb = (PVCB)IrpSp->DeviceObject->DeviceExtension;
        }
        if (Wait) {
            SetFlag(IrpContext->Flags, IRP_CONTEXT_FLAG_WAIT);
        }
    }
    return IrpContext;
}

VOID
CdCompleteRequest (
    _Inout_opt_ PIRP_CONTEXT IrpContext,
    _Inout_opt_ PIRP Irp,
    _In_ NTSTATUS Status
    )
{
    if (Irp != NULL) {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_CD_ROM_INCREMENT);
    }
    if (IrpContext != NULL) {
        ExFreePoolWithTag(IrpContext, CD_TAG_IRP_CONTEXT);
    }
}

//
//  Keeps the status and the line that raised it in the IRP context, then
//  raises: it never returns.
//

VOID
CdRaiseStatusEx (
    _In_ PIRP_CONTEXT IrpContext,
    _In_ NTSTATUS Status,
    _In_ ULONG Line
    )
{
    IrpContext->ExceptionStatus = Status;
    IrpContext->RaisedAtLine = Line;
    ExRaiseStatus(Status);
}

//
//  The FSD's exception handler: a request that could not wait is posted to
//  the FSP, any other is completed with the status raised.
//

NTSTATUS
CdProcessException (
    _Inout_ PIRP_CONTEXT IrpContext,
    _Inout_ PIRP Irp,
    _In_ NTSTATUS ExceptionCode
    )
{
    if (ExceptionCode == STATUS_CANT_WAIT) {
        return CdFsdPostRequest(IrpContext, Irp);
    }
    CdCompleteRequest(IrpContext, Irp, ExceptionCode);
    return ExceptionCode;
}
