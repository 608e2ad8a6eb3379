/*++

Module Name:

    queuedev.h

Abstract:

    A legacy driver for a device with several submission queues, each
    protected by its own executive resource, plus an administrative queue.

--*/

#ifndef _QUEUEDEV_H_
#define _QUEUEDEV_H_

#include <ntddk.h>
#include "..\common\defs.h"

#define QD_QUEUE_COUNT              4
#define QD_MAX_ATTEMPTS             5
#define QD_RETRY_DELAY_MS           10
#define QD_REBALANCE_DEPTH          64

typedef struct _QD_QUEUE {
    ERESOURCE Resource;                 // everything below
    ULONG Depth;
    ULONGLONG BytesSubmitted;
    ULONG Completed;
    BOOLEAN Suspended;
} QD_QUEUE, *PQD_QUEUE;

typedef struct _QD_EXTENSION {
    QD_QUEUE Admin;
    QD_QUEUE Queues[QD_QUEUE_COUNT];
    ULONG Generation;
    ULONG AverageDepth;
    WORK_QUEUE_ITEM RebalanceItem;
    LONG RebalanceQueued;
} QD_EXTENSION, *PQD_EXTENSION;

typedef struct _QD_DEPTHS {
    ULONG Admin;
    ULONG Queue[QD_QUEUE_COUNT];
} QD_DEPTHS, *PQD_DEPTHS;

#define QD_IOCTL(n) \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_QD_SUSPEND_ALL        QD_IOCTL(0)
#define IOCTL_QD_RESUME_ALL         QD_IOCTL(1)
#define IOCTL_QD_DRAIN_ALL          QD_IOCTL(2)
#define IOCTL_QD_RESET_ADMIN        QD_IOCTL(3)
#define IOCTL_QD_QUERY_DEPTHS       QD_IOCTL(4)
#define IOCTL_QD_PURGE_ALL          QD_IOCTL(5)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD QdUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH QdCreateClose;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH QdWrite;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH QdDeviceControl;
WORKER_THREAD_ROUTINE QdRebalanceWorker;

#endif // _QUEUEDEV_H_
