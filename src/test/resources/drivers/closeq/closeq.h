/*++

Module Name:

    closeq.h

Abstract:

    A file system's delayed-close queue: requests to close files are queued
    and a worker closes them later, volume by volume.

--*/

#ifndef _CLOSEQ_H_
#define _CLOSEQ_H_

#include <ntddk.h>
#include "..\common\defs.h"

#define CQ_CLOSES_PER_HOLD      16

typedef struct _CQ_VOLUME {
    ERESOURCE Resource;                 // the volume's open files and counts
    ULONG OpenCount;
    ULONG CloseCount;
    BOOLEAN Dismounted;
} CQ_VOLUME, *PCQ_VOLUME;

typedef struct _CQ_FILE {
    PERESOURCE Resource;                // shared with the cache manager, as an FCB header's
    BOOLEAN Dirty;
} CQ_FILE, *PCQ_FILE;

typedef struct _CQ_CLOSE {
    LIST_ENTRY Links;
    PCQ_VOLUME Volume;
    PVOID FileContext;
} CQ_CLOSE, *PCQ_CLOSE;

typedef struct _CQ_GLOBALS {
    KSPIN_LOCK QueueLock;
    LIST_ENTRY Queue;
    BOOLEAN ShutdownStarted;
    WORK_QUEUE_ITEM Item;
    WORK_QUEUE_ITEM PurgeItem;
    WORK_QUEUE_ITEM ScrubItem;
    PCQ_VOLUME Dismounting;
    LONG WorkerActive;
} CQ_GLOBALS;

extern CQ_GLOBALS CqGlobals;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CqUnload;
_Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH CqClose;
WORKER_THREAD_ROUTINE CqCloseWorker;
WORKER_THREAD_ROUTINE CqPurgeWorker;
WORKER_THREAD_ROUTINE CqScrubWorker;

PCQ_FILE CqNextDirtyFile(VOID);

PCQ_CLOSE CqRemoveClose(_In_opt_ PCQ_VOLUME Preferred);
VOID CqCloseOne(_In_ PCQ_CLOSE Close, _In_ BOOLEAN VolumeHeld);

#endif
