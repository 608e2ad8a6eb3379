/*++

Module Name:

    focusrefine.c

Abstract:

    A statistics device whose control routine first translates eight
    option bits into a mask, one bit each, so that their 256 combinations
    reach each request's helper with the same lock state. The update helper
    takes the device resource when the mask says so and drops it when the
    option the mask bit came from says so; the tally helper records the
    mask and counts, under the resource, a request with any of 32 other
    bits set. The routine is correct.

    Short of keeping all 256 paths apart, the exploration joins some of
    them, forgets which mask goes with which options, and finds a leak and
    a release of nothing that are not there; only the last refinement,
    every path apart, refutes them. Kept apart, those paths also call the
    tally helper with 256 masks, and each call, with the helper's own paths
    kept apart, costs thousands of steps. Engines before 29 November 2026
    refined every function the routine runs and ran out of time in the
    tally helper; a refinement now keeps paths apart only in the functions
    the candidates' paths ran through (the routine and the update helper),
    and the tally helper is summarised as in the first exploration.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define IOCTL_FR_UPDATE     CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_FR_TALLY      CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define FR_OPTION_LOCKED    0x00000001
#define FR_OPTION_READS     0x00000002
#define FR_OPTION_WRITES    0x00000004
#define FR_OPTION_ERRORS    0x00000008
#define FR_OPTION_RETRIES   0x00000010
#define FR_OPTION_FLUSHES   0x00000020
#define FR_OPTION_TRIMS     0x00000040
#define FR_OPTION_RESETS    0x00000080

#define FR_STAT_LOCKED      0x00010000
#define FR_STAT_READS       0x00020000
#define FR_STAT_WRITES      0x00040000
#define FR_STAT_ERRORS      0x00080000
#define FR_STAT_RETRIES     0x00100000
#define FR_STAT_FLUSHES     0x00200000
#define FR_STAT_TRIMS       0x00400000
#define FR_STAT_RESETS      0x00800000

typedef struct _FR_EXTENSION {
    ERESOURCE Resource;             // the statistics below
    ULONG Updates;
    ULONG Mask;                     // the statistics mask of the last request
    ULONG Tallied;
} FR_EXTENSION, *PFR_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH FrDeviceControl;

//
//  Records the statistics mask, then takes the resource and counts the
//  request if any of 32 bits is set: one lock state, 2^32 ways to set them.
//

static VOID
FrTally(
    _Inout_ PFR_EXTENSION Ext,
    _In_ ULONG Mask,
    _In_ ULONG Bits
    )
{
    ULONG Seen = 0;

    Ext->Mask = Mask;
    if (FlagOn(Bits, 0x00000001)) { SetFlag(Seen, 0x00000001); }
    if (FlagOn(Bits, 0x00000002)) { SetFlag(Seen, 0x00000002); }
    if (FlagOn(Bits, 0x00000004)) { SetFlag(Seen, 0x00000004); }
    if (FlagOn(Bits, 0x00000008)) { SetFlag(Seen, 0x00000008); }
    if (FlagOn(Bits, 0x00000010)) { SetFlag(Seen, 0x00000010); }
    if (FlagOn(Bits, 0x00000020)) { SetFlag(Seen, 0x00000020); }
    if (FlagOn(Bits, 0x00000040)) { SetFlag(Seen, 0x00000040); }
    if (FlagOn(Bits, 0x00000080)) { SetFlag(Seen, 0x00000080); }
    if (FlagOn(Bits, 0x00000100)) { SetFlag(Seen, 0x00000100); }
    if (FlagOn(Bits, 0x00000200)) { SetFlag(Seen, 0x00000200); }
    if (FlagOn(Bits, 0x00000400)) { SetFlag(Seen, 0x00000400); }
    if (FlagOn(Bits, 0x00000800)) { SetFlag(Seen, 0x00000800); }
    if (FlagOn(Bits, 0x00001000)) { SetFlag(Seen, 0x00001000); }
    if (FlagOn(Bits, 0x00002000)) { SetFlag(Seen, 0x00002000); }
    if (FlagOn(Bits, 0x00004000)) { SetFlag(Seen, 0x00004000); }
    if (FlagOn(Bits, 0x00008000)) { SetFlag(Seen, 0x00008000); }
    if (FlagOn(Bits, 0x00010000)) { SetFlag(Seen, 0x00010000); }
    if (FlagOn(Bits, 0x00020000)) { SetFlag(Seen, 0x00020000); }
    if (FlagOn(Bits, 0x00040000)) { SetFlag(Seen, 0x00040000); }
    if (FlagOn(Bits, 0x00080000)) { SetFlag(Seen, 0x00080000); }
    if (FlagOn(Bits, 0x00100000)) { SetFlag(Seen, 0x00100000); }
    if (FlagOn(Bits, 0x00200000)) { SetFlag(Seen, 0x00200000); }
    if (FlagOn(Bits, 0x00400000)) { SetFlag(Seen, 0x00400000); }
    if (FlagOn(Bits, 0x00800000)) { SetFlag(Seen, 0x00800000); }
    if (FlagOn(Bits, 0x01000000)) { SetFlag(Seen, 0x01000000); }
    if (FlagOn(Bits, 0x02000000)) { SetFlag(Seen, 0x02000000); }
    if (FlagOn(Bits, 0x04000000)) { SetFlag(Seen, 0x04000000); }
    if (FlagOn(Bits, 0x08000000)) { SetFlag(Seen, 0x08000000); }
    if (FlagOn(Bits, 0x10000000)) { SetFlag(Seen, 0x10000000); }
    if (FlagOn(Bits, 0x20000000)) { SetFlag(Seen, 0x20000000); }
    if (FlagOn(Bits, 0x40000000)) { SetFlag(Seen, 0x40000000); }
    if (FlagOn(Bits, 0x80000000)) { SetFlag(Seen, 0x80000000); }
    if (Seen != 0) {
        (VOID)ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
        Ext->Tallied += 1;
        ExReleaseResourceLite(&Ext->Resource);
    }
}

//
//  Takes the resource when the mask says so and drops it when the option
//  the mask bit came from says so: correct, as the two agree.
//

static VOID
FrUpdate(
    _Inout_ PFR_EXTENSION Ext,
    _In_ ULONG Mask,
    _In_ ULONG Options
    )
{
    if (FlagOn(Mask, FR_STAT_LOCKED)) {
        (VOID)ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    }

    Ext->Updates += 1;

    if (FlagOn(Options, FR_OPTION_LOCKED)) {
        ExReleaseResourceLite(&Ext->Resource);
    }

    Ext->Mask = Mask;
}

//
//  The options are first translated into the statistics mask, one bit
//  each, so their 256 combinations all reach each request's helper with
//  the same lock state.
//

NTSTATUS
FrDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PFR_EXTENSION Ext = (PFR_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PULONG Buffer = (PULONG)Irp->AssociatedIrp.SystemBuffer;
    ULONG Options = Buffer[0];
    ULONG Mask = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    if (FlagOn(Options, FR_OPTION_LOCKED)) {
        SetFlag(Mask, FR_STAT_LOCKED);
    }
    if (FlagOn(Options, FR_OPTION_READS)) {
        SetFlag(Mask, FR_STAT_READS);
    }
    if (FlagOn(Options, FR_OPTION_WRITES)) {
        SetFlag(Mask, FR_STAT_WRITES);
    }
    if (FlagOn(Options, FR_OPTION_ERRORS)) {
        SetFlag(Mask, FR_STAT_ERRORS);
    }
    if (FlagOn(Options, FR_OPTION_RETRIES)) {
        SetFlag(Mask, FR_STAT_RETRIES);
    }
    if (FlagOn(Options, FR_OPTION_FLUSHES)) {
        SetFlag(Mask, FR_STAT_FLUSHES);
    }
    if (FlagOn(Options, FR_OPTION_TRIMS)) {
        SetFlag(Mask, FR_STAT_TRIMS);
    }
    if (FlagOn(Options, FR_OPTION_RESETS)) {
        SetFlag(Mask, FR_STAT_RESETS);
    }

    KeEnterCriticalRegion();
    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_FR_UPDATE:
        FrUpdate(Ext, Mask, Options);
        break;
    case IOCTL_FR_TALLY:
        FrTally(Ext, Mask, Buffer[1]);
        break;
    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    KeLeaveCriticalRegion();

    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    PFR_EXTENSION Ext;
    PDEVICE_OBJECT DeviceObject;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    Status = IoCreateDevice(DriverObject, sizeof(FR_EXTENSION), NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                            &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }
    Ext = (PFR_EXTENSION)DeviceObject->DeviceExtension;
    ExInitializeResourceLite(&Ext->Resource);
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = FrDeviceControl;
    return STATUS_SUCCESS;
}
