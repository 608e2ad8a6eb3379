/*++

Module Name:

    joinrefine.c

Abstract:

    A volume-statistics driver whose request paths first decode several
    independent option bits into locals and only later decide, from two
    locals set together, whether to take and drop the volume resource.
    Many paths with the same lock state meet before the acquire, so the
    analysis joins them and forgets that the two locals agree; what it then
    finds must be confirmed path by path.  The write path is correct; the
    flush path drops the resource under an extra condition and so returns
    holding it.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define JR_OPTION_LOCKED        0x00000001
#define JR_OPTION_COUNT         0x00000002
#define JR_OPTION_TRACE         0x00000004
#define JR_OPTION_VERIFY        0x00000008
#define JR_OPTION_ZERO          0x00000010
#define JR_OPTION_KEEP          0x00000020
#define JR_OPTION_EARLY         0x00000040
#define JR_OPTION_SHORT         0x00000080
#define JR_OPTION_LONG          0x00000100

typedef struct _JR_EXTENSION {
    ERESOURCE VolumeResource;
    ULONG Writes;
    ULONG Traced;
    ULONG Verified;
    ULONG Zeroed;
    ULONG Kept;
} JR_EXTENSION, *PJR_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH JrWrite;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH JrFlush;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH JrRead;

NTSTATUS
JrWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PJR_EXTENSION Extension = (PJR_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Options = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Key;
    BOOLEAN TakeLock = FALSE;
    BOOLEAN DropLock = FALSE;
    BOOLEAN Count = FALSE;
    BOOLEAN Trace = FALSE;
    BOOLEAN Verify = FALSE;
    BOOLEAN Zero = FALSE;

    //
    //  The two lock decisions are made together; the other bits are
    //  independent and only used after the resource is dropped.
    //

    if (FlagOn(Options, JR_OPTION_LOCKED)) {
        TakeLock = TRUE;
        DropLock = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_COUNT)) {
        Count = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_TRACE)) {
        Trace = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_VERIFY)) {
        Verify = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_ZERO)) {
        Zero = TRUE;
    }

    if (TakeLock) {
        (VOID)ExAcquireResourceExclusiveLite(&Extension->VolumeResource, TRUE);
    }

    Extension->Writes += 1;

    if (DropLock) {
        ExReleaseResourceLite(&Extension->VolumeResource);
    }

    if (Count) {
        Extension->Writes += 1;
    }

    if (Trace) {
        Extension->Traced += 1;
    }

    if (Verify) {
        Extension->Verified += 1;
    }

    if (Zero) {
        Extension->Zeroed += 1;
    }

    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
JrFlush(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PJR_EXTENSION Extension = (PJR_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Options = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Key;
    BOOLEAN TakeLock = FALSE;
    BOOLEAN DropLock = FALSE;
    BOOLEAN Trace = FALSE;
    BOOLEAN Verify = FALSE;
    BOOLEAN Zero = FALSE;
    BOOLEAN Keep = FALSE;

    if (FlagOn(Options, JR_OPTION_LOCKED)) {
        TakeLock = TRUE;
        DropLock = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_TRACE)) {
        Trace = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_VERIFY)) {
        Verify = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_ZERO)) {
        Zero = TRUE;
    }

    if (FlagOn(Options, JR_OPTION_KEEP)) {
        Keep = TRUE;
    }

    if (TakeLock) {
        (VOID)ExAcquireResourceExclusiveLite(&Extension->VolumeResource, TRUE);
    }

    //
    //  Defect (dispatch, held-at-exit): a caller asking to keep the cache
    //  warm skips the release.
    //

    if (DropLock && !Keep) {
        ExReleaseResourceLite(&Extension->VolumeResource);
    }

    if (Trace) {
        Extension->Traced += 1;
    }

    if (Verify) {
        Extension->Verified += 1;
    }

    if (Zero) {
        Extension->Zeroed += 1;
    }

    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;          // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
JrRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
/*++

    The early and counting paths take the resource on their own; the other
    path first chooses a mode among three (more paths than are kept apart,
    so the mode becomes "some value") and takes the resource for mode 1.
    The holding paths meet before the release and are joined: the joined
    path is as real as an early one for the keep test, which does not
    depend on the mode, but not for the mode test, which no holding path
    can pass.

--*/
{
    PJR_EXTENSION Extension = (PJR_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Options = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Key;
    BOOLEAN Locked = FALSE;
    ULONG Mode;

    if (FlagOn(Options, JR_OPTION_EARLY)) {
        (VOID)ExAcquireResourceExclusiveLite(&Extension->VolumeResource, TRUE);
        Locked = TRUE;
        Mode = 1;
    } else if (FlagOn(Options, JR_OPTION_COUNT)) {
        (VOID)ExAcquireResourceExclusiveLite(&Extension->VolumeResource, TRUE);
        Locked = TRUE;
        Mode = 3;
    } else {
        if (FlagOn(Options, JR_OPTION_SHORT)) {
            Mode = 1;
        } else if (FlagOn(Options, JR_OPTION_LONG)) {
            Mode = 2;
        } else {
            Mode = 3;
        }
        if (Mode == 1) {
            (VOID)ExAcquireResourceExclusiveLite(&Extension->VolumeResource, TRUE);
            Locked = TRUE;
        }
    }

    if (Locked && Mode == 2) {
        return STATUS_INVALID_PARAMETER;    // no holding path has mode 2
    }

    if (Locked && FlagOn(Options, JR_OPTION_KEEP)) {
        Extension->Kept += 1;
        return STATUS_PENDING;              // expect: ExclusiveResourceAccess held-at-exit
    }

    if (Locked) {
        ExReleaseResourceLite(&Extension->VolumeResource);
    }

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

    DriverObject->MajorFunction[IRP_MJ_WRITE] = JrWrite;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = JrFlush;
    DriverObject->MajorFunction[IRP_MJ_READ] = JrRead;
    return STATUS_SUCCESS;
}
