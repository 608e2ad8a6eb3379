/*++

Module Name:

    teardown.c

Abstract:

    Tearing down a directory tree from a node up. A node is removed when
    nothing references it; removing it drops its parent's reference, so the
    walk goes on with the parent, which it acquires before it deletes the
    child (the parent's children list changes). The node being deleted is
    held: its resource is deleted with it, and the hold ends there. The walk
    stops at a node still referenced and releases it.

    TdTeardown is correct, from a close and from the dismount worker's loop
    over every node (engines before 28 November 2026 kept every deleted
    node's hold and reported them held at exit). A cleanup routine uses two
    broken variants: one releases a node it has just deleted, the other
    stops below a dismounting volume's root without releasing the root.

--*/

#include "teardown.h"

TD_GLOBALS TdGlobals;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, TdUnload)
#pragma alloc_text(PAGE, TdClose)
#pragma alloc_text(PAGE, TdCleanup)
#pragma alloc_text(PAGE, TdDismountWorker)
#pragma alloc_text(PAGE, TdTeardown)
#pragma alloc_text(PAGE, TdDeleteNode)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    ExInitializeWorkItem(&TdGlobals.DismountItem, TdDismountWorker, NULL);
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = TdClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = TdCleanup;
    DriverObject->DriverUnload = TdUnload;
    return STATUS_SUCCESS;
}

VOID
TdUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);
}

//
//  Deletes a node nobody references: its resource first, then its memory.
//  The caller may hold the node; the hold ends with the resource.
//

VOID
TdDeleteNode(
    _In_ PTD_VOLUME Volume,
    _In_ PTD_NODE Node
    )
{
    PAGED_CODE();

    if (Node->StreamFile != NULL) {
        ObDereferenceObject(Node->StreamFile);
        Node->StreamFile = NULL;
    }
    ExDeleteResourceLite(&Node->Nonpaged->Resource);
    ExFreePoolWithTag(Node->Nonpaged, 'pNdT');
    ExFreePoolWithTag(Node, 'dNdT');
    Volume->NodeCount -= 1;
}

//
//  Removes Start if nothing references it, then each parent whose last
//  reference that was, going up. Holds at most one node when it returns:
//  none.
//

VOID
TdTeardown(
    _In_ PTD_VOLUME Volume,
    _In_ PTD_NODE Start,
    _Out_ PBOOLEAN RemovedStart
    )
{
    PTD_NODE Current = Start;
    PTD_NODE Parent;
    BOOLEAN AcquiredCurrent = FALSE;

    PAGED_CODE();

    __try {
        do {
            if (FlagOn(Current->State, TD_NODE_DIRECTORY) && Current->Reference == 0
                && Current->StreamFile != NULL) {
                ObDereferenceObject(Current->StreamFile);
                Current->StreamFile = NULL;
            }
            if (Current->Reference != 0) {
                break;
            }

            //
            //  Take the parent before the tree: its children list changes.
            //

            Parent = Current->Parent;
            if (Parent != NULL) {
                TdAcquireNodeExclusive(Parent);
            }
            TdLockTree(Volume);

            //
            //  Somebody may have opened the node while we waited.
            //

            if (Current->Reference != 0) {
                TdUnlockTree(Volume);
                if (Parent != NULL) {
                    TdReleaseNode(Parent);
                }
                break;
            }
            if (Parent != NULL) {
                RemoveEntryList(&Current->ChildLinks);
                Parent->Reference -= 1;
            }
            ClearFlag(Current->State, TD_NODE_IN_TABLE);
            TdUnlockTree(Volume);

            //
            //  Keep the parent and go up to it.
            //

            TdDeleteNode(Volume, Current);
            Current = Parent;
            AcquiredCurrent = TRUE;
        } while (Current != NULL);
    } __finally {
        if (AcquiredCurrent && Current != NULL) {
            TdReleaseNode(Current);
        }
    }
    *RemovedStart = (BOOLEAN)(Current != Start);
}

//
//  The same walk releasing each node it leaves, the deleted ones included.
//

