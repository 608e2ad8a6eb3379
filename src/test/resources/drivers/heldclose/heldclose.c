/*++

Module Name:

    heldclose.c

Abstract:

    A delayed-close worker that keeps the current volume acquired from one
    queued close to the next, as closeq's does, but closes each file through
    the common close routine, which acquires the file's volume itself: the
    volume the worker holds. ERESOURCEs allow that at run time; the rule does
    not (acquire-while-held). An ERESOURCE counts its holder's acquisitions,
    so the common close's release undoes only its own: the worker still holds
    the volume, and its later releases of it are correct. (Engines before
    the evening of 28 November 2026 did not count, and reported each of them
    as releasing a resource that is not held: four false defects here, and in
    FAT's FSP close a possible one that left fastfat's close worker
    Inconclusive.)

    The common close's acquire is found on the worker's first pass through its
    loop. Engines before 28 November 2026 judged a defect inside a called
    function by the state the call returned with, after the loop's later
    passes had made it approximate, and left it unconfirmed in FAT's FSP
    close.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _HC_VOLUME {
    ERESOURCE Resource;                 // the volume's files and counts
    ULONG OpenCount;
    ULONG State;
} HC_VOLUME, *PHC_VOLUME;

#define HC_VOLUME_CLOSE_IN_PROGRESS     0x0001
#define HC_CLOSES_PER_HOLD              20

typedef struct _HC_CLOSE {
    LIST_ENTRY Links;
    PHC_VOLUME Volume;
    BOOLEAN FromPool;
} HC_CLOSE, *PHC_CLOSE;

typedef struct _HC_GLOBALS {
    KSPIN_LOCK QueueLock;
    LIST_ENTRY Queue;
    BOOLEAN ShutdownStarted;
    WORK_QUEUE_ITEM Item;
} HC_GLOBALS;

HC_GLOBALS HcGlobals;

DRIVER_INITIALIZE DriverEntry;
WORKER_THREAD_ROUTINE HcCloseWorker;

//
//  The next queued close, for any volume when Volume is NULL.
//

PHC_CLOSE
HcRemoveClose(
    _In_opt_ PHC_VOLUME Volume,
    _In_opt_ PHC_VOLUME LastVolume
    )
{
    KIRQL OldIrql;
    PHC_CLOSE Close = NULL;

    UNREFERENCED_PARAMETER(Volume);
    UNREFERENCED_PARAMETER(LastVolume);

    KeAcquireSpinLock(&HcGlobals.QueueLock, &OldIrql);
    if (!IsListEmpty(&HcGlobals.Queue)) {
        Close = CONTAINING_RECORD(RemoveHeadList(&HcGlobals.Queue), HC_CLOSE, Links);
    }
    KeReleaseSpinLock(&HcGlobals.QueueLock, OldIrql);
    return Close;
}

//
//  Closes one file, its volume acquired for the close.
//

NTSTATUS
HcCommonClose(
    _In_ PHC_VOLUME Volume,
    _In_ BOOLEAN Wait
    )
{
    //
    //  Defect (acquire-while-held): the worker below calls this with the
    //  volume held.
    //

    if (!ExAcquireResourceExclusiveLite(&Volume->Resource, Wait)) {     // expect: ExclusiveResourceAccess acquire-while-held
        return STATUS_PENDING;
    }

    if (FlagOn(Volume->State, HC_VOLUME_CLOSE_IN_PROGRESS)) {
        ExReleaseResourceLite(&Volume->Resource);
        return STATUS_PENDING;
    }

    Volume->OpenCount -= 1;
    ExReleaseResourceLite(&Volume->Resource);
    return STATUS_SUCCESS;
}

//
//  Works through the queued closes of Volume, or of every volume when it is
//  NULL; then it keeps the volume of the closes acquired between them.
//

VOID
HcFspClose(
    _In_opt_ PHC_VOLUME Volume
    )
{
    PHC_CLOSE Close;
    PHC_VOLUME Current = NULL;
    PHC_VOLUME Last = NULL;
    BOOLEAN FromPool = FALSE;
    ULONG ClosesWithVolumeHeld = 0;

    while ((Close = HcRemoveClose(Volume, Last)) != NULL) {

        if (!ARGUMENT_PRESENT(Volume)) {

            if (!HcGlobals.ShutdownStarted) {

                if (Close->Volume != Current) {

                    //
                    //  Not a defect: the common close of the previous pass
                    //  released its own acquisition; this one is still held.
                    //

                    if (Current != NULL) {
                        ExReleaseResourceLite(&Current->Resource);
                    }

                    ClosesWithVolumeHeld = 0;
                    Current = Close->Volume;
                    ExAcquireResourceExclusiveLite(&Current->Resource, TRUE);

                } else if (++ClosesWithVolumeHeld >= HC_CLOSES_PER_HOLD) {

                    //
                    //  Not a defect either: as above, when others wait.
                    //

                    if (ExGetSharedWaiterCount(&Current->Resource) + ExGetExclusiveWaiterCount(&Current->Resource)) {
                        ExReleaseResourceLite(&Current->Resource);
                        ExAcquireResourceExclusiveLite(&Current->Resource, TRUE);
                    }
                    ClosesWithVolumeHeld = 0;
                }

                //
                //  Nor here, before a last close.
                //

                if (Current->OpenCount <= 1) {
                    ExReleaseResourceLite(&Current->Resource);
                    Current = NULL;
                }

            } else if (Current != NULL) {

                //
                //  Not reported: nothing this thread runs starts a shutdown, so
                //  no path sees the flag clear on one pass and set on the next.
                //

                ExReleaseResourceLite(&Current->Resource);
                Current = NULL;
            }
        }

        Last = Current;

        __try {

            FromPool = Close->FromPool;
            (VOID)HcCommonClose(Close->Volume, TRUE);

        } __except (EXCEPTION_EXECUTE_HANDLER) {

            NOTHING;
        }

        if (FromPool) {
            ExFreePoolWithTag(Close, 'lCcH');
        }
    }

    //
    //  Nor after the last close.
    //

    if (Current != NULL) {
        ExReleaseResourceLite(&Current->Resource);
    }
}

VOID
HcCloseWorker(
    _In_ PVOID Parameter
    )
{
    UNREFERENCED_PARAMETER(Parameter);

    KeEnterCriticalRegion();
    HcFspClose(NULL);
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

    KeInitializeSpinLock(&HcGlobals.QueueLock);
    InitializeListHead(&HcGlobals.Queue);
    ExInitializeWorkItem(&HcGlobals.Item, HcCloseWorker, NULL);
    return STATUS_SUCCESS;
}
