/*++

Module Name:

    cachedisk.h

Abstract:

    An upper filter for disks that keeps a small write-back cache of
    blocks.  Small aligned writes are absorbed as dirty blocks; a system
    thread, a work item and the flush request write them back.  Other I/O
    goes down to the disk asynchronously.

--*/

#ifndef _CACHEDISK_H_
#define _CACHEDISK_H_

#include <ntddk.h>
#include "..\common\defs.h"

#define CDK_TAG                     'kDcC'
#define CDK_BLOCK_SIZE              4096
#define CDK_MAX_BLOCKS              256
#define CDK_DIRTY_THRESHOLD         64
#define CDK_FLUSH_INTERVAL_MS       5000

typedef struct _CDK_BLOCK {
    LIST_ENTRY Links;
    LONGLONG Offset;
    BOOLEAN Dirty;
    LARGE_INTEGER LastUse;
    UCHAR Data[CDK_BLOCK_SIZE];
} CDK_BLOCK, *PCDK_BLOCK;

//
//  CacheResource - the block list and the counts.
//  WriteResource - one write-through at a time; held, under an owner
//                  pointer, until the disk completes it.
//  FlushResource - one flush at a time.
//

typedef struct _CDK_EXTENSION {
    PDEVICE_OBJECT Self;
    PDEVICE_OBJECT LowerDevice;
    IO_REMOVE_LOCK RemoveLock;
    LIST_ENTRY Links;

    ERESOURCE CacheResource;
    ERESOURCE WriteResource;
    ERESOURCE FlushResource;

    LIST_ENTRY Blocks;
    ULONG BlockCount;
    LONG DirtyCount;

    PIO_WORKITEM FlushWorkItem;
    LONG FlushQueued;
    LONG TrimQueued;
} CDK_EXTENSION, *PCDK_EXTENSION;

typedef struct _CDK_TRIM_CONTEXT {
    WORK_QUEUE_ITEM WorkItem;
    PCDK_EXTENSION Extension;
    ULONG Target;
} CDK_TRIM_CONTEXT, *PCDK_TRIM_CONTEXT;

//
//  ListResource protects DeviceList, which the flusher thread walks.
//

typedef struct _CDK_GLOBALS {
    ERESOURCE ListResource;
    LIST_ENTRY DeviceList;
    PKTHREAD FlusherThread;
    KEVENT FlushEvent;
    volatile BOOLEAN StopFlusher;
} CDK_GLOBALS;

extern CDK_GLOBALS CdkGlobals;

//
//  Routines the system calls.
//

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CdkUnload;
DRIVER_ADD_DEVICE CdkAddDevice;

_Dispatch_type_(IRP_MJ_READ)            DRIVER_DISPATCH CdkRead;
_Dispatch_type_(IRP_MJ_WRITE)           DRIVER_DISPATCH CdkWrite;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS)   DRIVER_DISPATCH CdkFlush;
_Dispatch_type_(IRP_MJ_PNP)             DRIVER_DISPATCH CdkPnp;
_Dispatch_type_(IRP_MJ_POWER)           DRIVER_DISPATCH CdkPower;
DRIVER_DISPATCH CdkPassThrough;

IO_COMPLETION_ROUTINE CdkReadComplete;
IO_COMPLETION_ROUTINE CdkWriteComplete;
IO_COMPLETION_ROUTINE CdkFlushComplete;

KSTART_ROUTINE CdkFlusherThread;
IO_WORKITEM_ROUTINE CdkFlushWorkItem;
WORKER_THREAD_ROUTINE CdkTrimWorker;

//
//  lazy.c
//

NTSTATUS CdkWriteDirtyBlocks (_In_ PCDK_EXTENSION Ext);
PCDK_BLOCK CdkLookupBlock (_In_ PCDK_EXTENSION Ext, _In_ LONGLONG Offset);

#endif // _CACHEDISK_H_
