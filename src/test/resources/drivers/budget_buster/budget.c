/*++

Module Name:

    budget.c

Abstract:

    A driver whose device-control routine is built to exceed an analysis
    budget.  Every path is correct; there is no defect to find.  The
    expected verdict of ExclusiveResourceAccess is Inconclusive.

    BbApplyStages takes, for each of 40 stages whose bit is set in the
    request's mask, that stage's resource; walks a grid of cells in nested
    loops; then releases exactly the stages it took, testing the same bits.
    After the first phase the set of resources held can be any of 2^40
    sets, and no two of them may be merged without losing the link between
    an acquire and its release.

    BbRefreshStages is the plain version: 40 sequential, independent
    blocks that each acquire and release one stage when its bit is set,
    followed by the same nested loops.

--*/

// expect-verdict: ExclusiveResourceAccess Inconclusive

#include "budget.h"

static VOID BbWalkGrid(_Inout_ PBB_EXTENSION Ext, _In_ ULONGLONG Mask);
static VOID BbApplyStages(_Inout_ PBB_EXTENSION Ext, _In_ ULONGLONG Mask);
static VOID BbRefreshStages(_Inout_ PBB_EXTENSION Ext, _In_ ULONGLONG Mask);

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, BbUnload)
#pragma alloc_text(PAGE, BbCreateClose)
#pragma alloc_text(PAGE, BbDeviceControl)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    PBB_EXTENSION Ext;
    NTSTATUS Status;
    ULONG i;
    ULONG Row;
    ULONG Column;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\Device\\BudgetBuster");
    Status = IoCreateDevice(DriverObject, sizeof(BB_EXTENSION), &Name, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PBB_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(BB_EXTENSION));
    for (i = 0; i < BB_STAGE_COUNT; i++) {
        ExInitializeResourceLite(&Ext->Stages[i].Resource);
    }
    for (Row = 0; Row < BB_ROWS; Row++) {
        for (Column = 0; Column < BB_COLUMNS; Column++) {
            ExInitializeResourceLite(&Ext->Grid[Row][Column].Resource);
        }
    }

    DriverObject->MajorFunction[IRP_MJ_CREATE] = BbCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = BbCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = BbDeviceControl;
    DriverObject->DriverUnload = BbUnload;

    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
BbUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PBB_EXTENSION Ext = (PBB_EXTENSION)DeviceObject->DeviceExtension;
    ULONG i;
    ULONG Row;
    ULONG Column;

    PAGED_CODE();

    for (i = 0; i < BB_STAGE_COUNT; i++) {
        ExDeleteResourceLite(&Ext->Stages[i].Resource);
    }
    for (Row = 0; Row < BB_ROWS; Row++) {
        for (Column = 0; Column < BB_COLUMNS; Column++) {
            ExDeleteResourceLite(&Ext->Grid[Row][Column].Resource);
        }
    }
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
BbCreateClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
BbDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PBB_EXTENSION Ext = (PBB_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PBB_REQUEST Request = (PBB_REQUEST)Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONGLONG Mask;

    PAGED_CODE();

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(BB_REQUEST)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        Mask = Request->StageMask;

        KeEnterCriticalRegion();
        switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
        case IOCTL_BB_APPLY:
            BbApplyStages(Ext, Mask);
            break;
        case IOCTL_BB_REFRESH:
            BbRefreshStages(Ext, Mask);
            break;
        default:
            Status = STATUS_INVALID_DEVICE_REQUEST;
            break;
        }
        KeLeaveCriticalRegion();
    }

    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
//  Nested loops over the grid.  Each dirty cell is updated under its own
//  resource.
//

static VOID
BbWalkGrid(
    _Inout_ PBB_EXTENSION Ext,
    _In_ ULONGLONG Mask
    )
{
    PBB_CELL Cell;
    ULONG Row;
    ULONG Column;
    ULONG Pass;

    for (Pass = 0; Pass < BB_PASSES; Pass++) {
        for (Row = 0; Row < BB_ROWS; Row++) {
            for (Column = 0; Column < BB_COLUMNS; Column++) {
                Cell = &Ext->Grid[Row][Column];
                if (FlagOn(Cell->Flags, BB_CELL_DIRTY)) {
                    ExAcquireResourceExclusiveLite(&Cell->Resource, TRUE);
                    Cell->Value = (Cell->Value * 31) ^ (ULONG)(Mask >> (Row + Column));
                    if (FlagOn(Cell->Flags, BB_CELL_FINAL) || Pass + 1 == BB_PASSES) {
                        ClearFlag(Cell->Flags, BB_CELL_DIRTY);
                    }
                    ExReleaseResourceLite(&Cell->Resource);
                }
            }
        }
    }
}

