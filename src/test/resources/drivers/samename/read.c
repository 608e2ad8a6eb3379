//
//  read.c - the read path, with its own SnLockConfiguration (see write.c).
//

#include <ntddk.h>
#include "..\common\defs.h"
#include "samename.h"

static VOID
SnLockConfiguration(
    _In_ PSN_EXTENSION Ext
    )
{
    // only waits until no writer holds the configuration
    ExAcquireResourceExclusiveLite(&Ext->Resource, TRUE);
    ExReleaseResourceLite(&Ext->Resource);
}

//
//  Correct: the helper holds nothing when it returns.
//

NTSTATUS
SnRead(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PSN_EXTENSION Ext = (PSN_EXTENSION)DeviceObject->DeviceExtension;

    KeEnterCriticalRegion();
    SnLockConfiguration(Ext);
    Ext->Requests += 1;
    KeLeaveCriticalRegion();
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}
