/*++

Module Name:

    FatStruc.h

Abstract:

    In-memory structures of a FAT-like file system driver: the global data,
    the volume control block (VCB), the file control block (FCB), the IRP
    context and the context of an asynchronous write.

--*/

#ifndef _FATSTRUC_
#define _FATSTRUC_

typedef CSHORT NODE_TYPE_CODE;

#define FAT_NTC_DATA_HEADER         ((NODE_TYPE_CODE)0x0500)
#define FAT_NTC_VCB                 ((NODE_TYPE_CODE)0x0501)
#define FAT_NTC_FCB                 ((NODE_TYPE_CODE)0x0502)
#define FAT_NTC_DCB                 ((NODE_TYPE_CODE)0x0503)
#define FAT_NTC_IRP_CONTEXT         ((NODE_TYPE_CODE)0x0504)

//
//  Global data.  Resource protects the VCB queue.
//

typedef struct _FAT_DATA {
    NODE_TYPE_CODE NodeTypeCode;
    CSHORT NodeByteSize;
    ERESOURCE Resource;
    LIST_ENTRY VcbQueue;
    PDRIVER_OBJECT DriverObject;
    PDEVICE_OBJECT DiskFileSystemDeviceObject;
    CACHE_MANAGER_CALLBACKS CacheManagerCallbacks;
} FAT_DATA, *PFAT_DATA;

extern FAT_DATA FatData;
extern FAST_IO_DISPATCH FatFastIoDispatch;

//
//  Volume control block.  Resource protects the volume state and the FCB
//  list; ChangeBitMapResource protects the in-memory cluster bitmap.
//

typedef struct _VCB {
    NODE_TYPE_CODE NodeTypeCode;
    CSHORT NodeByteSize;
    LIST_ENTRY VcbLinks;
    PDEVICE_OBJECT TargetDeviceObject;
    PVPB Vpb;
    ULONG VcbState;
    ULONG OpenFileCount;
    PFILE_OBJECT LockFileObject;
    ERESOURCE Resource;
    ERESOURCE ChangeBitMapResource;
    LIST_ENTRY FcbList;
    ULONG FreeClusterCount;
    ULONG BytesPerCluster;
} VCB, *PVCB;

#define VCB_STATE_FLAG_LOCKED               (0x00000001)
#define VCB_STATE_FLAG_DISMOUNT_IN_PROGRESS (0x00000002)
#define VCB_STATE_FLAG_WRITE_PROTECTED      (0x00000004)
#define VCB_STATE_FLAG_SHUT_DOWN            (0x00000008)

//
//  The nonpaged part of an FCB holds the two resources that the common
//  header points to.
//

typedef struct _NON_PAGED_FCB {
    ERESOURCE Resource;
    ERESOURCE PagingIoResource;
    SECTION_OBJECT_POINTERS SectionObjectPointers;
    ULONG OutstandingAsyncWrites;
    PKEVENT OutstandingAsyncEvent;
} NON_PAGED_FCB, *PNON_PAGED_FCB;

typedef struct _FCB {
    FSRTL_COMMON_FCB_HEADER Header;     // Header.Resource -> NonPaged->Resource
    PNON_PAGED_FCB NonPaged;
    PVCB Vcb;
    struct _FCB *ParentDcb;
    LIST_ENTRY VcbLinks;
    ULONG FcbState;
    ULONG UncleanCount;
    ULONG OpenCount;
    SHARE_ACCESS ShareAccess;
    ULONG FirstClusterOfFile;
    ULONG DiskOffset;
    UNICODE_STRING FullFileName;
} FCB, *PFCB;

#define FCB_STATE_DELETE_ON_CLOSE           (0x00000001)
#define FCB_STATE_TRUNCATE_ON_CLOSE         (0x00000002)

//
//  Context of an asynchronous non-cached write.  The FCB resource is handed
//  to this context (ResourceThreadId is an owner pointer, not a thread) and
//  released by the completion routine.
//

typedef struct _FAT_IO_CONTEXT {
    PIRP MasterIrp;
    PERESOURCE Resource;
    ERESOURCE_THREAD ResourceThreadId;
    ULONG RequestedByteCount;
    PFILE_OBJECT FileObject;
} FAT_IO_CONTEXT, *PFAT_IO_CONTEXT;

typedef struct _IRP_CONTEXT {
    NODE_TYPE_CODE NodeTypeCode;
    CSHORT NodeByteSize;
    PIRP OriginatingIrp;
    PDEVICE_OBJECT RealDevice;
    PVCB Vcb;
    ULONG Flags;
    UCHAR MajorFunction;
    UCHAR MinorFunction;
    NTSTATUS ExceptionStatus;
    PFAT_IO_CONTEXT FatIoContext;
    WORK_QUEUE_ITEM WorkQueueItem;
} IRP_CONTEXT, *PIRP_CONTEXT;

#define IRP_CONTEXT_FLAG_WAIT               (0x00000002)
#define IRP_CONTEXT_FLAG_WRITE_THROUGH      (0x00000004)
#define IRP_CONTEXT_FLAG_IN_FSP             (0x00000008)

//
//  A mounted volume's device object: the VCB follows the device object.
//

typedef struct _VOLUME_DEVICE_OBJECT {
    DEVICE_OBJECT DeviceObject;
    ULONG PostedRequestCount;
    VCB Vcb;
} VOLUME_DEVICE_OBJECT, *PVOLUME_DEVICE_OBJECT;

#define TAG_IRP_CONTEXT                     'CIaF'
#define TAG_FAT_IO_CONTEXT                  'IOaF'

#endif // _FATSTRUC_
