/*++

Module Name:

    flagwait.c

Abstract:

    The "can wait" flag set or cleared in an IRP context on the path, then
    passed as the Wait argument of an acquire: a worker builds a context on
    its stack, marks it as able to wait, and acquires through a macro that
    reads the flag.  The acquire cannot fail, so the release is correct.
    Its twin clears the flag first and then releases unconditionally.  A
    third worker marks the context as able to wait and then, in a loop,
    sets another flag for some volumes only: the flag word is no longer
    known after the loop, but the wait flag is still set on every path.
    A retry worker, like a file system's exception filter, sets the wait
    flag on a context it is handed together with a flag it clears again
    before acquiring, and a third flag only when there is an originating
    request.

--*/

#include <ntifs.h>
#include "..\common\defs.h"

#define FW_CONTEXT_FLAG_WAIT            0x00000002
#define FW_CONTEXT_FLAG_WRITE_THROUGH   0x00000010
#define FW_CONTEXT_FLAG_RECURSIVE_CALL  0x00000008
#define FW_CONTEXT_FLAG_DISABLE_POPUPS  0x00000100

typedef struct _FW_IRP_CONTEXT {
    ULONG Flags;
    PVOID Originating;
} FW_IRP_CONTEXT, *PFW_IRP_CONTEXT;

typedef struct _FW_VOLUME {
    LIST_ENTRY Links;
    BOOLEAN WriteThrough;
} FW_VOLUME, *PFW_VOLUME;

typedef struct _FW_GLOBALS {
    ERESOURCE Resource;
    LIST_ENTRY Volumes;
    WORK_QUEUE_ITEM Item;
    WORK_QUEUE_ITEM FlushItem;
    WORK_QUEUE_ITEM RetryItem;
    FW_IRP_CONTEXT RetryContext;
} FW_GLOBALS;

FW_GLOBALS FwGlobals;

#define FwAcquireSharedGlobal(C) \
    ExAcquireResourceSharedLite(&FwGlobals.Resource, BooleanFlagOn((C)->Flags, FW_CONTEXT_FLAG_WAIT))

#define FwAcquireExclusiveGlobal(C) \
    ExAcquireResourceExclusiveLite(&FwGlobals.Resource, BooleanFlagOn((C)->Flags, FW_CONTEXT_FLAG_WAIT))

#define FwReleaseGlobal(C) ExReleaseResourceLite(&FwGlobals.Resource)

DRIVER_INITIALIZE DriverEntry;
WORKER_THREAD_ROUTINE FwScanVolumes;
WORKER_THREAD_ROUTINE FwTrimVolumes;
WORKER_THREAD_ROUTINE FwFlushVolumes;
WORKER_THREAD_ROUTINE FwRetryRequest;
DRIVER_UNLOAD FwUnload;

VOID
FwScanVolumes(
    _In_ PVOID Parameter
    )
{
    FW_IRP_CONTEXT IrpContext;
    PLIST_ENTRY Links;

    UNREFERENCED_PARAMETER(Parameter);

    RtlZeroMemory(&IrpContext, sizeof(FW_IRP_CONTEXT));
    SetFlag(IrpContext.Flags, FW_CONTEXT_FLAG_WAIT | FW_CONTEXT_FLAG_WRITE_THROUGH);

    //
    //  The context can wait, so the shared acquire cannot fail here.
    //

    (VOID)FwAcquireSharedGlobal(&IrpContext);

    for (Links = FwGlobals.Volumes.Flink; Links != &FwGlobals.Volumes; Links = Links->Flink) {
        NOTHING;
    }

    FwReleaseGlobal(&IrpContext);
}

VOID
FwTrimVolumes(
    _In_ PVOID Parameter
    )
{
    FW_IRP_CONTEXT IrpContext;

    UNREFERENCED_PARAMETER(Parameter);

    IrpContext.Flags = FW_CONTEXT_FLAG_WAIT;
    ClearFlag(IrpContext.Flags, FW_CONTEXT_FLAG_WAIT);

    //
    //  Defect (work item, release-not-held): the flag was cleared, so this
    //  is a non-blocking attempt that may fail, and its result is ignored.
    //

    (VOID)FwAcquireExclusiveGlobal(&IrpContext);
    FwReleaseGlobal(&IrpContext);   // expect: ExclusiveResourceAccess release-not-held
}

VOID
FwFlushVolumes(
    _In_ PVOID Parameter
    )
{
    FW_IRP_CONTEXT IrpContext;
    PLIST_ENTRY Links;

    UNREFERENCED_PARAMETER(Parameter);

    IrpContext.Flags = FW_CONTEXT_FLAG_WAIT;

    //
    //  Write through if any volume asks for it: after the loop the flags may
    //  or may not include WRITE_THROUGH, and they include WAIT either way.
    //

    for (Links = FwGlobals.Volumes.Flink; Links != &FwGlobals.Volumes; Links = Links->Flink) {

        PFW_VOLUME Volume = CONTAINING_RECORD(Links, FW_VOLUME, Links);

        if (Volume->WriteThrough) {
            SetFlag(IrpContext.Flags, FW_CONTEXT_FLAG_WRITE_THROUGH);
        }
    }

    (VOID)FwAcquireExclusiveGlobal(&IrpContext);
    FwReleaseGlobal(&IrpContext);
}

VOID
FwRetryRequest(
    _In_ PVOID Parameter
    )
{
    PFW_IRP_CONTEXT IrpContext = (PFW_IRP_CONTEXT)Parameter;

    SetFlag(IrpContext->Flags, FW_CONTEXT_FLAG_WAIT | FW_CONTEXT_FLAG_DISABLE_POPUPS);

    if (IrpContext->Originating != NULL) {
        SetFlag(IrpContext->Flags, FW_CONTEXT_FLAG_RECURSIVE_CALL);
    }

    ClearFlag(IrpContext->Flags, FW_CONTEXT_FLAG_DISABLE_POPUPS);

    //
    //  Whatever else was set or cleared, the wait flag is still set.
    //

    (VOID)FwAcquireExclusiveGlobal(IrpContext);
    FwReleaseGlobal(IrpContext);
}

VOID
FwUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    ExDeleteResourceLite(&FwGlobals.Resource);
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    ExInitializeResourceLite(&FwGlobals.Resource);
    InitializeListHead(&FwGlobals.Volumes);
    ExInitializeWorkItem(&FwGlobals.Item, FwScanVolumes, NULL);
    ExQueueWorkItem(&FwGlobals.Item, DelayedWorkQueue);
    ExInitializeWorkItem(&FwGlobals.FlushItem, FwFlushVolumes, NULL);
    ExQueueWorkItem(&FwGlobals.FlushItem, DelayedWorkQueue);
    ExInitializeWorkItem(&FwGlobals.RetryItem, FwRetryRequest, &FwGlobals.RetryContext);
    ExQueueWorkItem(&FwGlobals.RetryItem, DelayedWorkQueue);
    DriverObject->DriverUnload = FwUnload;
    return STATUS_SUCCESS;
}
