/*++

Module Name:

    mirrorvol.c

Abstract:

    Reads go to one member, writes to both.  The device-control requests
    show the acquire variants one by one: a non-blocking acquire whose
    result is checked, a Wait flag computed from the request, the
    critical-region acquire and release, conversion to shared, a try-acquire,
    and shared acquires.

    Deliberate defects: taking a member offline releases the other member's
    resource (release-not-held, then held-at-exit); breaking the mirror
    releases the configuration twice; and the statistics are "frozen" by
    one internal request and "thawed" by another, as if a hold could
    survive from one call to the next.

--*/

#include "mirrorvol.h"

static NTSTATUS MirrorForwardSync(_In_ PMIRROR_MEMBER Member, _In_ UCHAR MajorFunction, _In_ PIRP Irp);
static NTSTATUS MirrorComplete(_Inout_ PIRP Irp, _In_ NTSTATUS Status, _In_ ULONG_PTR Information);
static NTSTATUS MirrorOpenMember(_Out_ PMIRROR_MEMBER Member, _In_ PCWSTR Name);

__forceinline
PMIRROR_MEMBER
MirrorPreferredMember(
    _In_ PMIRROR_EXTENSION Ext
    )
{
    return &Ext->Members[Ext->PreferredMember % MIRROR_MEMBER_COUNT];
}

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(INIT, MirrorOpenMember)
#pragma alloc_text(PAGE, MirrorUnload)
#pragma alloc_text(PAGE, MirrorRead)
#pragma alloc_text(PAGE, MirrorWrite)
#pragma alloc_text(PAGE, MirrorDeviceControl)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    PMIRROR_EXTENSION Ext;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\Device\\MirrorVolume0");
    Status = IoCreateDevice(DriverObject, sizeof(MIRROR_EXTENSION), &Name, FILE_DEVICE_DISK, 0, FALSE,
                            &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PMIRROR_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(MIRROR_EXTENSION));

    Status = MirrorOpenMember(&Ext->Members[0], L"\\Device\\Harddisk1\\Partition1");
    if (NT_SUCCESS(Status)) {
        Status = MirrorOpenMember(&Ext->Members[1], L"\\Device\\Harddisk2\\Partition1");
        if (!NT_SUCCESS(Status)) {
            ObDereferenceObject(Ext->Members[0].TargetFile);
        }
    }
    if (!NT_SUCCESS(Status)) {
        IoDeleteDevice(DeviceObject);
        return Status;
    }

    ExInitializeResourceLite(&Ext->Members[0].Resource);
    ExInitializeResourceLite(&Ext->Members[1].Resource);
    ExInitializeResourceLite(&Ext->ConfigResource);
    ExInitializeResourceLite(&Ext->StatsResource);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = MirrorCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = MirrorCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = MirrorRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = MirrorWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = MirrorDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = MirrorInternalControl;
    DriverObject->DriverUnload = MirrorUnload;

    DeviceObject->Flags |= DO_DIRECT_IO;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
MirrorUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PMIRROR_EXTENSION Ext = (PMIRROR_EXTENSION)DeviceObject->DeviceExtension;
    ULONG i;

    PAGED_CODE();

    for (i = 0; i < MIRROR_MEMBER_COUNT; i++) {
        ObDereferenceObject(Ext->Members[i].TargetFile);
        ExDeleteResourceLite(&Ext->Members[i].Resource);
    }
    ExDeleteResourceLite(&Ext->ConfigResource);
    ExDeleteResourceLite(&Ext->StatsResource);
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
MirrorCreateClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    UNREFERENCED_PARAMETER(DeviceObject);

    return MirrorComplete(Irp, STATUS_SUCCESS, 0);
}

//
//  A read goes to the preferred member, held shared.
//

NTSTATUS
MirrorRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PMIRROR_EXTENSION Ext = (PMIRROR_EXTENSION)DeviceObject->DeviceExtension;
    PMIRROR_MEMBER Member = MirrorPreferredMember(Ext);
    ULONG Length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;
    NTSTATUS Status;

    PAGED_CODE();

    KeEnterCriticalRegion();
    (VOID)ExAcquireSharedWaitForExclusive(&Member->Resource, TRUE);
    Status = MirrorForwardSync(Member, IRP_MJ_READ, Irp);
    ExReleaseResourceLite(&Member->Resource);
    KeLeaveCriticalRegion();

    return MirrorComplete(Irp, Status, NT_SUCCESS(Status) ? Length : 0);
}

