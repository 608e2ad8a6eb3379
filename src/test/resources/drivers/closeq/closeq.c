/*++

Module Name:

    closeq.c

Abstract:

    The delayed-close worker keeps the volume of the closes it is working on
    acquired from one queued close to the next, and only switches when the
    next close is for another volume: `Current` is the volume held, NULL when
    none is. It drops the volume between closes when others wait for it, and
    when shutdown starts. Correct: engines before 28 November 2026 reported
    four false defects in it (a NULL `Current` naming a held volume).

    The scrub worker does the same with files whose resource is a pointer
    field, as an FCB header's is: `Held->Resource`. Correct: engines before
    28 November 2026 reported it held at exit.

    The purge worker closes a dismounting volume's files with its resource
    held the same way, and forgets to drop it when the volume is already
    marked dismounted (defect).

--*/

#include "closeq.h"

CQ_GLOBALS CqGlobals;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, CqUnload)
#pragma alloc_text(PAGE, CqClose)
#pragma alloc_text(PAGE, CqCloseWorker)
#pragma alloc_text(PAGE, CqPurgeWorker)
#pragma alloc_text(PAGE, CqScrubWorker)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);

    KeInitializeSpinLock(&CqGlobals.QueueLock);
    InitializeListHead(&CqGlobals.Queue);
    ExInitializeWorkItem(&CqGlobals.Item, CqCloseWorker, NULL);
    ExInitializeWorkItem(&CqGlobals.PurgeItem, CqPurgeWorker, NULL);
    ExInitializeWorkItem(&CqGlobals.ScrubItem, CqScrubWorker, NULL);

    DriverObject->MajorFunction[IRP_MJ_CLOSE] = CqClose;
    DriverObject->DriverUnload = CqUnload;
    return STATUS_SUCCESS;
}

VOID
CqUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS
CqClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PCQ_CLOSE Close;
    KIRQL OldIrql;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    Close = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(CQ_CLOSE), 'qCqC');
    if (Close != NULL) {
        Close->Volume = (PCQ_VOLUME)IrpSp->FileObject->FsContext2;
        Close->FileContext = IrpSp->FileObject->FsContext;
        KeAcquireSpinLock(&CqGlobals.QueueLock, &OldIrql);
        InsertTailList(&CqGlobals.Queue, &Close->Links);
        KeReleaseSpinLock(&CqGlobals.QueueLock, OldIrql);
        if (InterlockedExchange(&CqGlobals.WorkerActive, 1) == 0) {
            ExQueueWorkItem(&CqGlobals.Item, CriticalWorkQueue);
        }
    }

    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

//
//  Takes the next queued close, one for the preferred volume if there is
//  one.
//

PCQ_CLOSE
CqRemoveClose(
    _In_opt_ PCQ_VOLUME Preferred
    )
{
    PLIST_ENTRY Entry;
    PCQ_CLOSE Close = NULL;
    KIRQL OldIrql;

    KeAcquireSpinLock(&CqGlobals.QueueLock, &OldIrql);
    for (Entry = CqGlobals.Queue.Flink; Entry != &CqGlobals.Queue; Entry = Entry->Flink) {
        PCQ_CLOSE Candidate = CONTAINING_RECORD(Entry, CQ_CLOSE, Links);
        if (Close == NULL || Candidate->Volume == Preferred) {
            Close = Candidate;
            if (Candidate->Volume == Preferred) {
                break;
            }
        }
    }
    if (Close != NULL) {
        RemoveEntryList(&Close->Links);
    }
    KeReleaseSpinLock(&CqGlobals.QueueLock, OldIrql);
    return Close;
}

//
//  Closes one file. A volume not held by the caller is acquired here for
//  the close alone.
//

VOID
CqCloseOne(
    _In_ PCQ_CLOSE Close,
    _In_ BOOLEAN VolumeHeld
    )
{
    PCQ_VOLUME Volume = Close->Volume;

    if (!VolumeHeld) {
        KeEnterCriticalRegion();
        ExAcquireResourceExclusiveLite(&Volume->Resource, TRUE);
    }

    Volume->CloseCount += 1;
    Volume->OpenCount -= 1;

    if (!VolumeHeld) {
        ExReleaseResourceLite(&Volume->Resource);
        KeLeaveCriticalRegion();
    }
    ExFreePoolWithTag(Close, 'qCqC');
}

