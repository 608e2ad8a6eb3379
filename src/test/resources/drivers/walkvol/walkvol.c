/*++

Module Name:

    walkvol.c

Abstract:

    A volume whose directory tree is locked as a whole, as FAT locks a
    volume for a flush-and-hold request: the volume's resource, then every
    node's, found by a walk of the tree (WkNextBottomUp: the leftmost leaf
    first, each node after its children); the volume is released by a second
    walk over the same tree. WkNextBottomUp has a loop and no side effects,
    so it is not followed: each call's value is unknown.

    Engines before 29 November 2026 related nothing between the two walks:
    a path on which the first walk found no node and the second found one
    released a node never acquired, and one on which the second found fewer
    left a node held; the three correct routines had six false defects, each
    confirmed. A path now remembers what each call of such a function
    returned, by its arguments, until memory the function reads is written,
    and paths that remember one call differently are kept apart: the second
    walk finds the nodes the first found.

    The flush and the file system control (its second walk in a helper) are
    correct. The lock control leaks the volume after one walk; the cleanup
    releases the volume's resource but not the nodes'. The set-information
    request prunes the tree between the walks, so the second walk may find
    fewer nodes than the first took: nothing relates the two walks then, and
    the routine is Inconclusive, saying why; so is the device control, which
    has a helper the analysis does not follow prune it, and the query
    information, whose helper that prunes it is followed (it marks the volume
    dirty, which the lock control tests): the summary of that helper forgets
    the walk's remembered values too. The shutdown has the tree pruned
    through the volume's function pointer, by a function not followed, and
    the write and the read through it in helpers (one followed, one not):
    Inconclusive too (before 29 November 2026 a call through a pointer left
    the walk's remembered values as they were, and all three passed). So are
    the query and the set security, whose helpers (one not followed, one
    followed) empty the root's link to its children through a pointer to it
    (before, both passed); and six routines that unlink the root's first leaf
    through the link a loop found for it, a pointer that names no field: the
    directory control inline, the query and the set volume information by the
    helpers given the link (followed, not followed), the query and the set EA
    by helpers that find the link themselves (not followed; followed, with a
    helper not followed writing through it), the internal device control by a
    helper not followed that passes the link given on (before 29 November
    2026 all six passed). So is the create, whose helper (not followed)
    passes the address of the root's link to its children on to WkUnlink
    (before, it passed). The close counts itself through a pointer to a
    number between the walks, which changes no link: it is correct.

    Memory fills between the walks. The fill writes the links the
    destination's type holds: the query quota zeroes the first leaf through
    the link found for it, the set quota and the system control zero the
    root's first child by helpers (not followed; followed), the power request
    copies the first child's sibling over it, the create-named-pipe request
    zeroes the root's link to its children by name: all five Inconclusive
    (before the afternoon of 29 November 2026 a fill changed no remembered
    value, and all five passed). The create-mailslot request zeroes the
    volume's statistics (numbers) and a scan cursor (a link the walk does not
    follow): correct. A fill of an object of unknown type, an index entry,
    may change any link: the scrub work item inline, the unload by a helper
    not followed, Inconclusive. A new node no memory points to yet, zeroed
    inline or by a helper that allocates it, and a file's data pinned from
    the cache and zeroed, inline and by a helper: the device change request
    and the flush thread are correct. A new node given to a function not
    followed (the grow work item) or linked into the tree (the adopt work
    item) before the first walk is not new to the walk: Inconclusive. So is
    the add-device routine, whose helper zeroes what it was given on a way
    that pins nothing.

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

typedef struct _WK_VOLUME *PWK_VOLUME;
typedef VOID (*PWK_PRUNE)(PWK_VOLUME Volume);

typedef struct _WK_VOLUME {
    ERESOURCE Resource;
    PWK_NODE Root;
    ULONG State;                    // WK_VOLUME_DIRTY, WK_VOLUME_LOCKED
    PWK_PRUNE Prune;                // how the tree sheds nodes, set at mount
} WK_VOLUME;

#define WK_LEAF             1
#define WK_DIRECTORY        2

#define WK_STATISTIC_CLOSES 3

//
//  The volume's statistics: numbers only (defined elsewhere).
//

typedef struct _WK_STATISTICS {
    ULONG Opens;
    ULONG Closes;
    LARGE_INTEGER LastFlush;
} WK_STATISTICS, *PWK_STATISTICS;

PWK_STATISTICS
WkStatistics(
    _In_ PWK_VOLUME Volume
    );

//
//  An entry of the volume's index, of a type this file does not know; links
//  a node into the tree; the volume's directory file (defined elsewhere).
//

//
//  Where a scan of the volume stands: its links are not the tree's (defined
//  elsewhere).
//

typedef struct _WK_CURSOR {
    PVOID Position;
    ULONG Count;
} WK_CURSOR, *PWK_CURSOR;

PWK_CURSOR
WkCursor(
    _In_ PWK_VOLUME Volume
    );

PVOID
WkLookupEntry(
    _In_ PWK_VOLUME Volume
    );

VOID
WkInsertNode(
    _In_ PWK_VOLUME Volume,
    _In_ PWK_NODE Node
    );

PFILE_OBJECT
WkDirectoryFile(
    _In_ PWK_VOLUME Volume
    );

#define WK_TAG 'kvkW'

//
//  A counter of the volume's statistics (defined elsewhere).
//

PULONG
WkStatistic(
    _In_ PWK_VOLUME Volume,
    _In_ ULONG Which
    );

#define WK_VOLUME_DIRTY     0x00000001
#define WK_VOLUME_LOCKED    0x00000002

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH WkFlushBuffers;
_Dispatch_type_(IRP_MJ_LOCK_CONTROL) DRIVER_DISPATCH WkLockControl;
_Dispatch_type_(IRP_MJ_FILE_SYSTEM_CONTROL) DRIVER_DISPATCH WkFileSystemControl;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH WkCleanup;
_Dispatch_type_(IRP_MJ_SET_INFORMATION) DRIVER_DISPATCH WkSetInformation;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH WkDeviceControl;
_Dispatch_type_(IRP_MJ_QUERY_INFORMATION) DRIVER_DISPATCH WkQueryInformation;
_Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH WkShutdown;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH WkWrite;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH WkRead;
_Dispatch_type_(IRP_MJ_QUERY_SECURITY) DRIVER_DISPATCH WkQuerySecurity;
_Dispatch_type_(IRP_MJ_SET_SECURITY) DRIVER_DISPATCH WkSetSecurity;
_Dispatch_type_(IRP_MJ_DIRECTORY_CONTROL) DRIVER_DISPATCH WkDirectoryControl;
_Dispatch_type_(IRP_MJ_QUERY_VOLUME_INFORMATION) DRIVER_DISPATCH WkQueryVolumeInformation;
_Dispatch_type_(IRP_MJ_SET_VOLUME_INFORMATION) DRIVER_DISPATCH WkSetVolumeInformation;
_Dispatch_type_(IRP_MJ_QUERY_EA) DRIVER_DISPATCH WkQueryEa;
_Dispatch_type_(IRP_MJ_SET_EA) DRIVER_DISPATCH WkSetEa;
_Dispatch_type_(IRP_MJ_INTERNAL_DEVICE_CONTROL) DRIVER_DISPATCH WkInternalDeviceControl;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH WkClose;
_Dispatch_type_(IRP_MJ_CREATE) DRIVER_DISPATCH WkCreate;
_Dispatch_type_(IRP_MJ_QUERY_QUOTA) DRIVER_DISPATCH WkQueryQuota;
_Dispatch_type_(IRP_MJ_SET_QUOTA) DRIVER_DISPATCH WkSetQuota;
_Dispatch_type_(IRP_MJ_SYSTEM_CONTROL) DRIVER_DISPATCH WkSystemControl;
_Dispatch_type_(IRP_MJ_POWER) DRIVER_DISPATCH WkPower;
_Dispatch_type_(IRP_MJ_CREATE_NAMED_PIPE) DRIVER_DISPATCH WkCreateNamedPipe;
_Dispatch_type_(IRP_MJ_CREATE_MAILSLOT) DRIVER_DISPATCH WkCreateMailslot;
_Dispatch_type_(IRP_MJ_DEVICE_CHANGE) DRIVER_DISPATCH WkDeviceChange;
KSTART_ROUTINE WkFlushThread;
IO_WORKITEM_ROUTINE WkGrowWorker;
WORKER_THREAD_ROUTINE WkAdoptWorker;
IO_WORKITEM_ROUTINE_EX WkScrubWorker;
DRIVER_UNLOAD WkUnload;
DRIVER_ADD_DEVICE WkAddDevice;

PWK_VOLUME WkMountedVolume;

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

//
//  The link to the first leaf among Node's children (the FirstChild field or
//  a child's NextSibling field), or NULL if it has none. A loop and no side
//  effects: not followed, its value unknown.
//

PWK_NODE *
WkFirstLeafLink(
    _In_ PWK_NODE Node
    )
{
    PWK_NODE *Link = &Node->FirstChild;

    while (*Link != NULL && (*Link)->Kind != WK_LEAF) {
        Link = &(*Link)->NextSibling;
    }
    return *Link != NULL ? Link : NULL;
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

//
//  Detaches the first subtree of the volume's tree (the analysis does not
//  follow it: nothing it writes is tested by a function it follows).
//

static VOID
WkDetachFirstSubtree(
    _In_ PWK_VOLUME Volume
    )
{
    if (Volume->Root->FirstChild != NULL) {
        Volume->Root->FirstChild->Parent = NULL;
        Volume->Root->FirstChild = Volume->Root->FirstChild->NextSibling;
    }
}

VOID
WkInitializeVolume(
    _Out_ PWK_VOLUME Volume,
    _In_ PWK_NODE Root
    )
{
    Volume->Root = Root;
    Volume->State = 0;
    Volume->Prune = WkDetachFirstSubtree;
}

//
//  Detaches the whole tree below the root and marks the volume dirty (the
//  analysis follows it: the state it writes is tested).
//

static VOID
WkTruncateAndMarkDirty(
    _In_ PWK_VOLUME Volume
    )
{
    Volume->Root->FirstChild = NULL;
    SetFlag(Volume->State, WK_VOLUME_DIRTY);
}

//
//  Prunes the tree through the volume's pointer and marks the volume dirty
//  (followed: it writes the state); sheds nodes through the pointer alone
//  (not followed).
//

static VOID
WkPruneAndMarkDirty(
    _In_ PWK_VOLUME Volume
    )
{
    Volume->Prune(Volume);
    SetFlag(Volume->State, WK_VOLUME_DIRTY);
}

static VOID
WkShedNodes(
    _In_ PWK_VOLUME Volume
    )
{
    Volume->Prune(Volume);
}

//
//  Empties a link through a pointer to it: not followed (it writes nothing
//  by name); the same, marking the volume dirty: followed.
//

static VOID
WkUnlink(
    _Out_ PWK_NODE *Link
    )
{
    *Link = NULL;
}

static VOID
WkUnlinkAndMarkDirty(
    _In_ PWK_VOLUME Volume,
    _Out_ PWK_NODE *Link
    )
{
    *Link = NULL;
    SetFlag(Volume->State, WK_VOLUME_DIRTY);
}

//
//  Unlink the root's first leaf: through the link they find themselves, one
//  not followed (it writes nothing by name) and one followed (it marks the
//  volume dirty); and through the link given, passed on to WkUnlink (not
//  followed). WkUnlinkRootChildren empties the root's link to its children
//  by passing its address on to WkUnlink (not followed either).
//

static VOID
WkUnlinkFirstLeaf(
    _In_ PWK_VOLUME Volume
    )
{
    PWK_NODE *Link = WkFirstLeafLink(Volume->Root);

    if (Link != NULL) {
        *Link = NULL;
    }
}

static VOID
WkUnlinkFirstLeafAndMarkDirty(
    _In_ PWK_VOLUME Volume
    )
{
    PWK_NODE *Link = WkFirstLeafLink(Volume->Root);

    if (Link != NULL) {
        WkUnlink(Link);
    }
    SetFlag(Volume->State, WK_VOLUME_DIRTY);
}

static VOID
WkUnlinkRootChildren(
    _In_ PWK_VOLUME Volume
    )
{
    WkUnlink(&Volume->Root->FirstChild);
}

static VOID
WkUnlinkGiven(
    _Out_ PWK_NODE *Link
    )
{
    WkUnlink(Link);
}

//
//  Reset to zeros: a node, cutting its links, through the node given (not
//  followed: it writes nothing by name); the statistics given (not followed);
//  a node given, marking the volume dirty (followed: its summary sees the
//  walk's remembered values through the links the fill writes, as it names
//  none of them).
//

static VOID
WkResetNode(
    _Out_ PWK_NODE Node
    )
{
    RtlZeroMemory(Node, sizeof(WK_NODE));
}

static VOID
WkResetStatistics(
    _Out_ PWK_STATISTICS Statistics
    )
{
    RtlZeroMemory(Statistics, sizeof(*Statistics));
}

static VOID
WkResetNodeAndMarkDirty(
    _In_ PWK_VOLUME Volume,
    _Out_ PWK_NODE Node
    )
{
    RtlZeroMemory(Node, sizeof(WK_NODE));
    SetFlag(Volume->State, WK_VOLUME_DIRTY);
}

//
//  A node from pool, a new object (not followed), and a spare node: one of
//  those, zeroed (not followed).
//

static PWK_NODE
WkAllocateNode(
    VOID
    )
{
    return (PWK_NODE)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(WK_NODE), WK_TAG);
}

static PWK_NODE
WkNewSpareNode(
    VOID
    )
{
    PWK_NODE Node = WkAllocateNode();

    if (Node != NULL) {
        RtlZeroMemory(Node, sizeof(WK_NODE));
    }
    return Node;
}

//
//  Zeroes an index entry given, whose type it does not know (not followed);
//  zeroes the first sector of a file's data, pinned for writing (not
//  followed).
//

static VOID
WkScrubEntry(
    _Out_ PVOID Entry
    )
{
    RtlZeroMemory(Entry, 64);
}

static VOID
WkZeroFirstSector(
    _In_ PFILE_OBJECT File,
    _Out_ PVOID *Bcb,
    _Out_ PVOID *Buffer
    )
{
    LARGE_INTEGER Offset;

    Offset.QuadPart = 0;
    if (CcPreparePinWrite(File, &Offset, 512, FALSE, PIN_WAIT, Bcb, Buffer)) {
        RtlZeroMemory(*Buffer, 512);
    }
}

//
//  Zeroes what Buffer points to, pinned from the cache only when asked: on
//  the other way it is whatever the caller gave (not followed).
//

static VOID
WkZeroSectorIfPinned(
    _In_ PFILE_OBJECT File,
    _In_ BOOLEAN Pin,
    _Out_ PVOID *Bcb,
    _Inout_ PVOID *Buffer
    )
{
    LARGE_INTEGER Offset;

    Offset.QuadPart = 0;
    if (Pin && !CcPreparePinWrite(File, &Offset, 512, FALSE, PIN_WAIT, Bcb, Buffer)) {
        return;
    }
    RtlZeroMemory(*Buffer, 512);
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
WkFlushBuffers(
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
//  Correct: a counter written through a pointer between the walks is a
//  number, not a link the walk follows (before the frontend told them apart,
//  this routine was Inconclusive).
//

NTSTATUS
WkClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PULONG Closes;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Closes = WkStatistic(Volume, WK_STATISTIC_CLOSES);
    *Closes += 1;
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  Correct: the second walk is in a helper.
//

NTSTATUS
WkFileSystemControl(
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
WkLockControl(
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
WkCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    ClearFlag(Volume->State, WK_VOLUME_LOCKED);
    ExReleaseResourceLite(&Volume->Resource);

    //
    //  Defect (held-at-exit): the nodes the walk acquired stay held.
    //

    return STATUS_SUCCESS;              // expect: ExclusiveResourceAccess held-at-exit
}

//
//  The tree loses its first subtree between the walks: the release walk
//  may not find every node the acquire walk took. Inconclusive.
//

NTSTATUS
WkSetInformation(                   // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Volume->Root->FirstChild = NULL;
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The same, the tree pruned by a helper. Inconclusive.
//

NTSTATUS
WkDeviceControl(                    // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkDetachFirstSubtree(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The same, the tree pruned by a helper the analysis follows. Inconclusive.
//

NTSTATUS
WkQueryInformation(                 // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkTruncateAndMarkDirty(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The same, the tree pruned through a function pointer. Inconclusive.
//

NTSTATUS
WkShutdown(                         // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Volume->Prune(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkWrite(                            // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkPruneAndMarkDirty(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkRead(                             // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkShedNodes(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The tree pruned through a pointer to the root's link to its children, by
//  a helper not followed and by one followed. Inconclusive.
//

NTSTATUS
WkQuerySecurity(                    // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkUnlink(&Volume->Root->FirstChild);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkSetSecurity(                      // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkUnlinkAndMarkDirty(Volume, &Volume->Root->FirstChild);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The root's first leaf unlinked through the link found for it, a pointer
//  that names no field: inline, by the helper followed and by the one not
//  followed. Inconclusive.
//

NTSTATUS
WkDirectoryControl(                 // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE *Link;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Link = WkFirstLeafLink(Volume->Root);
    if (Link != NULL) {
        *Link = (*Link)->NextSibling;
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkQueryVolumeInformation(           // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE *Link;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Link = WkFirstLeafLink(Volume->Root);
    if (Link != NULL) {
        WkUnlinkAndMarkDirty(Volume, Link);
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkSetVolumeInformation(             // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE *Link;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Link = WkFirstLeafLink(Volume->Root);
    if (Link != NULL) {
        WkUnlink(Link);
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The same leaf unlinked by helpers that find its link themselves (one not
//  followed, one followed that has a helper not followed write through the
//  link), and by one not followed that passes the link given on. Inconclusive.
//

NTSTATUS
WkQueryEa(                          // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkUnlinkFirstLeaf(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkSetEa(                            // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkUnlinkFirstLeafAndMarkDirty(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkInternalDeviceControl(            // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE *Link;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Link = WkFirstLeafLink(Volume->Root);
    if (Link != NULL) {
        WkUnlinkGiven(Link);
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The root's children unlinked by a helper not followed that passes the
//  address of the root's link on. Inconclusive.
//

NTSTATUS
WkCreate(                           // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    WkUnlinkRootChildren(Volume);
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  The tree changed by a memory fill between the walks: the first leaf
//  zeroed through the link found for it, inline; the root's first child
//  zeroed by a helper not followed and by one followed; the first child
//  overwritten with a copy of its sibling; the root's link to its children
//  zeroed by name. Inconclusive.
//

NTSTATUS
WkQueryQuota(                       // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE *Link;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Link = WkFirstLeafLink(Volume->Root);
    if (Link != NULL) {
        RtlZeroMemory(*Link, sizeof(WK_NODE));
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkSetQuota(                         // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    if (Volume->Root->FirstChild != NULL) {
        WkResetNode(Volume->Root->FirstChild);
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkSystemControl(                    // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    if (Volume->Root->FirstChild != NULL) {
        WkResetNodeAndMarkDirty(Volume, Volume->Root->FirstChild);
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkPower(                            // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE First;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    First = Volume->Root->FirstChild;
    if (First != NULL && First->NextSibling != NULL) {
        RtlCopyMemory(First, First->NextSibling, sizeof(WK_NODE));
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

NTSTATUS
WkCreateNamedPipe(                  // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    RtlZeroMemory(&Volume->Root->FirstChild, sizeof(PWK_NODE));
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  Correct: the statistics zeroed between the walks are numbers, inline and
//  by a helper not followed, and the scan cursor zeroed holds a link the walk
//  does not follow.
//

NTSTATUS
WkCreateMailslot(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    RtlZeroMemory(WkStatistics(Volume), sizeof(WK_STATISTICS));
    WkResetStatistics(WkStatistics(Volume));
    RtlZeroMemory(WkCursor(Volume), sizeof(WK_CURSOR));
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

//
//  Correct: between the walks, new nodes zeroed before anything points to
//  them (inline and by a helper not followed), and a file's data pinned and
//  zeroed (inline and by a helper not followed): none of them is a node the
//  walk read. Before the afternoon of 29 November 2026 these fills changed
//  nothing either, as no fill did.
//

NTSTATUS
WkDeviceChange(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE Node;
    PWK_NODE Spare;

    UNREFERENCED_PARAMETER(Irp);
    WkAcquireVolume(Volume);
    Node = (PWK_NODE)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(WK_NODE), WK_TAG);
    if (Node != NULL) {
        RtlZeroMemory(Node, sizeof(WK_NODE));
        ExFreePoolWithTag(Node, WK_TAG);
    }
    Spare = WkNewSpareNode();
    if (Spare != NULL) {
        ExFreePoolWithTag(Spare, WK_TAG);
    }
    WkReleaseVolume(Volume);
    return STATUS_SUCCESS;
}

VOID
WkFlushThread(
    _In_ PVOID StartContext
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)StartContext;
    PFILE_OBJECT File = WkDirectoryFile(Volume);
    LARGE_INTEGER Offset;
    PVOID Bcb;
    PVOID Data;

    WkAcquireVolume(Volume);
    Offset.QuadPart = 512;
    if (CcPinRead(File, &Offset, 512, PIN_WAIT, &Bcb, &Data)) {
        RtlZeroMemory(Data, 512);
        CcUnpinData(Bcb);
    }
    WkZeroFirstSector(File, &Bcb, &Data);
    WkReleaseVolume(Volume);
}

//
//  A new node given to a function not followed, which links it into the
//  tree, or linked inline, before the first walk, then zeroed between the
//  walks: the walks may disagree. And zeroing an index entry whose type is
//  unknown, inline and by a helper not followed: it may be a node. All four
//  Inconclusive.
//

VOID
WkGrowWorker(                       // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_opt_ PVOID Context
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)DeviceObject->DeviceExtension;
    PWK_NODE Node;

    UNREFERENCED_PARAMETER(Context);
    Node = (PWK_NODE)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(WK_NODE), WK_TAG);
    if (Node == NULL) {
        return;
    }
    WkInsertNode(Volume, Node);
    WkAcquireVolume(Volume);
    RtlZeroMemory(Node, sizeof(WK_NODE));
    WkReleaseVolume(Volume);
}

VOID
WkAdoptWorker(                      // expect-inconclusive: ExclusiveResourceAccess
    _In_ PVOID Parameter
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)Parameter;
    PWK_NODE Node;

    Node = (PWK_NODE)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(WK_NODE), WK_TAG);
    if (Node == NULL) {
        return;
    }
    RtlZeroMemory(Node, sizeof(WK_NODE));
    Node->Kind = WK_LEAF;
    Node->Parent = Volume->Root;
    Node->NextSibling = Volume->Root->FirstChild;
    Volume->Root->FirstChild = Node;
    WkAcquireVolume(Volume);
    RtlZeroMemory(Node, sizeof(WK_NODE));
    WkReleaseVolume(Volume);
}

VOID
WkScrubWorker(                      // expect-inconclusive: ExclusiveResourceAccess
    _In_ PVOID IoObject,
    _In_opt_ PVOID Context,
    _In_ PIO_WORKITEM IoWorkItem
    )
{
    PWK_VOLUME Volume = (PWK_VOLUME)Context;

    UNREFERENCED_PARAMETER(IoObject);
    UNREFERENCED_PARAMETER(IoWorkItem);
    WkAcquireVolume(Volume);
    RtlZeroMemory(WkLookupEntry(Volume), 64);
    WkReleaseVolume(Volume);
}

VOID
WkUnload(                           // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PWK_VOLUME Volume = WkMountedVolume;

    UNREFERENCED_PARAMETER(DriverObject);
    WkAcquireVolume(Volume);
    WkScrubEntry(WkLookupEntry(Volume));
    WkReleaseVolume(Volume);
}

//
//  An index entry given as the buffer to a helper that zeroes it without
//  pinning anything: the fill is not of a file's data on every way to it.
//  Inconclusive.
//

NTSTATUS
WkAddDevice(                        // expect-inconclusive: ExclusiveResourceAccess
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PDEVICE_OBJECT PhysicalDeviceObject
    )
{
    PWK_VOLUME Volume = WkMountedVolume;
    PVOID Bcb = NULL;
    PVOID Entry;

    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(PhysicalDeviceObject);
    WkAcquireVolume(Volume);
    Entry = WkLookupEntry(Volume);
    WkZeroSectorIfPinned(WkDirectoryFile(Volume), FALSE, &Bcb, &Entry);
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
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = WkCleanup;
    DriverObject->MajorFunction[IRP_MJ_SET_INFORMATION] = WkSetInformation;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WkDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_QUERY_INFORMATION] = WkQueryInformation;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = WkShutdown;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = WkWrite;
    DriverObject->MajorFunction[IRP_MJ_READ] = WkRead;
    DriverObject->MajorFunction[IRP_MJ_QUERY_SECURITY] = WkQuerySecurity;
    DriverObject->MajorFunction[IRP_MJ_SET_SECURITY] = WkSetSecurity;
    DriverObject->MajorFunction[IRP_MJ_DIRECTORY_CONTROL] = WkDirectoryControl;
    DriverObject->MajorFunction[IRP_MJ_QUERY_VOLUME_INFORMATION] = WkQueryVolumeInformation;
    DriverObject->MajorFunction[IRP_MJ_SET_VOLUME_INFORMATION] = WkSetVolumeInformation;
    DriverObject->MajorFunction[IRP_MJ_QUERY_EA] = WkQueryEa;
    DriverObject->MajorFunction[IRP_MJ_SET_EA] = WkSetEa;
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = WkInternalDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = WkClose;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = WkCreate;
    DriverObject->MajorFunction[IRP_MJ_QUERY_QUOTA] = WkQueryQuota;
    DriverObject->MajorFunction[IRP_MJ_SET_QUOTA] = WkSetQuota;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = WkSystemControl;
    DriverObject->MajorFunction[IRP_MJ_POWER] = WkPower;
    DriverObject->MajorFunction[IRP_MJ_CREATE_NAMED_PIPE] = WkCreateNamedPipe;
    DriverObject->MajorFunction[IRP_MJ_CREATE_MAILSLOT] = WkCreateMailslot;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CHANGE] = WkDeviceChange;
    DriverObject->DriverUnload = WkUnload;
    DriverObject->DriverExtension->AddDevice = WkAddDevice;
    return STATUS_SUCCESS;
}
