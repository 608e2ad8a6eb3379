/*++

Module Name:

    samelocal.c

Abstract:

    A request context kept on the stack, as a file system's FSD and FSP each
    keep one: the dispatch routine fills its own, looks up the entry the
    request is for and acquires it; a helper for a nested request has a local
    context of the same name for its own entry. A finisher gets both
    contexts and releases what each one holds.

    The helper for a synchronous request is correct; the other does not
    check its non-blocking acquire, so the finisher may release its entry
    unheld. Before 29 November 2026 the values found in the two frames'
    Context.Held were given one name in the finisher's summary: the two
    entries were one, the outer release was a false release-not-held, and
    this one was missed.

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _SL_ENTRY {
    ERESOURCE Resource;
    ULONG Key;
} SL_ENTRY, *PSL_ENTRY;

typedef struct _SL_CONTEXT {
    PSL_ENTRY Held;                     // the entry this context holds exclusively
    ULONG Flags;
} SL_CONTEXT, *PSL_CONTEXT;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH SlRead;

PSL_ENTRY SlLookupEntry(_In_ ULONG Key);

#pragma alloc_text(INIT, DriverEntry)

//
//  Releases the nested request's entry, then the outer request's.
//

VOID
SlFinish(
    _In_ PSL_CONTEXT Outer,
    _In_ PSL_CONTEXT Inner
    )
{
    // Defect (release-not-held): SlNestedNoWait may not have acquired it
    ExReleaseResourceLite(&Inner->Held->Resource);      // expect: ExclusiveResourceAccess release-not-held
    ExReleaseResourceLite(&Outer->Held->Resource);
}

//
//  A nested request for the entry after Key, with a context of its own.
//

VOID
SlNested(
    _In_ PSL_CONTEXT Outer,
    _In_ ULONG Key
    )
{
    SL_CONTEXT Context;

    Context.Held = SlLookupEntry(Key + 1);
    Context.Flags = 0;
    ExAcquireResourceExclusiveLite(&Context.Held->Resource, TRUE);
    SlFinish(Outer, &Context);
}

//
//  The same, trying the entry without waiting and going on either way.
//

VOID
SlNestedNoWait(
    _In_ PSL_CONTEXT Outer,
    _In_ ULONG Key
    )
{
    SL_CONTEXT Context;

    Context.Held = SlLookupEntry(Key + 1);
    Context.Flags = 0;
    (VOID)ExAcquireResourceExclusiveLite(&Context.Held->Resource, FALSE);
    SlFinish(Outer, &Context);
}

NTSTATUS
SlRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    SL_CONTEXT Context;

    UNREFERENCED_PARAMETER(DeviceObject);
    KeEnterCriticalRegion();
    Context.Held = SlLookupEntry(Irp->Flags);
    Context.Flags = 0;
    ExAcquireResourceExclusiveLite(&Context.Held->Resource, TRUE);
    if (FlagOn(Irp->Flags, IRP_SYNCHRONOUS_API)) {
        SlNested(&Context, Irp->Flags);
    } else {
        SlNestedNoWait(&Context, Irp->Flags);
    }
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_READ] = SlRead;
    return STATUS_SUCCESS;
}
