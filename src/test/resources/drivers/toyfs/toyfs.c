//
//  toyfs.c - a toy file system: one in-memory volume, files created on
//  first open.  It is the example of the OpenSDV README.
//
//  Every routine is correct but one: ToyCreate keeps the volume resource on
//  an error path, so ExclusiveResourceAccess reports "held-at-exit" at that
//  return.  The others show the common correct shapes: nested acquires, a
//  shared acquire, a non-blocking acquire whose result is checked, and a
//  try/finally guarded by a flag.
//

#include <ntifs.h>
#include "toyfs.h"

static NTSTATUS ToyCompleteRequest(_Inout_ PIRP Irp, _In_ NTSTATUS Status, _In_ ULONG_PTR Information);
static PTOY_FCB ToyFindOrCreateFcb(_In_ PTOY_VCB Vcb, _In_ PUNICODE_STRING Name);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, ToyUnload)
#pragma alloc_text(PAGE, ToyCreate)
#pragma alloc_text(PAGE, ToyClose)
#pragma alloc_text(PAGE, ToyRead)
#pragma alloc_text(PAGE, ToyCleanup)
#pragma alloc_text(PAGE, ToyFileSystemControl)
#endif

NTSTATUS
DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    PTOY_VCB Vcb;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\Device\\ToyFs");
    Status = IoCreateDevice(DriverObject, sizeof(TOY_VCB), &Name, FILE_DEVICE_DISK_FILE_SYSTEM,
                            0, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Vcb = ToyVcbFromDevice(DeviceObject);
    RtlZeroMemory(Vcb, sizeof(TOY_VCB));
    ExInitializeResourceLite(&Vcb->Resource);
    InitializeListHead(&Vcb->FcbList);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = ToyCreate;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = ToyClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = ToyRead;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = ToyCleanup;
    DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = ToyFileSystemControl;
    DriverObject->DriverUnload = ToyUnload;

    DeviceObject->Flags |= DO_BUFFERED_IO;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
ToyUnload(_In_ PDRIVER_OBJECT DriverObject)
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PTOY_VCB Vcb = ToyVcbFromDevice(DeviceObject);

    PAGED_CODE();

    while (!IsListEmpty(&Vcb->FcbList)) {
        PTOY_FCB Fcb = CONTAINING_RECORD(RemoveHeadList(&Vcb->FcbList), TOY_FCB, VcbLinks);
        ExDeleteResourceLite(&Fcb->Resource);
        ExFreePoolWithTag(Fcb, TOY_TAG);
    }
    ExDeleteResourceLite(&Vcb->Resource);
    IoDeleteDevice(DeviceObject);
}

//
//  Create opens the volume (empty name) or a file, creating the file on its
//  first open.  The volume resource protects the file list.
//

NTSTATUS
ToyCreate(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PTOY_VCB Vcb = ToyVcbFromDevice(DeviceObject);
    PFILE_OBJECT FileObject = IoGetCurrentIrpStackLocation(Irp)->FileObject;
    PTOY_FCB Fcb = NULL;
    NTSTATUS Status;

    PAGED_CODE();

    FsRtlEnterFileSystem();
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);

    if (FlagOn(Vcb->Flags, TOY_VCB_LOCKED | TOY_VCB_DISMOUNTED)) {
        ExReleaseResourceLite(&Vcb->Resource);
        FsRtlExitFileSystem();
        return ToyCompleteRequest(Irp, STATUS_ACCESS_DENIED, 0);
    }

    if (FileObject->FileName.Length != 0) {
        Fcb = ToyFindOrCreateFcb(Vcb, &FileObject->FileName);
        if (Fcb == NULL) {
            //
            //  Defect (held-at-exit): this error path returns without
            //  releasing the volume resource.
            //
            FsRtlExitFileSystem();
            Status = ToyCompleteRequest(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
            return Status;          // expect: ExclusiveResourceAccess held-at-exit
        }
        Fcb->OpenCount += 1;
    }
    FileObject->FsContext = Fcb;
    Vcb->OpenCount += 1;

    ExReleaseResourceLite(&Vcb->Resource);
    FsRtlExitFileSystem();
    return ToyCompleteRequest(Irp, STATUS_SUCCESS, FILE_OPENED);
}

//
//  Close: two different resources, nested (volume, then file) and released
//  in the reverse order.
//

NTSTATUS
ToyClose(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PTOY_VCB Vcb = ToyVcbFromDevice(DeviceObject);
    PTOY_FCB Fcb = ToyFcbFromIrpSp(IoGetCurrentIrpStackLocation(Irp));

    PAGED_CODE();

    FsRtlEnterFileSystem();
    ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
    if (Fcb != NULL) {
        ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);
        Fcb->OpenCount -= 1;
        ExReleaseResourceLite(&Fcb->Resource);
    }
    Vcb->OpenCount -= 1;
    ExReleaseResourceLite(&Vcb->Resource);
    FsRtlExitFileSystem();

    return ToyCompleteRequest(Irp, STATUS_SUCCESS, 0);
}

//
//  Read: the file resource is taken shared; readers run in parallel.
//

