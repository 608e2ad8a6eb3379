/*++

Module Name:

    teardown.h

Abstract:

    A file system's in-memory directory tree: every node has a resource in a
    non-paged part of its own and a reference count, and points at its
    parent. A node nobody references is torn down, and its parent with it
    when that was the parent's last reference, up to the root.

--*/

#ifndef _TEARDOWN_H_
#define _TEARDOWN_H_

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _TD_NONPAGED {
    ERESOURCE Resource;                 // the node's contents and its children list
    ULONG OpenHandles;
} TD_NONPAGED, *PTD_NONPAGED;

typedef struct _TD_NODE {
    struct _TD_NODE *Parent;            // NULL for the root
    PTD_NONPAGED Nonpaged;
    LIST_ENTRY ChildLinks;              // in the parent's Children
    LIST_ENTRY Children;
    ULONG Reference;
    ULONG State;
    PFILE_OBJECT StreamFile;            // an internal stream, for directories
} TD_NODE, *PTD_NODE;

#define TD_NODE_IN_TABLE        0x0001
#define TD_NODE_DIRECTORY       0x0002

typedef struct _TD_VOLUME {
    ERESOURCE Resource;                 // the volume: mount state, its tree
    FAST_MUTEX TreeMutex;               // the references and links of every node
    PTD_NODE Root;
    ULONG NodeCount;
    BOOLEAN Dismounting;
} TD_VOLUME, *PTD_VOLUME;

typedef struct _TD_GLOBALS {
    WORK_QUEUE_ITEM DismountItem;
    PTD_VOLUME DismountVolume;
} TD_GLOBALS;

extern TD_GLOBALS TdGlobals;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD TdUnload;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH TdClose;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH TdCleanup;
WORKER_THREAD_ROUTINE TdDismountWorker;

VOID TdTeardown(_In_ PTD_VOLUME Volume, _In_ PTD_NODE Start, _Out_ PBOOLEAN RemovedStart);
VOID TdTeardownReleasingDeleted(_In_ PTD_VOLUME Volume, _In_ PTD_NODE Start);
VOID TdTeardownKeepingRoot(_In_ PTD_VOLUME Volume, _In_ PTD_NODE Start);
VOID TdDeleteNode(_In_ PTD_VOLUME Volume, _In_ PTD_NODE Node);
PTD_NODE TdNextNode(_In_ PTD_VOLUME Volume, _In_opt_ PTD_NODE Previous);

#define TdAcquireNodeExclusive(N)   ExAcquireResourceExclusiveLite(&(N)->Nonpaged->Resource, TRUE)
#define TdReleaseNode(N)            ExReleaseResourceLite(&(N)->Nonpaged->Resource)
#define TdLockTree(V)               ExAcquireFastMutex(&(V)->TreeMutex)
#define TdUnlockTree(V)             ExReleaseFastMutex(&(V)->TreeMutex)

#endif
