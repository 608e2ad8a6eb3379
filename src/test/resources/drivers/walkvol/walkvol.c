/*++

Module Name:

    walkvol.c

Abstract:

    A volume whose directory tree is locked as a whole, as FAT locks a
    volume for a flush-and-hold request: the volume's resource, then every
    node's, found by a walk of the tree (WkNextBottomUp: the leftmost leaf
    first, each node after its children); the volume is released by a second
    walk over the same tree. WkNextBottomUp has a loop and no side effects,
    so it is not followed: each call's value is unknown, and nothing relates
    the second walk's values to the first's. Taken as real, a path on which
    the first walk found no node and the second found one releases a node
    never acquired, and one on which the second found fewer leaves a node
    held.

    Engines before 29 November 2026 reported both kinds on all three
    routines, six false defects, each confirmed (FAT's release of a volume
    after its acquire of it gives them with every path apart). A path now
    notes where, and with which arguments, it first called such a function;
    the value of a call with the same arguments from another place is
    vaguer. The flush, and the file system control that releases in a
    helper, are Inconclusive, saying why. The lock request leaks the volume
    after one walk, on a path that needs no second walk to be real: that is
    confirmed; its release by a second walk is Inconclusive as the flush's.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

typedef struct _WK_NODE {
    ERESOURCE Resource;
    struct _WK_NODE *Parent;
    struct _WK_NODE *FirstChild;
    struct _WK_NODE *NextSibling;
    ULONG Kind;                     // WK_LEAF or WK_DIRECTORY
} WK_NODE, *PWK_NODE;

typedef struct _WK_VOLUME {
    ERESOURCE Resource;
    PWK_NODE Root;
    ULONG State;                    // WK_VOLUME_DIRTY, WK_VOLUME_LOCKED
} WK_VOLUME, *PWK_VOLUME;

#define WK_LEAF             1
#define WK_DIRECTORY        2

#define WK_VOLUME_DIRTY     0x00000001
#define WK_VOLUME_LOCKED    0x00000002

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH WkFlushBuffers;
_Dispatch_type_(IRP_MJ_LOCK_CONTROL) DRIVER_DISPATCH WkLockControl;
_Dispatch_type_(IRP_MJ_FILE_SYSTEM_CONTROL) DRIVER_DISPATCH WkFileSystemControl;

//
//  The next node of a walk from the leftmost leaf up to Root, which comes
//  last; NULL after Root. Node is NULL to start the walk.
//

PWK_NODE
WkNextBottomUp(
    _In_opt_ PWK_NODE Node,
    _In_ PWK_NODE Root
    )
{
    PWK_NODE Next;

    if (Node != NULL) {
        if (Node == Root) {
            return NULL;
        }
        Next = Node->NextSibling;
        if (Next == NULL) {
            return Node->Parent;
        }
    } else {
        Next = Root;
    }
    while (Next->Kind != WK_LEAF && Next->FirstChild != NULL) {
        Next = Next->FirstChild;
    }
    return Next;
}

#define WkAcquireVolume(VOLUME) {                                           \
    PWK_NODE __Node = NULL;                                                 \
    ExAcquireResourceExclusiveLite(&(VOLUME)->Resource, TRUE);              \
    while ((__Node = WkNextBottomUp(__Node, (VOLUME)->Root)) != NULL) {     \
        ExAcquireResourceExclusiveLite(&__Node->Resource, TRUE);            \
    }                                                                       \
}

#define WkReleaseVolume(VOLUME) {                                           \
    PWK_NODE __Node = NULL;                                                 \
    while ((__Node = WkNextBottomUp(__Node, (VOLUME)->Root)) != NULL) {     \
        ExReleaseResourceLite(&__Node->Resource);                           \
    }                                                                       \
    ExReleaseResourceLite(&(VOLUME)->Resource);                             \
}

static VOID
WkReleaseVolumeForDismount(
    _In_ PWK_VOLUME Volume
    )
{
    Volume->State &= ~WK_VOLUME_LOCKED;
    WkReleaseVolume(Volume);
}

//
//  Correct: the two walks visit the same nodes.
//

NTSTATUS
WkFlushBuffers(                     // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    ClearFlag(Volume->State, WK_VOLUME_DIRTY);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  Correct: the second walk is in a helper.
//

NTSTATUS
WkFileSystemControl(                // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    SetFlag(Volume->State, WK_VOLUME_LOCKED);
    WkReleaseVolumeForDismount(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkLockControl(                      // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    if (FlagOn(Volume->State, WK_VOLUME_LOCKED)) {

        //
        //  Defect (held-at-exit): the volume stays locked.
        //

        return STATUS_ACCESS_DENIED;    // expect: ExclusiveResourceAccess held-at-exit
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = WkFlushBuffers;
    DriverObject->MajorFunction[IRP_MJ_LOCK_CONTROL] = WkLockControl;
    DriverObject->MajorFunction[IRP_MJ_FILE_SYSTEM_CONTROL] = WkFileSystemControl;
    return STATUS_SUCCESS;
}
