/*++

Module Name:

    scanfilter.c

Abstract:

    A minifilter.  The pattern list and the stream contexts are protected
    by executive resources taken with FltAcquireResourceExclusive/Shared
    and dropped with FltReleaseResource.

    The filter manager callbacks (unload, instance setup, pre/post
    operation, context cleanup) are correct.  The two deliberate defects
    are in the routines the system calls directly: DriverEntry returns
    holding the pattern resource on an error path, and the reload thread
    releases it on a path where it never acquired it.

--*/

#include "scanfilter.h"

SCAN_GLOBALS ScanGlobals;

static NTSTATUS ScanLoadPatterns(VOID);
static VOID ScanFreePatterns(VOID);
static VOID ScanStopThread(VOID);
static BOOLEAN ScanIsWatched(_In_ PCUNICODE_STRING Extension);

CONST FLT_OPERATION_REGISTRATION ScanCallbacks[] = {
    { IRP_MJ_CREATE, 0, ScanPreCreate, ScanPostCreate },
    { IRP_MJ_WRITE, 0, ScanPreWrite, NULL },
    { IRP_MJ_OPERATION_END }
};

CONST FLT_CONTEXT_REGISTRATION ScanContexts[] = {
    { FLT_STREAM_CONTEXT, 0, ScanContextCleanup, sizeof(SCAN_STREAM_CONTEXT), SCAN_TAG },
    { FLT_CONTEXT_END }
};

CONST FLT_REGISTRATION ScanRegistration = {
    sizeof(FLT_REGISTRATION),
    FLT_REGISTRATION_VERSION,
    0,
    ScanContexts,
    ScanCallbacks,
    ScanUnload,
    ScanInstanceSetup,
};

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, ScanReloadThread)
#pragma alloc_text(PAGE, ScanUnload)
#pragma alloc_text(PAGE, ScanInstanceSetup)
#pragma alloc_text(PAGE, ScanPreCreate)
#pragma alloc_text(PAGE, ScanPostCreate)
#endif

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    HANDLE ThreadHandle;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlZeroMemory(&ScanGlobals, sizeof(ScanGlobals));
    ExInitializeResourceLite(&ScanGlobals.PatternResource);
    InitializeListHead(&ScanGlobals.Patterns);
    KeInitializeEvent(&ScanGlobals.ReloadEvent, SynchronizationEvent, FALSE);

    //
    //  Hold the pattern list until filtering has started, so that the first
    //  creates see all of it.
    //

    FltAcquireResourceExclusive(&ScanGlobals.PatternResource);

    Status = ScanLoadPatterns();
    if (NT_SUCCESS(Status)) {
        Status = FltRegisterFilter(DriverObject, &ScanRegistration, &ScanGlobals.Filter);
    }
    if (!NT_SUCCESS(Status)) {
        ScanFreePatterns();

        //
        //  Defect (DriverEntry, held-at-exit): this error path forgets to
        //  release the pattern resource.
        //

        return Status;      // expect: ExclusiveResourceAccess held-at-exit
    }

    Status = PsCreateSystemThread(&ThreadHandle, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                  ScanReloadThread, NULL);
    if (!NT_SUCCESS(Status)) {
        FltReleaseResource(&ScanGlobals.PatternResource);
        FltUnregisterFilter(ScanGlobals.Filter);
        ScanFreePatterns();
        return Status;
    }
    (VOID)ObReferenceObjectByHandle(ThreadHandle, THREAD_ALL_ACCESS, NULL, KernelMode,
                                    (PVOID *)&ScanGlobals.ReloadThread, NULL);
    ZwClose(ThreadHandle);

    Status = FltStartFiltering(ScanGlobals.Filter);
    FltReleaseResource(&ScanGlobals.PatternResource);

    if (!NT_SUCCESS(Status)) {
        ScanStopThread();
        FltUnregisterFilter(ScanGlobals.Filter);
        ScanFreePatterns();
    }
    return Status;
}

//
//  Reloads the pattern list whenever asked to.
//