//
//  A write goes to both members: two different resources, the primary's
//  first, each released for the current thread.
//

NTSTATUS
MirrorWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PMIRROR_EXTENSION Ext = (PMIRROR_EXTENSION)DeviceObject->DeviceExtension;
    PMIRROR_MEMBER Primary = &Ext->Members[0];
    PMIRROR_MEMBER Secondary = &Ext->Members[1];
    ULONG Length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Length;
    NTSTATUS Status;

    PAGED_CODE();

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Primary->Resource, TRUE);
    ExAcquireResourceExclusiveLite(&Secondary->Resource, TRUE);

    Status = MirrorForwardSync(Primary, IRP_MJ_WRITE, Irp);
    if (NT_SUCCESS(Status) && Secondary->State == MirrorMemberOnline) {
        if (!NT_SUCCESS(MirrorForwardSync(Secondary, IRP_MJ_WRITE, Irp))) {
            Secondary->State = MirrorMemberFailed;
        }
    }

    ExReleaseResourceForThreadLite(&Secondary->Resource, ExGetCurrentResourceThread());
    ExReleaseResourceForThreadLite(&Primary->Resource, ExGetCurrentResourceThread());
    KeLeaveCriticalRegion();

    return MirrorComplete(Irp, Status, NT_SUCCESS(Status) ? Length : 0);
}

_IRQL_requires_max_(APC_LEVEL)
_When_(return != FALSE, _Acquires_exclusive_lock_(Ext->ConfigResource))
static BOOLEAN
MirrorLockConfig(
    _Inout_ PMIRROR_EXTENSION Ext,
    _In_ BOOLEAN Wait
    )
{
    return ExAcquireResourceExclusiveLite(&Ext->ConfigResource, Wait);
}

