/*++

Module Name:

    sehfs.c

Abstract:

    Structured exception handling around executive resources.

      SehRead                   return inside __try; the __finally releases.
      SehWrite                  __leave skips the release (defect).
      SehQueryEa                __try/__except around a user buffer, with
                                the resource held around the whole block.
      SehSetInformation         the __finally releases what a flag says
                                was acquired.
      SehSetVolumeInformation   the same with the flag set too early (defect).
      SehFileSystemControl      nested try/finally with the C spellings,
                                leave, try_return and AbnormalTermination.

--*/

#include "sehfs.h"

static NTSTATUS SehComplete(_Inout_ PIRP Irp, _In_ NTSTATUS Status, _In_ ULONG_PTR Information);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, SehUnload)
#pragma alloc_text(PAGE, SehCreate)
#pragma alloc_text(PAGE, SehClose)
#pragma alloc_text(PAGE, SehRead)
#pragma alloc_text(PAGE, SehWrite)
#pragma alloc_text(PAGE, SehQueryEa)
#pragma alloc_text(PAGE, SehSetInformation)
#pragma alloc_text(PAGE, SehSetVolumeInformation)
#pragma alloc_text(PAGE, SehFileSystemControl)
#endif

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    static CONST PCWSTR Names[SEH_MAX_FILES] = {
        L"\\", L"\\boot.ini", L"\\readme.txt", L"\\log.txt",
        L"\\a.dat", L"\\b.dat", L"\\c.dat", L"\\d.dat"
    };
    UNICODE_STRING DeviceName;
    PDEVICE_OBJECT DeviceObject;
    PSEH_VCB Vcb;
    NTSTATUS Status;
    ULONG i;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&DeviceName, L"\\Device\\SehFs");
    Status = IoCreateDevice(DriverObject, sizeof(SEH_VCB), &DeviceName, FILE_DEVICE_DISK_FILE_SYSTEM,
                            0, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Vcb = SehVcb(DeviceObject);
    RtlZeroMemory(Vcb, sizeof(SEH_VCB));
    ExInitializeResourceLite(&Vcb->Resource);
    for (i = 0; i < SEH_MAX_FILES; i++) {
        ExInitializeResourceLite(&Vcb->Files[i].Resource);
        RtlInitUnicodeString(&Vcb->Files[i].Name, Names[i]);
        Vcb->Files[i].Flags = SEH_FCB_IN_USE;
    }
    SetFlag(Vcb->Files[0].Flags, SEH_FCB_DIRECTORY);
    SetFlag(Vcb->Files[1].Flags, SEH_FCB_READ_ONLY);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = SehCreate;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = SehClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = SehRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = SehWrite;
    DriverObject->MajorFunction[IRP_MJ_QUERY_EA] = SehQueryEa;
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = SehSetInformation;
    DriverObject->MajorFunction[IRP_MJ_SET_VOLUME_INFORMATION] = SehSetVolumeInformation;
    DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = SehFileSystemControl;
    DriverObject->DriverUnload = SehUnload;

    DeviceObject->Flags |= DO_DIRECT_IO;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
SehUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PSEH_VCB Vcb = SehVcb(DeviceObject);
    ULONG i;

    PAGED_CODE();

    for (i = 0; i < SEH_MAX_FILES; i++) {
        ExDeleteResourceLite(&Vcb->Files[i].Resource);
    }
    ExDeleteResourceLite(&Vcb->Resource);
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
SehCreate(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSEH_VCB Vcb = SehVcb(DeviceObject);
    PFILE_OBJECT FileObject = IoGetCurrentIrpStackLocation(Irp)->FileObject;
    NTSTATUS Status = STATUS_OBJECT_NAME_NOT_FOUND;
    ULONG i;

    PAGED_CODE();

    FsRtlEnterFileSystem();
    ExAcquireResourceSharedLite(&Vcb->Resource, TRUE);
    for (i = 0; i < SEH_MAX_FILES; i++) {
        PSEH_FCB Fcb = &Vcb->Files[i];
        if (RtlEqualUnicodeString(&Fcb->Name, &FileObject->FileName, TRUE)) {
            InterlockedIncrement((PLONG)&Fcb->OpenCount);
            FileObject->FsContext = Fcb;
            Status = STATUS_SUCCESS;
            break;
        }
    }
    ExReleaseResourceLite(&Vcb->Resource);
    FsRtlExitFileSystem();

    return SehComplete(Irp, Status, NT_SUCCESS(Status) ? FILE_OPENED : 0);
}

NTSTATUS
SehClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSEH_FCB Fcb = SehFcb(IoGetCurrentIrpStackLocation(Irp));

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    if (Fcb != NULL) {
        InterlockedDecrement((PLONG)&Fcb->OpenCount);
    }
    return SehComplete(Irp, STATUS_SUCCESS, 0);
}

//
//  A return inside __try: the __finally runs on the way out and releases.
//

