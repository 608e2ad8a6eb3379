/*++

Module Name:

    deephash.c

Abstract:

    A name table with a resource per hash bucket. The hash is computed by a
    helper under the table's seed resource (a rehash changes the seed), in
    several rounds of mixing: too deep an expression for the engine to keep.

    Moving an entry from one name to another takes the old name's bucket and,
    when the new name hashes to another bucket, that one too. DhRename is
    correct; DhRenameKeepingNew forgets the new bucket when the names hash
    apart (held-at-exit). Engines before the evening of 29 November 2026 named
    the helper's too-deep hash after the expression over the helper's own
    name for its argument, the same for both calls: the two hashes were one
    value, the buckets always the same, and the leak was missed.

    A query takes its name's bucket and releases the bucket the helper gives
    for the same key again: the same value, correct.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define DH_BUCKETS 64

//  One round of mixing: multiply, add the round's constant.
#define DH_ROUND(h, c) ((h) * 31 + (c))

typedef struct _DH_BUCKET {
    ERESOURCE Resource;                 // the bucket's chain
    LIST_ENTRY Entries;
} DH_BUCKET, *PDH_BUCKET;

typedef struct _DH_TABLE {
    ERESOURCE SeedResource;             // Seed
    ULONG Seed;
    DH_BUCKET Buckets[DH_BUCKETS];
} DH_TABLE, *PDH_TABLE;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_SET_INFORMATION) DRIVER_DISPATCH DhSetInformation;
_Dispatch_type_(IRP_MJ_QUERY_INFORMATION) DRIVER_DISPATCH DhQueryInformation;

ULONG DhKeyOfName(_In_ PUNICODE_STRING Name);
VOID DhMoveEntry(_In_ PDH_BUCKET From, _In_ PDH_BUCKET To, _In_ PUNICODE_STRING Name);
NTSTATUS DhQueryEntry(_In_ PDH_BUCKET Bucket, _In_ PUNICODE_STRING Name, _Inout_ PIRP Irp);

#pragma alloc_text(INIT, DriverEntry)

ULONG
DhBucketOf(
    _In_ PDH_TABLE Table,
    _In_ ULONG Key
    )
{
    ULONG Hash;

    ExAcquireResourceSharedLite(&Table->SeedResource, TRUE);
    Hash = DH_ROUND(DH_ROUND(DH_ROUND(DH_ROUND(DH_ROUND(DH_ROUND(DH_ROUND(DH_ROUND(
               Key ^ Table->Seed, 3), 5), 7), 11), 13), 17), 19), 23);
    ExReleaseResourceLite(&Table->SeedResource);
    return Hash % DH_BUCKETS;
}

VOID
DhRename(
    _In_ PDH_TABLE Table,
    _In_ PUNICODE_STRING OldName,
    _In_ PUNICODE_STRING NewName
    )
{
    ULONG Old = DhBucketOf(Table, DhKeyOfName(OldName));
    ULONG New = DhBucketOf(Table, DhKeyOfName(NewName));

    ExAcquireResourceExclusiveLite(&Table->Buckets[Old].Resource, TRUE);
    if (New != Old) {
        ExAcquireResourceExclusiveLite(&Table->Buckets[New].Resource, TRUE);
    }
    DhMoveEntry(&Table->Buckets[Old], &Table->Buckets[New], NewName);
    if (New != Old) {
        ExReleaseResourceLite(&Table->Buckets[New].Resource);
    }
    ExReleaseResourceLite(&Table->Buckets[Old].Resource);
}

VOID
DhRenameKeepingNew(
    _In_ PDH_TABLE Table,
    _In_ PUNICODE_STRING OldName,
    _In_ PUNICODE_STRING NewName
    )
{
    ULONG Old = DhBucketOf(Table, DhKeyOfName(OldName));
    ULONG New = DhBucketOf(Table, DhKeyOfName(NewName));

    ExAcquireResourceExclusiveLite(&Table->Buckets[Old].Resource, TRUE);
    if (New != Old) {
        ExAcquireResourceExclusiveLite(&Table->Buckets[New].Resource, TRUE);
    }
    DhMoveEntry(&Table->Buckets[Old], &Table->Buckets[New], NewName);
    // the new bucket is not released when the names hash apart
    ExReleaseResourceLite(&Table->Buckets[Old].Resource);
}

NTSTATUS
DhSetInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDH_TABLE Table = (PDH_TABLE)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PUNICODE_STRING OldName = &IrpSp->FileObject->FileName;
    PUNICODE_STRING NewName = (PUNICODE_STRING)Irp->AssociatedIrp.SystemBuffer;

    KeEnterCriticalRegion();
    if (FlagOn(IrpSp->Flags, SL_REPLACE_IF_EXISTS)) {
        DhRename(Table, OldName, NewName);
    } else {
        // Defect (held-at-exit): the new bucket, kept when the names hash apart
        DhRenameKeepingNew(Table, OldName, NewName);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;              // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
DhQueryInformation(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PDH_TABLE Table = (PDH_TABLE)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PUNICODE_STRING Name = &IrpSp->FileObject->FileName;
    ULONG Key = DhKeyOfName(Name);
    NTSTATUS Status;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Table->Buckets[DhBucketOf(Table, Key)].Resource, TRUE);
    Status = DhQueryEntry(&Table->Buckets[DhBucketOf(Table, Key)], Name, Irp);
    ExReleaseResourceLite(&Table->Buckets[DhBucketOf(Table, Key)].Resource);
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
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = DhSetInformation;
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = DhQueryInformation;
    return STATUS_SUCCESS;
}