//
//  Take the selected stages, walk the grid, release the same stages.
//

static VOID
BbApplyStages(
    _Inout_ PBB_EXTENSION Ext,
    _In_ ULONGLONG Mask
    )
{
    if (FlagOn(Mask, BB_STAGE( 0))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 0].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 1))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 1].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 2))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 2].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 3))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 3].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 4))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 4].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 5))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 5].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 6))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 6].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 7))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 7].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 8))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 8].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE( 9))) { ExAcquireResourceExclusiveLite(&Ext->Stages[ 9].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(10))) { ExAcquireResourceExclusiveLite(&Ext->Stages[10].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(11))) { ExAcquireResourceExclusiveLite(&Ext->Stages[11].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(12))) { ExAcquireResourceExclusiveLite(&Ext->Stages[12].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(13))) { ExAcquireResourceExclusiveLite(&Ext->Stages[13].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(14))) { ExAcquireResourceExclusiveLite(&Ext->Stages[14].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(15))) { ExAcquireResourceExclusiveLite(&Ext->Stages[15].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(16))) { ExAcquireResourceExclusiveLite(&Ext->Stages[16].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(17))) { ExAcquireResourceExclusiveLite(&Ext->Stages[17].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(18))) { ExAcquireResourceExclusiveLite(&Ext->Stages[18].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(19))) { ExAcquireResourceExclusiveLite(&Ext->Stages[19].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(20))) { ExAcquireResourceExclusiveLite(&Ext->Stages[20].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(21))) { ExAcquireResourceExclusiveLite(&Ext->Stages[21].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(22))) { ExAcquireResourceExclusiveLite(&Ext->Stages[22].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(23))) { ExAcquireResourceExclusiveLite(&Ext->Stages[23].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(24))) { ExAcquireResourceExclusiveLite(&Ext->Stages[24].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(25))) { ExAcquireResourceExclusiveLite(&Ext->Stages[25].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(26))) { ExAcquireResourceExclusiveLite(&Ext->Stages[26].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(27))) { ExAcquireResourceExclusiveLite(&Ext->Stages[27].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(28))) { ExAcquireResourceExclusiveLite(&Ext->Stages[28].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(29))) { ExAcquireResourceExclusiveLite(&Ext->Stages[29].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(30))) { ExAcquireResourceExclusiveLite(&Ext->Stages[30].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(31))) { ExAcquireResourceExclusiveLite(&Ext->Stages[31].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(32))) { ExAcquireResourceExclusiveLite(&Ext->Stages[32].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(33))) { ExAcquireResourceExclusiveLite(&Ext->Stages[33].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(34))) { ExAcquireResourceExclusiveLite(&Ext->Stages[34].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(35))) { ExAcquireResourceExclusiveLite(&Ext->Stages[35].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(36))) { ExAcquireResourceExclusiveLite(&Ext->Stages[36].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(37))) { ExAcquireResourceExclusiveLite(&Ext->Stages[37].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(38))) { ExAcquireResourceExclusiveLite(&Ext->Stages[38].Resource, TRUE); }
    if (FlagOn(Mask, BB_STAGE(39))) { ExAcquireResourceExclusiveLite(&Ext->Stages[39].Resource, TRUE); }

    BbWalkGrid(Ext, Mask);

    if (FlagOn(Mask, BB_STAGE(39))) { ExReleaseResourceLite(&Ext->Stages[39].Resource); }
    if (FlagOn(Mask, BB_STAGE(38))) { ExReleaseResourceLite(&Ext->Stages[38].Resource); }
    if (FlagOn(Mask, BB_STAGE(37))) { ExReleaseResourceLite(&Ext->Stages[37].Resource); }
    if (FlagOn(Mask, BB_STAGE(36))) { ExReleaseResourceLite(&Ext->Stages[36].Resource); }
    if (FlagOn(Mask, BB_STAGE(35))) { ExReleaseResourceLite(&Ext->Stages[35].Resource); }
    if (FlagOn(Mask, BB_STAGE(34))) { ExReleaseResourceLite(&Ext->Stages[34].Resource); }
    if (FlagOn(Mask, BB_STAGE(33))) { ExReleaseResourceLite(&Ext->Stages[33].Resource); }
    if (FlagOn(Mask, BB_STAGE(32))) { ExReleaseResourceLite(&Ext->Stages[32].Resource); }
    if (FlagOn(Mask, BB_STAGE(31))) { ExReleaseResourceLite(&Ext->Stages[31].Resource); }
    if (FlagOn(Mask, BB_STAGE(30))) { ExReleaseResourceLite(&Ext->Stages[30].Resource); }
    if (FlagOn(Mask, BB_STAGE(29))) { ExReleaseResourceLite(&Ext->Stages[29].Resource); }
    if (FlagOn(Mask, BB_STAGE(28))) { ExReleaseResourceLite(&Ext->Stages[28].Resource); }
    if (FlagOn(Mask, BB_STAGE(27))) { ExReleaseResourceLite(&Ext->Stages[27].Resource); }
    if (FlagOn(Mask, BB_STAGE(26))) { ExReleaseResourceLite(&Ext->Stages[26].Resource); }
    if (FlagOn(Mask, BB_STAGE(25))) { ExReleaseResourceLite(&Ext->Stages[25].Resource); }
    if (FlagOn(Mask, BB_STAGE(24))) { ExReleaseResourceLite(&Ext->Stages[24].Resource); }
    if (FlagOn(Mask, BB_STAGE(23))) { ExReleaseResourceLite(&Ext->Stages[23].Resource); }
    if (FlagOn(Mask, BB_STAGE(22))) { ExReleaseResourceLite(&Ext->Stages[22].Resource); }
    if (FlagOn(Mask, BB_STAGE(21))) { ExReleaseResourceLite(&Ext->Stages[21].Resource); }
    if (FlagOn(Mask, BB_STAGE(20))) { ExReleaseResourceLite(&Ext->Stages[20].Resource); }
    if (FlagOn(Mask, BB_STAGE(19))) { ExReleaseResourceLite(&Ext->Stages[19].Resource); }
    if (FlagOn(Mask, BB_STAGE(18))) { ExReleaseResourceLite(&Ext->Stages[18].Resource); }
    if (FlagOn(Mask, BB_STAGE(17))) { ExReleaseResourceLite(&Ext->Stages[17].Resource); }
    if (FlagOn(Mask, BB_STAGE(16))) { ExReleaseResourceLite(&Ext->Stages[16].Resource); }
    if (FlagOn(Mask, BB_STAGE(15))) { ExReleaseResourceLite(&Ext->Stages[15].Resource); }
    if (FlagOn(Mask, BB_STAGE(14))) { ExReleaseResourceLite(&Ext->Stages[14].Resource); }
    if (FlagOn(Mask, BB_STAGE(13))) { ExReleaseResourceLite(&Ext->Stages[13].Resource); }
    if (FlagOn(Mask, BB_STAGE(12))) { ExReleaseResourceLite(&Ext->Stages[12].Resource); }
    if (FlagOn(Mask, BB_STAGE(11))) { ExReleaseResourceLite(&Ext->Stages[11].Resource); }
    if (FlagOn(Mask, BB_STAGE(10))) { ExReleaseResourceLite(&Ext->Stages[10].Resource); }
    if (FlagOn(Mask, BB_STAGE( 9))) { ExReleaseResourceLite(&Ext->Stages[ 9].Resource); }
    if (FlagOn(Mask, BB_STAGE( 8))) { ExReleaseResourceLite(&Ext->Stages[ 8].Resource); }
    if (FlagOn(Mask, BB_STAGE( 7))) { ExReleaseResourceLite(&Ext->Stages[ 7].Resource); }
    if (FlagOn(Mask, BB_STAGE( 6))) { ExReleaseResourceLite(&Ext->Stages[ 6].Resource); }
    if (FlagOn(Mask, BB_STAGE( 5))) { ExReleaseResourceLite(&Ext->Stages[ 5].Resource); }
    if (FlagOn(Mask, BB_STAGE( 4))) { ExReleaseResourceLite(&Ext->Stages[ 4].Resource); }
    if (FlagOn(Mask, BB_STAGE( 3))) { ExReleaseResourceLite(&Ext->Stages[ 3].Resource); }
    if (FlagOn(Mask, BB_STAGE( 2))) { ExReleaseResourceLite(&Ext->Stages[ 2].Resource); }
    if (FlagOn(Mask, BB_STAGE( 1))) { ExReleaseResourceLite(&Ext->Stages[ 1].Resource); }
    if (FlagOn(Mask, BB_STAGE( 0))) { ExReleaseResourceLite(&Ext->Stages[ 0].Resource); }
}

