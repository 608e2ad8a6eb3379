/*++

Module Name:

    walkhelp.c

Abstract:

    A volume's files and directories in two chains; WhLastNode walks a
    chain to its last node (a loop, no side effects: not followed, each call
    remembered by its argument until memory it reads is written). The write
    takes the last file and has a helper release it, finding it again with
    the same walk: correct. The cleanup walks the directories only, then
    calls the same helper, which releases a file never taken
    (release-not-held).

    The helper's summary depends on whether its caller has already walked
    the files: the cleanup's entry has a remembered walk (of the
    directories), but not of the files. A summary that did not ask which
    walks its entry remembers, computed for the cleanup first, was reused
    for the write (SummaryReuseAuditTest).

--*/

#include <ntddk.h>
#include "..\common\defs.h"

typedef struct _WH_NODE {
    ERESOURCE Resource;
    struct _WH_NODE *Next;
} WH_NODE, *PWH_NODE;

typedef struct _WH_VOLUME {
    PWH_NODE Files;
    PWH_NODE Directories;
} WH_VOLUME, *PWH_VOLUME;

DRIVER_INITIALIZE DriverEntry;
_Dispatch_type_(IRP_MJ_WRITE) DRIVER_DISPATCH WhWrite;
_Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH WhCleanup;

PWH_NODE
WhLastNode(
    _In_ PWH_NODE First
    )
{
    PWH_NODE Node = First;

    while (Node->Next != NULL) {
        Node = Node->Next;
    }
    return Node;
}

VOID
WhReleaseLastFile(
    _In_ PWH_VOLUME Volume
    )
{
    ExReleaseResourceLite(&WhLastNode(Volume->Files)->Resource);  // expect: ExclusiveResourceAccess release-not-held
}

NTSTATUS
WhWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWH_VOLUME Volume = (PWH_VOLUME)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&WhLastNode(Volume->Files)->Resource, TRUE);
    WhReleaseLastFile(Volume);
    KeLeaveCriticalRegion();
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
WhCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PWH_VOLUME Volume = (PWH_VOLUME)DeviceObject->DeviceExtension;
    PWH_NODE Directory = WhLastNode(Volume->Directories);

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Directory->Resource, TRUE);
    ExReleaseResourceLite(&Directory->Resource);
    // Defect (release-not-held): the last file was never taken here
    WhReleaseLastFile(Volume);
    KeLeaveCriticalRegion();
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
    DriverObject->MajorFunction[IRP_MJ_WRITE] = WhWrite;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = WhCleanup;
    return STATUS_SUCCESS;
}
