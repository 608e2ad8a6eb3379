/*++

Module Name:

    twoways.c

Abstract:

    A drain routine called two ways, as FAT's FSP close is: with a volume,
    for that volume's queued closes alone, or with NULL from a work item,
    for every volume's, keeping the current volume acquired from one close
    to the next. Whether it was given a volume is tested before its loop
    and again inside it. The common routine it calls for each close acquires
    the close's volume itself: the one the worker holds (acquire-while-held).
    Its release undoes only its own acquisition (an ERESOURCE counts them),
    so the worker's later releases of that volume are correct.

    The two ways in reach the loop with nothing held. Engines before
    28 November 2026 joined them at the loop's head as if they were two
    passes of one run, and then reported the defect with a trace that
    passed the first test one way and the second the other (the volume
    present before the loop, absent in it); the engine keeps runs whose facts
    contradict apart there (TraceConsistencyTest).

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _TW_VOLUME {
    ERESOURCE Resource;
    ULONG CloseCount;
} TW_VOLUME, *PTW_VOLUME;

typedef struct _TW_CLOSE {
    LIST_ENTRY Links;
    PTW_VOLUME Volume;
} TW_CLOSE, *PTW_CLOSE;

typedef struct _TW_GLOBALS {
    KSPIN_LOCK QueueLock;
    LIST_ENTRY Queue;
    BOOLEAN TopLevel;
    WORK_QUEUE_ITEM Item;
} TW_GLOBALS;

TW_GLOBALS TwGlobals;

DRIVER_INITIALIZE DriverEntry;
WORKER_THREAD_ROUTINE TwWorker;

PTW_CLOSE
TwNextClose(
    _In_opt_ PTW_VOLUME Volume
    )
{
    KIRQL OldIrql;
    PTW_CLOSE Close = NULL;

    UNREFERENCED_PARAMETER(Volume);

    KeAcquireSpinLock(&TwGlobals.QueueLock, &OldIrql);
    if (!IsListEmpty(&TwGlobals.Queue)) {
        Close = CONTAINING_RECORD(RemoveHeadList(&TwGlobals.Queue), TW_CLOSE, Links);
    }
    KeReleaseSpinLock(&TwGlobals.QueueLock, OldIrql);
    return Close;
}

VOID
TwCommonClose(
    _In_ PTW_VOLUME Volume
    )
{
    //
    //  Defect (acquire-while-held): the worker holds this volume.
    //

    ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);           // expect: ExclusiveResourceAccess acquire-while-held
    Volume->CloseCount += 1;
    ExReleaseResourceLite(&Volume->Resource);
}

VOID
TwDrain(
    _In_opt_ PTW_VOLUME Volume
    )
{
    PTW_CLOSE Close;
    PTW_VOLUME Current = NULL;
    BOOLEAN TopLevel = FALSE;

    if (!ARGUMENT_PRESENT(Volume)) {
        TwGlobals.TopLevel = TRUE;
        TopLevel = TRUE;
    }

    while ((Close = TwNextClose(Volume)) != NULL) {

        if (!ARGUMENT_PRESENT(Volume)) {

            if (Close->Volume != Current) {

                //
                //  Not a defect: the common close released its own hold only.
                //

                if (Current != NULL) {
                    ExReleaseResourceLite(&Current->Resource);
                }
                Current = Close->Volume;
                ExAcquireResourceExclusiveLite(&Current->Resource, TRUE);
            }
        }

        TwCommonClose(Close->Volume);
    }

    //
    //  Nor here.
    //

    if (Current != NULL) {
        ExReleaseResourceLite(&Current->Resource);
    }

    if (TopLevel) {
        TwGlobals.TopLevel = FALSE;
    }
}

VOID
TwWorker(
    _In_ PVOID Parameter
    )
{
    KeEnterCriticalRegion();
    TwDrain((PTW_VOLUME)Parameter);
    KeLeaveCriticalRegion();
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);

    KeInitializeSpinLock(&TwGlobals.QueueLock);
    InitializeListHead(&TwGlobals.Queue);
    ExInitializeWorkItem(&TwGlobals.Item, TwWorker, NULL);
    return STATUS_SUCCESS;
}
