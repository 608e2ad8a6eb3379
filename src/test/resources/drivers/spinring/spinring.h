/*++

Module Name:

    spinring.h

Abstract:

    A legacy driver for a software ring buffer device.  Writers append
    records, readers take them, and a timer DPC appends a heartbeat record
    every second.  Everything is protected by spin locks: the driver uses
    no executive resource at all.

--*/

#ifndef _SPINRING_H_
#define _SPINRING_H_

#include <ntddk.h>

#ifndef _Dispatch_type_
#define _Dispatch_type_(type)
#endif

#define RING_TAG                    'gniR'
#define RING_SLOTS                  64
#define RING_RECORD_SIZE            64
#define RING_HEARTBEAT_MS           1000

typedef struct _RING_RECORD {
    ULONG Length;
    UCHAR Data[RING_RECORD_SIZE];
} RING_RECORD, *PRING_RECORD;

//
//  RingLock  - Head, Tail, Records, PendingReads.
//  StatsLock - the counters (in-stack queued spin lock).
//

typedef struct _RING_EXTENSION {
    KSPIN_LOCK RingLock;
    ULONG Head;
    ULONG Tail;
    RING_RECORD Records[RING_SLOTS];
    LIST_ENTRY PendingReads;

    KSPIN_LOCK StatsLock;
    ULONGLONG RecordsWritten;
    ULONGLONG RecordsRead;
    ULONGLONG RecordsDropped;

    KTIMER HeartbeatTimer;
    KDPC HeartbeatDpc;
    ULONG HeartbeatCount;
} RING_EXTENSION, *PRING_EXTENSION;

typedef struct _RING_STATISTICS {
    ULONGLONG RecordsWritten;
    ULONGLONG RecordsRead;
    ULONGLONG RecordsDropped;
} RING_STATISTICS, *PRING_STATISTICS;

#define IOCTL_RING_GET_STATISTICS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_READ_ACCESS)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD RingUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH RingCreateClose;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH RingRead;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH RingWrite;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH RingDeviceControl;
KDEFERRED_ROUTINE RingHeartbeatDpc;
DRIVER_CANCEL RingCancelRead;

#endif // _SPINRING_H_