VOID
ScanReloadThread(
    _In_ PVOID StartContext
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(StartContext);

    for (;;) {
        (VOID)KeWaitForSingleObject(&ScanGlobals.ReloadEvent, Executive, KernelMode, FALSE, NULL);
        if (ScanGlobals.Stop) {
            break;
        }

        if (ScanGlobals.ReloadRequested) {
            ScanGlobals.ReloadRequested = FALSE;
            FltAcquireResourceExclusive(&ScanGlobals.PatternResource);
            ScanFreePatterns();
            (VOID)ScanLoadPatterns();
        }

        //
        //  Defect (thread start routine, release-not-held): this release
        //  belongs inside the if above; a wake-up without a reload request
        //  releases a resource the thread does not hold.
        //

        FltReleaseResource(&ScanGlobals.PatternResource);  // expect: ExclusiveResourceAccess release-not-held
    }

    PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS
ScanUnload(
    _In_ FLT_FILTER_UNLOAD_FLAGS Flags
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(Flags);

    ScanStopThread();
    FltUnregisterFilter(ScanGlobals.Filter);

    FltAcquireResourceExclusive(&ScanGlobals.PatternResource);
    ScanFreePatterns();
    FltReleaseResource(&ScanGlobals.PatternResource);

    ExDeleteResourceLite(&ScanGlobals.PatternResource);
    return STATUS_SUCCESS;
}

NTSTATUS
ScanInstanceSetup(
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_ FLT_INSTANCE_SETUP_FLAGS Flags,
    _In_ DEVICE_TYPE VolumeDeviceType,
    _In_ FLT_FILESYSTEM_TYPE VolumeFilesystemType
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(FltObjects);
    UNREFERENCED_PARAMETER(Flags);
    UNREFERENCED_PARAMETER(VolumeFilesystemType);

    if (VolumeDeviceType == FILE_DEVICE_NETWORK_FILE_SYSTEM) {
        return STATUS_FLT_DO_NOT_ATTACH;
    }

    //
    //  A new volume may carry its own list: have the thread reload.
    //

    ScanGlobals.ReloadRequested = TRUE;
    KeSetEvent(&ScanGlobals.ReloadEvent, IO_NO_INCREMENT, FALSE);
    return STATUS_SUCCESS;
}

FLT_PREOP_CALLBACK_STATUS
ScanPreCreate(
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Outptr_result_maybenull_ PVOID *CompletionContext
    )
{
    ULONG Count;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(Data);
    UNREFERENCED_PARAMETER(FltObjects);

    *CompletionContext = NULL;

    FltAcquireResourceShared(&ScanGlobals.PatternResource);
    Count = ScanGlobals.PatternCount;
    FltReleaseResource(&ScanGlobals.PatternResource);

    return (Count != 0) ? FLT_PREOP_SUCCESS_WITH_CALLBACK : FLT_PREOP_SUCCESS_NO_CALLBACK;
}

FLT_POSTOP_CALLBACK_STATUS
ScanPostCreate(
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_opt_ PVOID CompletionContext,
    _In_ FLT_POST_OPERATION_FLAGS Flags
    )
{
    PFLT_FILE_NAME_INFORMATION NameInfo;
    PSCAN_STREAM_CONTEXT Context;
    BOOLEAN Watched;
    NTSTATUS Status;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(CompletionContext);

    if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) || !NT_SUCCESS(Data->IoStatus.Status)) {
        return FLT_POSTOP_FINISHED_PROCESSING;
    }

    Status = FltGetFileNameInformation(Data, FLT_FILE_NAME_NORMALIZED | FLT_FILE_NAME_QUERY_DEFAULT,
                                       &NameInfo);
    if (!NT_SUCCESS(Status)) {
        return FLT_POSTOP_FINISHED_PROCESSING;
    }
    (VOID)FltParseFileNameInformation(NameInfo);

    FltAcquireResourceShared(&ScanGlobals.PatternResource);
    Watched = ScanIsWatched(&NameInfo->Extension);
    FltReleaseResource(&ScanGlobals.PatternResource);

    FltReleaseFileNameInformation(NameInfo);

    if (!Watched) {
        return FLT_POSTOP_FINISHED_PROCESSING;
    }

    Status = FltAllocateContext(FltObjects->Filter, FLT_STREAM_CONTEXT, sizeof(SCAN_STREAM_CONTEXT),
                                NonPagedPool, (PFLT_CONTEXT *)&Context);
    if (NT_SUCCESS(Status)) {
        RtlZeroMemory(Context, sizeof(SCAN_STREAM_CONTEXT));
        ExInitializeResourceLite(&Context->Resource);
        (VOID)FltSetStreamContext(FltObjects->Instance, FltObjects->FileObject,
                                  FLT_SET_CONTEXT_KEEP_IF_EXISTS, Context, NULL);
        FltReleaseContext(Context);
    }

    return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS
