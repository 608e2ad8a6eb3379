/*++

Module Name:

    Shutdown.c

Abstract:

    The shutdown dispatch routine.  Shutdown is always synchronous: its IRP
    context is created able to wait, so the common routine takes the global
    resource with a wait that cannot fail and does not test the result, and
    releases it in a finally clause.  Nothing here is a defect; the routine
    is correct only because of what FatCreateIrpContext stored in the IRP
    context it returned.

--*/

#include "FatProcs.h"

NTSTATUS
FatCommonShutdown (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    );

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFsdShutdown)
#pragma alloc_text(PAGE, FatCommonShutdown)
#endif

NTSTATUS
FatFsdShutdown (
    IN PVOLUME_DEVICE_OBJECT VolumeDeviceObject,
    IN PIRP Irp
    )
{
    NTSTATUS Status;
    PIRP_CONTEXT IrpContext;

    UNREFERENCED_PARAMETER(VolumeDeviceObject);

    FsRtlEnterFileSystem();

    IrpContext = FatCreateIrpContext(Irp, TRUE);
    if (IrpContext == NULL) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        FatCompleteRequest(NULL, Irp, Status);
    } else {
        Status = FatCommonShutdown(IrpContext, Irp);
    }

    FsRtlExitFileSystem();

    return Status;
}

NTSTATUS
FatCommonShutdown (
    IN PIRP_CONTEXT IrpContext,
    IN PIRP Irp
    )
{
    PLIST_ENTRY Links;
    PVCB Vcb;

    PAGED_CODE();

    //
    //  The IRP context may wait, so this blocks until the resource is ours.
    //

    (VOID)FatAcquireExclusiveGlobal(IrpContext);

    try {

        for (Links = FatData.VcbQueue.Flink; Links != &FatData.VcbQueue; Links = Links->Flink) {

            Vcb = CONTAINING_RECORD(Links, VCB, VcbLinks);
            SetFlag(Vcb->VcbState, VCB_STATE_FLAG_SHUT_DOWN);
        }

    } finally {

        FatReleaseGlobal(IrpContext);
    }

    FatCompleteRequest(IrpContext, Irp, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}