VOID
CqCloseWorker(
    _In_ PVOID Parameter
    )
{
    PCQ_CLOSE Close;
    PCQ_VOLUME Current = NULL;
    ULONG ClosesWithVolumeHeld = 0;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(Parameter);

    KeEnterCriticalRegion();

    while ((Close = CqRemoveClose(Current)) != NULL) {

        if (!CqGlobals.ShutdownStarted) {

            if (Close->Volume != Current) {

                //
                //  Another volume: drop the one held, if any, and take this one.
                //

                ClosesWithVolumeHeld = 0;
                if (Current != NULL) {
                    ExReleaseResourceLite(&Current->Resource);
                }
                Current = Close->Volume;
                ExAcquireResourceExclusiveLite(&Current->Resource, TRUE);

            } else if (++ClosesWithVolumeHeld >= CQ_CLOSES_PER_HOLD) {

                //
                //  Let others at the volume now and then.
                //

                ClosesWithVolumeHeld = 0;
                if (ExGetExclusiveWaiterCount(&Current->Resource) + ExGetSharedWaiterCount(&Current->Resource)) {
                    ExReleaseResourceLite(&Current->Resource);
                    ExAcquireResourceExclusiveLite(&Current->Resource, TRUE);
                }
            }

            //
            //  The last close of a volume may tear it down: not with it held.
            //

            if (Current->OpenCount <= 1) {
                ExReleaseResourceLite(&Current->Resource);
                Current = NULL;
            }

        } else if (Current != NULL) {

            ExReleaseResourceLite(&Current->Resource);
            Current = NULL;
        }

        CqCloseOne(Close, (BOOLEAN)(Current != NULL));
    }

    if (Current != NULL) {
        ExReleaseResourceLite(&Current->Resource);
    }

    KeLeaveCriticalRegion();
    InterlockedExchange(&CqGlobals.WorkerActive, 0);
}

VOID
CqPurgeWorker(
    _In_ PVOID Parameter
    )
{
    PCQ_VOLUME Dismounting = CqGlobals.Dismounting;
    PCQ_VOLUME Current = NULL;
    PCQ_CLOSE Close;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(Parameter);

    KeEnterCriticalRegion();

    while ((Close = CqRemoveClose(Dismounting)) != NULL) {

        if (Close->Volume != Dismounting) {

            //
            //  Only another volume's closes are left: the close worker has them.
            //

            CqCloseOne(Close, FALSE);
            break;
        }

        if (Current == NULL) {
            Current = Close->Volume;
            ExAcquireResourceExclusiveLite(&Current->Resource, TRUE);
        }
        CqCloseOne(Close, TRUE);
    }

    //
    //  Defect (held-at-exit at the closing brace): a volume already marked
    //  dismounted keeps its resource; the teardown that was to release it
    //  runs elsewhere and acquires it itself.
    //

    if (Current != NULL && !Current->Dismounted) {
        ExReleaseResourceLite(&Current->Resource);
    }

    KeLeaveCriticalRegion();
}                           // expect: ExclusiveResourceAccess held-at-exit

VOID
CqScrubWorker(
    _In_ PVOID Parameter
    )
{
    PCQ_FILE Held = NULL;
    PCQ_FILE File;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(Parameter);

    KeEnterCriticalRegion();

    while ((File = CqNextDirtyFile()) != NULL) {

        if (File != Held) {
            if (Held != NULL) {
                ExReleaseResourceLite(Held->Resource);
            }
            Held = File;
            ExAcquireResourceExclusiveLite(Held->Resource, TRUE);
        }
        Held->Dirty = FALSE;
    }

    if (Held != NULL) {
        ExReleaseResourceLite(Held->Resource);
    }

    KeLeaveCriticalRegion();
}
