/*++

Module Name:

    fullblock.c

Abstract:

    A write routine that decodes eight option bits of its request into a
    mask (256 paths with one lock state), takes the device's resource,
    notes in the device extension that it holds it, clears the note and
    releases it, and marks the extension written for some requests. A
    final check releases the resource if the note says it is still held,
    which it never does: the routine is correct.

    With every path apart, as the last refinement keeps them, the 256 paths
    that leave the extension unmarked reach the final check first and fill
    its block; the 256 marked ones that follow must each be joined with one
    of them, and the join makes the flags some value, the note included.
    The release in the check is then a candidate on joined paths only.
    Engines before 29 November 2026 took a full block's join in the last
    refinement for exact, as a loop head's, and reported that release as a
    confirmed release-not-held; the routine is now Inconclusive, saying so.
    (fullmerge, where both kinds of path are in the block when it fills, is
    a Pass: a full block joins an arrival with the state it differs from
    least.)

--*/

// expect-verdict: ExclusiveResourceAccess Inconclusive

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _FB_EXTENSION {
    ERESOURCE Resource;
    ULONG Flags;                    // FB_HELD, FB_WRITTEN
    ULONG Mode;
    ULONG Hits;
} FB_EXTENSION, *PFB_EXTENSION;

#define FB_HELD         0x00000001
#define FB_WRITTEN      0x00000002

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH FbWrite;

NTSTATUS
FbWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PFB_EXTENSION Extension = (PFB_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Options = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Key;
    ULONG Mask = 0;

    if (FlagOn(Options, 0x01)) { Mask |= 0x01; }
    if (FlagOn(Options, 0x02)) { Mask |= 0x02; }
    if (FlagOn(Options, 0x04)) { Mask |= 0x04; }
    if (FlagOn(Options, 0x08)) { Mask |= 0x08; }
    if (FlagOn(Options, 0x10)) { Mask |= 0x10; }
    if (FlagOn(Options, 0x20)) { Mask |= 0x20; }
    if (FlagOn(Options, 0x40)) { Mask |= 0x40; }
    if (FlagOn(Options, 0x80)) { Mask |= 0x80; }

    Extension->Flags = 0;
    ExAcquireResourceExclusiveLite(&Extension->Resource, TRUE);
    SetFlag(Extension->Flags, FB_HELD);
    Extension->Mode = Mask;
    ClearFlag(Extension->Flags, FB_HELD);
    ExReleaseResourceLite(&Extension->Resource);

    if (FlagOn(Options, 0x100)) {
        SetFlag(Extension->Flags, FB_WRITTEN);
    }

    if (FlagOn(Extension->Flags, FB_HELD)) {
        ExReleaseResourceLite(&Extension->Resource);
    }
    if (Mask == 0x5A) {
        Extension->Hits += 1;
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
    DriverObject->MajorFunction[IRP_MJ_WRITE] = FbWrite;
    return STATUS_SUCCESS;
}