//
//  40 sequential, independent acquire/release blocks, then the grid.
//

static VOID
BbRefreshStages(
    _Inout_ PBB_EXTENSION Ext,
    _In_ ULONGLONG Mask
    )
{
    if (FlagOn(Mask, BB_STAGE(0))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[0].Resource, TRUE);
        Ext->Stages[0].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[0].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(1))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[1].Resource, TRUE);
        Ext->Stages[1].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[1].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(2))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[2].Resource, TRUE);
        Ext->Stages[2].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[2].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(3))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[3].Resource, TRUE);
        Ext->Stages[3].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[3].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(4))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[4].Resource, TRUE);
        Ext->Stages[4].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[4].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(5))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[5].Resource, TRUE);
        Ext->Stages[5].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[5].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(6))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[6].Resource, TRUE);
        Ext->Stages[6].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[6].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(7))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[7].Resource, TRUE);
        Ext->Stages[7].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[7].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(8))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[8].Resource, TRUE);
        Ext->Stages[8].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[8].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(9))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[9].Resource, TRUE);
        Ext->Stages[9].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[9].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(10))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[10].Resource, TRUE);
        Ext->Stages[10].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[10].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(11))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[11].Resource, TRUE);
        Ext->Stages[11].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[11].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(12))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[12].Resource, TRUE);
        Ext->Stages[12].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[12].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(13))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[13].Resource, TRUE);
        Ext->Stages[13].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[13].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(14))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[14].Resource, TRUE);
        Ext->Stages[14].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[14].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(15))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[15].Resource, TRUE);
        Ext->Stages[15].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[15].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(16))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[16].Resource, TRUE);
        Ext->Stages[16].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[16].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(17))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[17].Resource, TRUE);
        Ext->Stages[17].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[17].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(18))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[18].Resource, TRUE);
        Ext->Stages[18].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[18].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(19))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[19].Resource, TRUE);
        Ext->Stages[19].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[19].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(20))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[20].Resource, TRUE);
        Ext->Stages[20].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[20].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(21))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[21].Resource, TRUE);
        Ext->Stages[21].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[21].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(22))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[22].Resource, TRUE);
        Ext->Stages[22].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[22].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(23))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[23].Resource, TRUE);
        Ext->Stages[23].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[23].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(24))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[24].Resource, TRUE);
        Ext->Stages[24].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[24].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(25))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[25].Resource, TRUE);
        Ext->Stages[25].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[25].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(26))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[26].Resource, TRUE);
        Ext->Stages[26].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[26].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(27))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[27].Resource, TRUE);
        Ext->Stages[27].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[27].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(28))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[28].Resource, TRUE);
        Ext->Stages[28].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[28].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(29))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[29].Resource, TRUE);
        Ext->Stages[29].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[29].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(30))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[30].Resource, TRUE);
        Ext->Stages[30].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[30].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(31))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[31].Resource, TRUE);
        Ext->Stages[31].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[31].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(32))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[32].Resource, TRUE);
        Ext->Stages[32].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[32].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(33))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[33].Resource, TRUE);
        Ext->Stages[33].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[33].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(34))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[34].Resource, TRUE);
        Ext->Stages[34].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[34].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(35))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[35].Resource, TRUE);
        Ext->Stages[35].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[35].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(36))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[36].Resource, TRUE);
        Ext->Stages[36].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[36].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(37))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[37].Resource, TRUE);
        Ext->Stages[37].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[37].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(38))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[38].Resource, TRUE);
        Ext->Stages[38].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[38].Resource);
    }

    if (FlagOn(Mask, BB_STAGE(39))) {
        ExAcquireResourceExclusiveLite(&Ext->Stages[39].Resource, TRUE);
        Ext->Stages[39].Generation += 1;
        ExReleaseResourceLite(&Ext->Stages[39].Resource);
    }

    BbWalkGrid(Ext, Mask);
}