NTSTATUS
ToyRead(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PTOY_FCB Fcb = ToyFcbFromIrpSp(IrpSp);
    ULONG Offset = IrpSp->Parameters.Read.ByteOffset.LowPart;
    ULONG Length = IrpSp->Parameters.Read.Length;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    if (Fcb == NULL) {
        return ToyCompleteRequest(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }

    FsRtlEnterFileSystem();
    ExAcquireResourceSharedLite(&Fcb->Resource, TRUE);
    if (Offset >= Fcb->FileSize) {
        Length = 0;
    } else {
        Length = min(Length, Fcb->FileSize - Offset);
        RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &Fcb->Data[Offset], Length);
    }
    ExReleaseResourceLite(&Fcb->Resource);
    FsRtlExitFileSystem();

    return ToyCompleteRequest(Irp, Length == 0 ? STATUS_END_OF_FILE : STATUS_SUCCESS, Length);
}

//
//  Cleanup: a try/finally whose finally releases only what the try body
//  acquired, as recorded in a flag.
//

NTSTATUS
ToyCleanup(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PTOY_VCB Vcb = ToyVcbFromDevice(DeviceObject);
    PFILE_OBJECT FileObject = IoGetCurrentIrpStackLocation(Irp)->FileObject;
    BOOLEAN VcbAcquired = FALSE;

    PAGED_CODE();

    FsRtlEnterFileSystem();
    __try {
        if (!FlagOn(Vcb->Flags, TOY_VCB_LOCKED)) {
            __leave;                // nothing to undo
        }
        ExAcquireResourceExclusiveLite(&Vcb->Resource, TRUE);
        VcbAcquired = TRUE;
        if (Vcb->LockFileObject == FileObject) {
            ClearFlag(Vcb->Flags, TOY_VCB_LOCKED);
            Vcb->LockFileObject = NULL;
        }
    } __finally {
        if (VcbAcquired) {
            ExReleaseResourceLite(&Vcb->Resource);
        }
        FsRtlExitFileSystem();
    }

    return ToyCompleteRequest(Irp, STATUS_SUCCESS, 0);
}

//
//  Locking the volume must not wait behind open activity: it tries the
//  volume resource without waiting and checks the result.  (Cleanup of the
//  locking handle unlocks the volume.)
//

NTSTATUS
ToyFileSystemControl(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PTOY_VCB Vcb = ToyVcbFromDevice(DeviceObject);
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_INVALID_DEVICE_REQUEST;

    PAGED_CODE();

    if (IrpSp->MinorFunction != IRP_MN_USER_FS_REQUEST ||
        IrpSp->Parameters.FileSystemControl.FsControlCode != FSCTL_LOCK_VOLUME) {
        return ToyCompleteRequest(Irp, Status, 0);
    }

    FsRtlEnterFileSystem();
    if (!ExAcquireResourceExclusiveLite(&Vcb->Resource, FALSE)) {
        FsRtlExitFileSystem();
        return ToyCompleteRequest(Irp, STATUS_ACCESS_DENIED, 0);
    }
    if (FlagOn(Vcb->Flags, TOY_VCB_LOCKED) || Vcb->OpenCount > 1) {
        Status = STATUS_ACCESS_DENIED;
    } else {
        SetFlag(Vcb->Flags, TOY_VCB_LOCKED);
        Vcb->LockFileObject = IrpSp->FileObject;
        Status = STATUS_SUCCESS;
    }
    ExReleaseResourceLite(&Vcb->Resource);
    FsRtlExitFileSystem();

    return ToyCompleteRequest(Irp, Status, 0);
}

static NTSTATUS
ToyCompleteRequest(_Inout_ PIRP Irp, _In_ NTSTATUS Status, _In_ ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_DISK_INCREMENT);
    return Status;
}

//
//  Called with the volume resource held exclusive.
//

static PTOY_FCB
ToyFindOrCreateFcb(_In_ PTOY_VCB Vcb, _In_ PUNICODE_STRING Name)
{
    PLIST_ENTRY Entry;
    PTOY_FCB Fcb;

    for (Entry = Vcb->FcbList.Flink; Entry != &Vcb->FcbList; Entry = Entry->Flink) {
        Fcb = CONTAINING_RECORD(Entry, TOY_FCB, VcbLinks);
        if (RtlEqualUnicodeString(&Fcb->Name, Name, TRUE)) {
            return Fcb;
        }
    }

    Fcb = ExAllocatePoolWithTag(NonPagedPool, sizeof(TOY_FCB) + Name->Length, TOY_TAG);
    if (Fcb == NULL) {
        return NULL;
    }
    RtlZeroMemory(Fcb, sizeof(TOY_FCB));
    ExInitializeResourceLite(&Fcb->Resource);
    Fcb->Vcb = Vcb;
    Fcb->Name.Buffer = (PWCH)(Fcb + 1);
    Fcb->Name.MaximumLength = Name->Length;
    RtlCopyUnicodeString(&Fcb->Name, Name);
    InsertTailList(&Vcb->FcbList, &Fcb->VcbLinks);
    return Fcb;
}