ScanPreWrite(
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Outptr_result_maybenull_ PVOID *CompletionContext
    )
{
    PSCAN_STREAM_CONTEXT Context;

    UNREFERENCED_PARAMETER(Data);

    *CompletionContext = NULL;

    if (!NT_SUCCESS(FltGetStreamContext(FltObjects->Instance, FltObjects->FileObject,
                                        (PFLT_CONTEXT *)&Context))) {
        return FLT_PREOP_SUCCESS_NO_CALLBACK;
    }

    FltAcquireResourceExclusive(&Context->Resource);
    Context->Scanned = FALSE;
    Context->WritesSinceScan += 1;
    FltReleaseResource(&Context->Resource);

    FltReleaseContext(Context);
    return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

VOID
ScanContextCleanup(
    _In_ PFLT_CONTEXT Context,
    _In_ FLT_CONTEXT_TYPE ContextType
    )
{
    UNREFERENCED_PARAMETER(ContextType);

    ExDeleteResourceLite(&((PSCAN_STREAM_CONTEXT)Context)->Resource);
}

//
//  Called with PatternResource held exclusive.
//

static NTSTATUS
ScanLoadPatterns(VOID)
{
    static CONST PCWSTR Defaults[] = { L"exe", L"dll", L"sys", L"scr" };
    PSCAN_PATTERN Pattern;
    ULONG i;

    for (i = 0; i < RTL_NUMBER_OF(Defaults); i++) {
        Pattern = ExAllocatePoolWithTag(PagedPool, sizeof(SCAN_PATTERN), SCAN_TAG);
        if (Pattern == NULL) {
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        RtlInitEmptyUnicodeString(&Pattern->Extension, Pattern->Buffer, sizeof(Pattern->Buffer));
        (VOID)RtlAppendUnicodeToString(&Pattern->Extension, Defaults[i]);
        InsertTailList(&ScanGlobals.Patterns, &Pattern->Links);
        ScanGlobals.PatternCount += 1;
    }
    return STATUS_SUCCESS;
}

//
//  Called with PatternResource held exclusive.
//

static VOID
ScanFreePatterns(VOID)
{
    while (!IsListEmpty(&ScanGlobals.Patterns)) {
        PLIST_ENTRY Entry = RemoveHeadList(&ScanGlobals.Patterns);
        ExFreePoolWithTag(CONTAINING_RECORD(Entry, SCAN_PATTERN, Links), SCAN_TAG);
    }
    ScanGlobals.PatternCount = 0;
}

//
//  Called with PatternResource held, shared or exclusive.
//

static BOOLEAN
ScanIsWatched(
    _In_ PCUNICODE_STRING Extension
    )
{
    PLIST_ENTRY Entry;

    for (Entry = ScanGlobals.Patterns.Flink; Entry != &ScanGlobals.Patterns; Entry = Entry->Flink) {
        PSCAN_PATTERN Pattern = CONTAINING_RECORD(Entry, SCAN_PATTERN, Links);
        if (RtlEqualUnicodeString(&Pattern->Extension, Extension, TRUE)) {
            return TRUE;
        }
    }
    return FALSE;
}

static VOID
ScanStopThread(VOID)
{
    if (ScanGlobals.ReloadThread == NULL) {
        return;
    }
    ScanGlobals.Stop = TRUE;
    KeSetEvent(&ScanGlobals.ReloadEvent, IO_NO_INCREMENT, FALSE);
    (VOID)KeWaitForSingleObject(ScanGlobals.ReloadThread, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(ScanGlobals.ReloadThread);
    ScanGlobals.ReloadThread = NULL;
}