NTSTATUS
SehRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSEH_FCB Fcb = SehFcb(IrpSp);
    ULONG Offset = IrpSp->Parameters.Read.ByteOffset.LowPart;
    ULONG Length = IrpSp->Parameters.Read.Length;
    PVOID Buffer;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    FsRtlEnterFileSystem();

    //
    //  Exclusive: a read also updates the access time.
    //

    ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);
    __try {
        if (Offset >= Fcb->FileSize) {
            return SehComplete(Irp, STATUS_END_OF_FILE, 0);
        }

        Buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
        if (Buffer == NULL) {
            return SehComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
        }

        Length = min(Length, Fcb->FileSize - Offset);
        RtlCopyMemory(Buffer, &Fcb->Data[Offset], Length);
        KeQuerySystemTime(&Fcb->LastAccess);

    } __finally {
        ExReleaseResourceLite(&Fcb->Resource);
        FsRtlExitFileSystem();
    }

    return SehComplete(Irp, STATUS_SUCCESS, Length);
}

NTSTATUS
SehWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSEH_FCB Fcb = SehFcb(IrpSp);
    ULONG Offset = IrpSp->Parameters.Write.ByteOffset.LowPart;
    ULONG Length = IrpSp->Parameters.Write.Length;
    ULONG Written = 0;
    NTSTATUS Status = STATUS_SUCCESS;
    PVOID Buffer;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    FsRtlEnterFileSystem();
    __try {
        ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);

        if (FlagOn(Fcb->Flags, SEH_FCB_READ_ONLY | SEH_FCB_DIRECTORY)) {

            //
            //  Defect (held-at-exit through __leave): leaving the try body
            //  skips the release at its end, and the __finally does not
            //  release.  Reported at the return below.
            //

            Status = STATUS_ACCESS_DENIED;
            __leave;
        }

        Buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
        if (Buffer != NULL && Offset < SEH_MAX_FILE_SIZE) {
            Written = min(Length, SEH_MAX_FILE_SIZE - Offset);
            RtlCopyMemory(&Fcb->Data[Offset], Buffer, Written);
            Fcb->FileSize = max(Fcb->FileSize, Offset + Written);
        } else {
            Status = STATUS_INVALID_PARAMETER;
        }

        ExReleaseResourceLite(&Fcb->Resource);

    } __finally {
        FsRtlExitFileSystem();
    }

    //
    //  Defect (held-at-exit), reported here: the __leave path above still
    //  holds the FCB.
    //

    Status = SehComplete(Irp, Status, Written);
    return Status;          // expect: ExclusiveResourceAccess held-at-exit
}

//
//  The caller's buffer is a user address: the copy runs under
//  __try/__except.  The resource is acquired before the __try and released
//  after the __except, so it is released whether or not the copy faults.
//

NTSTATUS
SehQueryEa(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSEH_FCB Fcb = SehFcb(IrpSp);
    PVOID UserBuffer = Irp->UserBuffer;
    ULONG Length = IrpSp->Parameters.QueryEa.Length;
    ULONG Copied = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    FsRtlEnterFileSystem();
    ExAcquireResourceExclusiveLite(&Fcb->Resource, TRUE);

    __try {
        if (Irp->RequestorMode != KernelMode) {
            ProbeForWrite(UserBuffer, Length, sizeof(UCHAR));
        }
        Copied = min(Length, Fcb->EaSize);
        RtlCopyMemory(UserBuffer, Fcb->Ea, Copied);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
        Copied = 0;
    }

    ExReleaseResourceLite(&Fcb->Resource);
    FsRtlExitFileSystem();

    return SehComplete(Irp, Status, Copied);
}

//
//  The __finally releases only if the flag says the acquire succeeded.
//  An asynchronous request does not wait for the resource.
//

NTSTATUS
SehSetInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSEH_FCB Fcb = SehFcb(IrpSp);
    PFILE_END_OF_FILE_INFORMATION EndOfFile;
    BOOLEAN Wait = IoIsOperationSynchronous(Irp);
    BOOLEAN FcbAcquired = FALSE;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    if (IrpSp->Parameters.SetFile.FileInformationClass != FileEndOfFileInformation ||
        IrpSp->Parameters.SetFile.Length < sizeof(FILE_END_OF_FILE_INFORMATION)) {
        return SehComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }
    EndOfFile = (PFILE_END_OF_FILE_INFORMATION)Irp->AssociatedIrp.SystemBuffer;

    FsRtlEnterFileSystem();
    __try {
        if (!ExAcquireResourceExclusiveLite(&Fcb->Resource, Wait)) {
            Status = STATUS_DEVICE_BUSY;
            __leave;
        }
        FcbAcquired = TRUE;

        if (EndOfFile->EndOfFile.QuadPart > SEH_MAX_FILE_SIZE) {
            Status = STATUS_DISK_FULL;
            __leave;
        }
        Fcb->FileSize = EndOfFile->EndOfFile.LowPart;

    } __finally {
        if (FcbAcquired) {
            ExReleaseResourceLite(&Fcb->Resource);
        }
        FsRtlExitFileSystem();
    }

    return SehComplete(Irp, Status, 0);
}

