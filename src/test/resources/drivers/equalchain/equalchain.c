/*++

Module Name:

    equalchain.c

Abstract:

    A cache of file control blocks whose "current" and "last used" entries
    are compared with the request's FCB before its resource is taken
    through one of them and released through the other, and a mode
    compared with the request's before the device is locked in it. Each
    test says two things are equal only through a third: Current == Fcb and
    Fcb == Last make Current and Last one FCB; Mode == exclusive and
    Extension->Mode == Mode make Extension->Mode exclusive.

    The read and the write are correct. Engines before 29 November 2026
    knew only the equalities a branch stated, not what follows from two of
    them: the read's release through Last was of a resource never
    acquired, and its acquire through Current a leak; the write's release
    test was undecided, and the path that skipped it a leak. The close
    compares Fcb with Last the other way, and takes the FCB it did not
    release: both of its defects are real.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _EC_FCB {
    ERESOURCE Resource;
    ULONG OpenCount;
} EC_FCB, *PEC_FCB;

typedef struct _EC_EXTENSION {
    ERESOURCE Resource;
    PEC_FCB Current;
    PEC_FCB Last;
    ULONG Mode;                     // EC_SHARED or EC_EXCLUSIVE
    ULONG Writes;
} EC_EXTENSION, *PEC_EXTENSION;

#define EC_SHARED       1
#define EC_EXCLUSIVE    2

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH EcRead;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH EcWrite;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH EcClose;

static PEC_FCB
EcRequestFcb(
    _In_ PIRP Irp
    )
{
    return (PEC_FCB)IoGetCurrentIrpStackLocation(Irp)->FileObject->FsContext;
}

NTSTATUS
EcRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PEC_EXTENSION Extension = (PEC_EXTENSION)DeviceObject->DeviceExtension;
    PEC_FCB Fcb = EcRequestFcb(Irp);

    if (Extension->Current == Fcb && Fcb == Extension->Last) {
        ExAcquireResourceExclusiveLite(&Extension->Current->Resource, TRUE);
        Fcb->OpenCount += 1;
        ExReleaseResourceLite(&Extension->Last->Resource);
    }
    return STATUS_SUCCESS;
}

NTSTATUS
EcWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PEC_EXTENSION Extension = (PEC_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Mode = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Key;

    if (Extension->Mode == Mode && Mode == EC_EXCLUSIVE) {
        ExAcquireResourceExclusiveLite(&Extension->Resource, TRUE);
        Extension->Writes += 1;
        if (Extension->Mode == EC_EXCLUSIVE) {
            ExReleaseResourceLite(&Extension->Resource);
        }
    }
    return STATUS_SUCCESS;
}

NTSTATUS
EcClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PEC_EXTENSION Extension = (PEC_EXTENSION)DeviceObject->DeviceExtension;
    PEC_FCB Fcb = EcRequestFcb(Irp);

    if (Extension->Current == Fcb && Fcb != Extension->Last) {
        ExAcquireResourceExclusiveLite(&Extension->Current->Resource, TRUE);
        Fcb->OpenCount -= 1;

        //
        //  Defect (release-not-held): Last is not the FCB taken.
        //

        ExReleaseResourceLite(&Extension->Last->Resource);  // expect: ExclusiveResourceAccess release-not-held
    }

    //
    //  Defect (held-at-exit): Current's resource stays held.
    //

    return STATUS_SUCCESS;  // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_READ] = EcRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = EcWrite;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = EcClose;
    return STATUS_SUCCESS;
}