VOID
TdTeardownReleasingDeleted(
    _In_ PTD_VOLUME Volume,
    _In_ PTD_NODE Start
    )
{
    PTD_NODE Current = Start;
    PTD_NODE Parent;
    BOOLEAN AcquiredCurrent = FALSE;

    __try {
        do {
            if (Current->Reference != 0) {
                break;
            }
            Parent = Current->Parent;
            if (Parent != NULL) {
                TdAcquireNodeExclusive(Parent);
            }
            TdLockTree(Volume);
            if (Parent != NULL) {
                RemoveEntryList(&Current->ChildLinks);
                Parent->Reference -= 1;
            }
            TdUnlockTree(Volume);
            TdDeleteNode(Volume, Current);
            if (AcquiredCurrent) {
                // Defect (release-not-held): the node's resource was deleted with it
                TdReleaseNode(Current);     // expect: ExclusiveResourceAccess release-not-held
            }
            Current = Parent;
            AcquiredCurrent = TRUE;
        } while (Current != NULL);
    } __finally {
        if (AcquiredCurrent && Current != NULL) {
            TdReleaseNode(Current);
        }
    }
}

//
//  The same walk leaving the root for dismount to remove, and forgetting
//  that it has just acquired it.
//

VOID
TdTeardownKeepingRoot(
    _In_ PTD_VOLUME Volume,
    _In_ PTD_NODE Start
    )
{
    PTD_NODE Current = Start;
    PTD_NODE Parent;
    BOOLEAN AcquiredCurrent = FALSE;

    __try {
        do {
            if (Current->Reference != 0) {
                break;
            }
            Parent = Current->Parent;
            if (Parent != NULL) {
                TdAcquireNodeExclusive(Parent);
                if (Parent == Volume->Root && Volume->Dismounting) {
                    break;
                }
            }
            TdLockTree(Volume);
            if (Current->Reference != 0) {
                TdUnlockTree(Volume);
                if (Parent != NULL) {
                    TdReleaseNode(Parent);
                }
                break;
            }
            if (Parent != NULL) {
                RemoveEntryList(&Current->ChildLinks);
                Parent->Reference -= 1;
            }
            TdUnlockTree(Volume);
            TdDeleteNode(Volume, Current);
            Current = Parent;
            AcquiredCurrent = TRUE;
        } while (Current != NULL);
    } __finally {
        if (AcquiredCurrent && Current != NULL) {
            TdReleaseNode(Current);
        }
    }
}

NTSTATUS
TdClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PTD_VOLUME Volume = (PTD_VOLUME)DeviceObject->DeviceExtension;
    PTD_NODE Node = (PTD_NODE)IrpSp->FileObject->FsContext;
    BOOLEAN Removed = FALSE;

    PAGED_CODE();

    if (Node != NULL) {
        TdLockTree(Volume);
        Node->Reference -= 1;
        TdUnlockTree(Volume);
        TdTeardown(Volume, Node, &Removed);
        if (Removed) {
            IrpSp->FileObject->FsContext = NULL;
        }
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
TdCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PTD_VOLUME Volume = (PTD_VOLUME)DeviceObject->DeviceExtension;
    PTD_NODE Node = (PTD_NODE)IrpSp->FileObject->FsContext;

    PAGED_CODE();

    if (Node != NULL && Node->Nonpaged->OpenHandles == 0) {
        if (FlagOn(IrpSp->FileObject->Flags, FO_DELETE_ON_CLOSE)) {
            TdTeardownReleasingDeleted(Volume, Node);
        } else {
            // Defect (held-at-exit): the root, kept acquired by the teardown's way out for dismount
            TdTeardownKeepingRoot(Volume, Node);
        }
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;              // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Dismount: with the volume held, tears down every node nothing
//  references, from each up to the root.
//

VOID
TdDismountWorker(
    _In_ PVOID Context
    )
{
    PTD_VOLUME Volume = TdGlobals.DismountVolume;
    PTD_NODE Node;
    PTD_NODE Next;
    BOOLEAN Removed;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(Context);

    if (Volume == NULL) {
        return;
    }
    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    Volume->Dismounting = TRUE;
    Node = TdNextNode(Volume, NULL);
    while (Node != NULL) {
        Next = TdNextNode(Volume, Node);
        if (Node->Reference == 0) {
            TdTeardown(Volume, Node, &Removed);
        }
        Node = Next;
    }
    if (Volume->NodeCount == 0) {
        Volume->Root = NULL;
    }
    ExReleaseResourceLite(&Volume->Resource);
}

//
//  The node after Previous in the volume's tree, in no particular order.
//

PTD_NODE
TdNextNode(
    _In_ PTD_VOLUME Volume,
    _In_opt_ PTD_NODE Previous
    )
{
    PLIST_ENTRY Entry;

    if (Previous == NULL) {
        return Volume->Root;
    }
    if (!IsListEmpty(&Previous->Children)) {
        Entry = Previous->Children.Flink;
        return CONTAINING_RECORD(Entry, TD_NODE, Children);
    }
    return Previous->Parent;
}