NTSTATUS
SehSetVolumeInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSEH_VCB Vcb = SehVcb(DeviceObject);
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PFILE_FS_LABEL_INFORMATION Label = (PFILE_FS_LABEL_INFORMATION)Irp->AssociatedIrp.SystemBuffer;
    BOOLEAN Wait = IoIsOperationSynchronous(Irp);
    BOOLEAN VcbAcquired = FALSE;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    if (IrpSp->Parameters.SetVolume.FsInformationClass != FileFsLabelInformation ||
        IrpSp->Parameters.SetVolume.Length < sizeof(FILE_FS_LABEL_INFORMATION) ||
        Label->VolumeLabelLength > sizeof(Vcb->Label)) {
        return SehComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }

    FsRtlEnterFileSystem();
    __try {

        //
        //  Defect (release-not-held in the __finally): the flag is set
        //  before the attempt, so when an asynchronous request fails to get
        //  the resource, the __finally releases it anyway.
        //

        VcbAcquired = TRUE;
        if (!ExAcquireResourceExclusiveLite(&Vcb->Resource, Wait)) {
            Status = STATUS_DEVICE_BUSY;
            __leave;
        }

        RtlCopyMemory(Vcb->Label, Label->VolumeLabel, Label->VolumeLabelLength);
        Vcb->LabelLength = (USHORT)Label->VolumeLabelLength;

    } __finally {

        //
        //  Defect (release-not-held), reported here when the try failed.
        //

        if (VcbAcquired) {
            ExReleaseResourceLite(&Vcb->Resource);  // expect: ExclusiveResourceAccess release-not-held
        }
        FsRtlExitFileSystem();
    }

    return SehComplete(Irp, Status, 0);
}

//
//  Copies a directory into the caller's buffer.  The volume is held shared
//  by the outer try, the directory exclusive by the inner one; each finally
//  releases what its flag says.  Written with the try/finally/leave
//  spellings and the try_return macro.
//

NTSTATUS
SehFileSystemControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSEH_VCB Vcb = SehVcb(DeviceObject);
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSEH_FCB Dcb = SehFcb(IrpSp);
    PSEH_SNAPSHOT_HEADER Output = (PSEH_SNAPSHOT_HEADER)Irp->AssociatedIrp.SystemBuffer;
    ULONG OutputLength = IrpSp->Parameters.FileSystemControl.OutputBufferLength;
    BOOLEAN Wait = IoIsOperationSynchronous(Irp);
    BOOLEAN VcbAcquired = FALSE;
    BOOLEAN DcbAcquired = FALSE;
    PUCHAR Snapshot = NULL;
    ULONG Returned = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    if (IrpSp->MinorFunction != IRP_MN_USER_FS_REQUEST ||
        IrpSp->Parameters.FileSystemControl.FsControlCode != FSCTL_SEHFS_SNAPSHOT ||
        Dcb == NULL || !FlagOn(Dcb->Flags, SEH_FCB_DIRECTORY) ||
        OutputLength < sizeof(SEH_SNAPSHOT_HEADER)) {
        return SehComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }

    FsRtlEnterFileSystem();

    try {

        if (!ExAcquireResourceSharedLite(&Vcb->Resource, Wait)) {
            try_return( Status = STATUS_DEVICE_BUSY );
        }
        VcbAcquired = TRUE;

        try {

            ExAcquireResourceExclusiveLite(&Dcb->Resource, TRUE);
            DcbAcquired = TRUE;

            Snapshot = ExAllocatePoolWithTag(PagedPool, SEH_MAX_FILE_SIZE, SEH_TAG);
            if (Snapshot == NULL) {
                Status = STATUS_INSUFFICIENT_RESOURCES;
                leave;
            }
            RtlCopyMemory(Snapshot, Dcb->Data, Dcb->FileSize);
            Returned = Dcb->FileSize;

        } finally {

            if (DcbAcquired) {
                ExReleaseResourceLite(&Dcb->Resource);
                DcbAcquired = FALSE;
            }
            if (AbnormalTermination() && Snapshot != NULL) {
                ExFreePoolWithTag(Snapshot, SEH_TAG);
                Snapshot = NULL;
            }
        }

        if (Snapshot == NULL) {
            try_return( NOTHING );
        }

        Returned = min(Returned, OutputLength - FIELD_OFFSET(SEH_SNAPSHOT_HEADER, Data));
        Output->Length = Returned;
        RtlCopyMemory(Output->Data, Snapshot, Returned);
        Returned += FIELD_OFFSET(SEH_SNAPSHOT_HEADER, Data);

    try_exit: NOTHING;
    } finally {

        if (VcbAcquired) {
            ExReleaseResourceLite(&Vcb->Resource);
        }
        FsRtlExitFileSystem();
    }

    if (Snapshot != NULL) {
        ExFreePoolWithTag(Snapshot, SEH_TAG);
    }

    return SehComplete(Irp, Status, NT_SUCCESS(Status) ? Returned : 0);
}

static NTSTATUS
SehComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status,
    _In_ ULONG_PTR Information
    )
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_DISK_INCREMENT);
    return Status;
}