NTSTATUS
MirrorDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PMIRROR_EXTENSION Ext = (PMIRROR_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    ULONG InputLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG OutputLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    PVOID Buffer = Irp->AssociatedIrp.SystemBuffer;
    PMIRROR_MEMBER Primary = &Ext->Members[0];
    PMIRROR_MEMBER Secondary = &Ext->Members[1];
    PDEVICE_OBJECT Target;
    PFILE_OBJECT TargetFile;
    ULONG_PTR Information = 0;
    BOOLEAN Wait;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {

    case IOCTL_MIRROR_QUERY_CONFIG:

        //
        //  Never block a query behind a resync: try, and check the result.
        //

        if (OutputLength < sizeof(MIRROR_CONFIG)) {
            Status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        KeEnterCriticalRegion();
        if (!ExAcquireResourceExclusiveLite(&Ext->ConfigResource, FALSE)) {
            KeLeaveCriticalRegion();
            return MirrorComplete(Irp, STATUS_DEVICE_BUSY, 0);
        }
        ((PMIRROR_CONFIG)Buffer)->Flags = Ext->Flags;
        ((PMIRROR_CONFIG)Buffer)->Generation = Ext->Generation;
        ((PMIRROR_CONFIG)Buffer)->PreferredMember = Ext->PreferredMember;
        ExReleaseResourceLite(&Ext->ConfigResource);
        KeLeaveCriticalRegion();
        Information = sizeof(MIRROR_CONFIG);
        break;

    case IOCTL_MIRROR_SET_PREFERRED:

        //
        //  The caller says whether it may wait.
        //

        if (InputLength < sizeof(MIRROR_SET_PREFERRED) ||
            ((PMIRROR_SET_PREFERRED)Buffer)->Member >= MIRROR_MEMBER_COUNT) {
            Status = STATUS_INVALID_PARAMETER;
            break;
        }
        KeEnterCriticalRegion();
        Wait = BooleanFlagOn(((PMIRROR_SET_PREFERRED)Buffer)->Flags, MIRROR_REQUEST_WAIT);
        if (!MirrorLockConfig(Ext, Wait)) {
            KeLeaveCriticalRegion();
            Status = STATUS_DEVICE_BUSY;
            break;
        }
        Ext->PreferredMember = ((PMIRROR_SET_PREFERRED)Buffer)->Member;
        ExReleaseResourceLite(&Ext->ConfigResource);
        KeLeaveCriticalRegion();
        break;

    case IOCTL_MIRROR_SWAP_MEMBERS:

        //
        //  Two members, two different resources: no conflict.
        //

        KeEnterCriticalRegion();
        ExAcquireResourceExclusiveLite(&Primary->Resource, TRUE);
        ExAcquireResourceExclusiveLite(&Secondary->Resource, TRUE);
        Target = Primary->Target;
        TargetFile = Primary->TargetFile;
        Primary->Target = Secondary->Target;
        Primary->TargetFile = Secondary->TargetFile;
        Secondary->Target = Target;
        Secondary->TargetFile = TargetFile;
        ExReleaseResourceLite(&Secondary->Resource);
        ExReleaseResourceLite(&Primary->Resource);
        KeLeaveCriticalRegion();
        break;

    case IOCTL_MIRROR_TAKE_OFFLINE:

        //
        //  Defect (release-not-held, then held-at-exit): a slip releases the
        //  primary's resource instead of the secondary's.  The two are
        //  different resources, so the primary's is not held, and the
        //  secondary's is still held when the routine returns.
        //

        KeEnterCriticalRegion();
        ExAcquireResourceExclusiveLite(&Secondary->Resource, TRUE);
        Secondary->State = MirrorMemberOffline;
        ExReleaseResourceLite(&Primary->Resource);      // expect: ExclusiveResourceAccess release-not-held
        KeLeaveCriticalRegion();
        break;

    case IOCTL_MIRROR_BREAK:
        KeEnterCriticalRegion();
        ExAcquireResourceExclusiveLite(&Ext->ConfigResource, TRUE);
        if (FlagOn(Ext->Flags, MIRROR_FLAG_RESYNCING)) {
            ExReleaseResourceLite(&Ext->ConfigResource);
            Status = STATUS_DEVICE_BUSY;
        } else {
            SetFlag(Ext->Flags, MIRROR_FLAG_BROKEN);
            Ext->Generation += 1;
        }

        //
        //  Defect (release-not-held, double release): the busy path above
        //  has already released the configuration.
        //

        ExReleaseResourceLite(&Ext->ConfigResource);    // expect: ExclusiveResourceAccess release-not-held
        KeLeaveCriticalRegion();
        break;

    case IOCTL_MIRROR_RESYNC:

        //
        //  Mark the resync under an exclusive hold, then let queries in
        //  (shared) while the members are compared.  Clearing the mark
        //  needs the exclusive hold again.
        //

        (VOID)ExEnterCriticalRegionAndAcquireResourceExclusive(&Ext->ConfigResource);
        SetFlag(Ext->Flags, MIRROR_FLAG_RESYNCING);
        Ext->Generation += 1;
        ExConvertExclusiveToSharedLite(&Ext->ConfigResource);

        KeEnterCriticalRegion();
        ExAcquireResourceSharedLite(&Primary->Resource, TRUE);
        ExAcquireResourceExclusiveLite(&Secondary->Resource, TRUE);
        Secondary->State = (Primary->State == MirrorMemberOnline) ? MirrorMemberOnline : Secondary->State;
        ExReleaseResourceLite(&Secondary->Resource);
        ExReleaseResourceLite(&Primary->Resource);
        KeLeaveCriticalRegion();

        ExReleaseResourceAndLeaveCriticalRegion(&Ext->ConfigResource);

        (VOID)ExEnterCriticalRegionAndAcquireResourceExclusive(&Ext->ConfigResource);
        ClearFlag(Ext->Flags, MIRROR_FLAG_RESYNCING);
        ExReleaseResourceAndLeaveCriticalRegion(&Ext->ConfigResource);
        break;

    case IOCTL_MIRROR_PING:

        //
        //  Touch the configuration only if nobody else holds it.
        //

        KeEnterCriticalRegion();
        if (ExTryToAcquireResourceExclusiveLite(&Ext->ConfigResource)) {
            Information = Ext->Generation;
            ExReleaseResourceLite(&Ext->ConfigResource);
        } else {
            Status = STATUS_DEVICE_BUSY;
        }
        KeLeaveCriticalRegion();
        break;

    case IOCTL_MIRROR_QUERY_STATS:
        if (OutputLength < sizeof(MIRROR_STATS)) {
            Status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        (VOID)ExEnterCriticalRegionAndAcquireResourceShared(&Ext->StatsResource);
        RtlCopyMemory(Buffer, &Ext->Stats, sizeof(MIRROR_STATS));
        ExReleaseResourceAndLeaveCriticalRegion(&Ext->StatsResource);
        Information = sizeof(MIRROR_STATS);
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    //
    //  Defect (held-at-exit), reported here: IOCTL_MIRROR_TAKE_OFFLINE
    //  leaves the secondary's resource held.
    //

    Status = MirrorComplete(Irp, Status, Information);
    return Status;          // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Internal requests from a monitoring driver above.  Freezing the
//  statistics acquires their resource and thawing releases it -- in two
//  different calls, which the rule does not allow: no hold survives a
//  return.
//

NTSTATUS
MirrorInternalControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PMIRROR_EXTENSION Ext = (PMIRROR_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PERESOURCE Stats = &Ext->StatsResource;
    NTSTATUS Status = STATUS_SUCCESS;

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {

    case IOCTL_MIRROR_FREEZE_STATS:

        //
        //  Defect (held-at-exit): returns holding StatsResource.
        //

        (VOID)ExEnterCriticalRegionAndAcquireResourceExclusive(Stats);
        SetFlag(Ext->Flags, MIRROR_FLAG_STATS_FROZEN);
        break;

    case IOCTL_MIRROR_THAW_STATS:
        if (!FlagOn(Ext->Flags, MIRROR_FLAG_STATS_FROZEN)) {
            break;
        }
        ClearFlag(Ext->Flags, MIRROR_FLAG_STATS_FROZEN);

        //
        //  Defect (release-not-held): releases a resource this call never
        //  acquired.
        //

        ExReleaseResourceAndLeaveCriticalRegion(Stats);  // expect: ExclusiveResourceAccess release-not-held
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    Status = MirrorComplete(Irp, Status, 0);
    return Status;          // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Sends the request's buffer to one member and waits.  Called with the
//  member's resource held.
//

static NTSTATUS
MirrorForwardSync(
    _In_ PMIRROR_MEMBER Member,
    _In_ UCHAR MajorFunction,
    _In_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    IO_STATUS_BLOCK Iosb;
    KEVENT Event;
    PIRP SubIrp;
    PVOID Buffer;
    NTSTATUS Status;

    if (Irp->MdlAddress == NULL || Member->State != MirrorMemberOnline) {
        return STATUS_DEVICE_NOT_READY;
    }
    Buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
    if (Buffer == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    SubIrp = IoBuildSynchronousFsdRequest(MajorFunction, Member->Target, Buffer,
                                          IrpSp->Parameters.Read.Length,
                                          &IrpSp->Parameters.Read.ByteOffset, &Event, &Iosb);
    if (SubIrp == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    Status = IoCallDriver(Member->Target, SubIrp);
    if (Status == STATUS_PENDING) {
        (VOID)KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
        Status = Iosb.Status;
    }
    if (!NT_SUCCESS(Status)) {
        Member->Errors += 1;
    }
    return Status;
}

static NTSTATUS
MirrorComplete(
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

static NTSTATUS
MirrorOpenMember(
    _Out_ PMIRROR_MEMBER Member,
    _In_ PCWSTR Name
    )
{
    UNICODE_STRING TargetName;

    RtlInitUnicodeString(&TargetName, Name);
    Member->State = MirrorMemberOnline;
    return IoGetDeviceObjectPointer(&TargetName, FILE_READ_DATA | FILE_WRITE_DATA,
                                    &Member->TargetFile, &Member->Target);
}
