/*++

Module Name:

    dispatch.c

Abstract:

    DriverEntry, unload and the dispatch routines of the key/value table
    driver.  Each kind of defect appears once through a wrapper function
    (reported in locks.c, or at the routine's return for held-at-exit) and
    once through a macro (reported at the macro's call site here):

      LwWrite           held-at-exit through a wrapper function
      LwFlushBuffers    acquire-while-held through a macro calling a wrapper
      LwCleanup         release-not-held through a macro calling a wrapper
      LwShutdown        held-at-exit through a do { } while (0) macro
      LwDeviceControl   acquire-while-held and release-not-held through
                        plain macros

--*/

#include "LockWrap.h"

static PLW_ENTRY LwFindEntry(_In_ PLW_TABLE Table, _In_ ULONG Key);
static NTSTATUS LwComplete(_Inout_ PIRP Irp, _In_ NTSTATUS Status, _In_ ULONG_PTR Information);

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD LwUnload;

_Dispatch_type_(IRP_MJ_CREATE)          DRIVER_DISPATCH LwCreate;
_Dispatch_type_(IRP_MJ_CLOSE)           DRIVER_DISPATCH LwClose;
_Dispatch_type_(IRP_MJ_CLEANUP)         DRIVER_DISPATCH LwCleanup;
_Dispatch_type_(IRP_MJ_WRITE)           DRIVER_DISPATCH LwWrite;
_Dispatch_type_(IRP_MJ_FLUSH_BUFFERS)   DRIVER_DISPATCH LwFlushBuffers;
_Dispatch_type_(IRP_MJ_SHUTDOWN)        DRIVER_DISPATCH LwShutdown;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL)  DRIVER_DISPATCH LwDeviceControl;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, LwUnload)
#pragma alloc_text(PAGE, LwCreate)
#pragma alloc_text(PAGE, LwClose)
#pragma alloc_text(PAGE, LwCleanup)
#pragma alloc_text(PAGE, LwWrite)
#pragma alloc_text(PAGE, LwFlushBuffers)
#pragma alloc_text(PAGE, LwShutdown)
#pragma alloc_text(PAGE, LwDeviceControl)

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    UNICODE_STRING Name;
    PDEVICE_OBJECT DeviceObject;
    PLW_EXTENSION Ext;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&Name, L"\\Device\\LockWrap");
    Status = IoCreateDevice(DriverObject, sizeof(LW_EXTENSION), &Name, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Ext, sizeof(LW_EXTENSION));
    ExInitializeResourceLite(&Ext->DeviceLock);
    ExInitializeResourceLite(&Ext->StatsLock);
    ExInitializeResourceLite(&Ext->ConfigLock);
    ExInitializeResourceLite(&Ext->Table.Resource);

    LwLockConfigLegacy(Ext);
    Ext->ConfigVersion = 1;
    Ext->DefaultValue = 0;
    LwUnlockConfigLegacy(Ext);

    DriverObject->MajorFunction[IRP_MJ_CREATE] = LwCreate;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = LwClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = LwCleanup;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = LwWrite;
    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = LwFlushBuffers;
    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = LwShutdown;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = LwDeviceControl;
    DriverObject->DriverUnload = LwUnload;

    Status = IoRegisterShutdownNotification(DeviceObject);
    if (!NT_SUCCESS(Status)) {
        IoDeleteDevice(DeviceObject);
        return Status;
    }

    DeviceObject->Flags |= DO_BUFFERED_IO;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

VOID
LwUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;

    PAGED_CODE();

    IoUnregisterShutdownNotification(DeviceObject);
    ExDeleteResourceLite(&Ext->Table.Resource);
    ExDeleteResourceLite(&Ext->ConfigLock);
    ExDeleteResourceLite(&Ext->StatsLock);
    ExDeleteResourceLite(&Ext->DeviceLock);
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
LwCreate(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;
    NTSTATUS Status = STATUS_SUCCESS;

    PAGED_CODE();

    KeEnterCriticalRegion();
    (VOID)LwLockDevice(Ext);
    if (FlagOn(Ext->Flags, LW_FLAG_SHUTDOWN)) {
        Status = STATUS_DEVICE_NOT_READY;
    } else {
        Ext->OpenCount += 1;
    }
    LwUnlockDevice(Ext);
    KeLeaveCriticalRegion();

    return LwComplete(Irp, Status, 0);
}

NTSTATUS
LwClose(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceObject);

    return LwComplete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS
LwCleanup(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;

    PAGED_CODE();

    KeEnterCriticalRegion();

    //
    //  Defect (release-not-held, through a macro that calls a wrapper):
    //  cleanup only tries the device lock, so as not to wait behind a
    //  flush, and ignores the result.  When the try fails, LwUnlockDevice
    //  releases a lock that is not held (reported in locks.c).
    //

    (VOID)LwTryLockDevice(Ext);
    Ext->OpenCount -= 1;
    LwUnlockDevice(Ext);

    KeLeaveCriticalRegion();

    return LwComplete(Irp, STATUS_SUCCESS, 0);
}

//
//  A write inserts the LW_REQUEST in the buffer into the table.
//

NTSTATUS
LwWrite(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;
    PLW_REQUEST Request = (PLW_REQUEST)Irp->AssociatedIrp.SystemBuffer;
    PLW_ENTRY Entry;
    NTSTATUS Status;

    PAGED_CODE();

    if (IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Length < sizeof(LW_REQUEST)) {
        return LwComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }

    KeEnterCriticalRegion();
    if (!LwLockDevice(Ext)) {
        KeLeaveCriticalRegion();
        return LwComplete(Irp, STATUS_DEVICE_BUSY, 0);
    }

    LW_LOCK_TABLE(Ext);
    Entry = LwFindEntry(&Ext->Table, Request->Key);
    if (Entry == NULL) {
        Entry = LwFindEntry(&Ext->Table, 0);
    }
    if (Entry == NULL) {
        LW_UNLOCK_TABLE(Ext);
        KeLeaveCriticalRegion();

        //
        //  Defect (held-at-exit, through a wrapper): the table-full path
        //  forgets LwUnlockDevice.
        //

        Status = LwComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
        return Status;          // expect: ExclusiveResourceAccess held-at-exit
    }

    if (!Entry->InUse) {
        Entry->InUse = TRUE;
        Ext->Table.Count += 1;
    }
    Entry->Key = Request->Key;
    Entry->Value = Request->Value;
    LW_UNLOCK_TABLE(Ext);

    LwUnlockDevice(Ext);
    KeLeaveCriticalRegion();

    LwLockStats(Ext);
    Ext->Updates += 1;
    LwUnlockStats(Ext);

    return LwComplete(Irp, STATUS_SUCCESS, sizeof(LW_REQUEST));
}

NTSTATUS
LwFlushBuffers(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;
    ULONG Version;

    PAGED_CODE();

    KeEnterCriticalRegion();
    (VOID)LwLockDevice(Ext);
    if (FlagOn(Ext->Flags, LW_FLAG_SHUTDOWN)) {
        LwUnlockDevice(Ext);
        KeLeaveCriticalRegion();
        return LwComplete(Irp, STATUS_DEVICE_NOT_READY, 0);
    }

    LW_ENTER_CONFIG(Ext);
    Version = Ext->ConfigVersion;
    LW_LEAVE_CONFIG(Ext);

    //
    //  Defect (acquire-while-held, through a macro that calls a wrapper):
    //  the device is locked a second time (reported in locks.c).
    //

    (VOID)LwLockDevice(Ext);
    Ext->Updates = Version;
    LwUnlockDevice(Ext);
    KeLeaveCriticalRegion();

    //
    //  Defect (held-at-exit): the resource counts both acquisitions and one
    //  unlock undid only the second.
    //

    return LwComplete(Irp, STATUS_SUCCESS, 0);     // expect: ExclusiveResourceAccess held-at-exit
}

NTSTATUS
LwShutdown(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;
    NTSTATUS Status;

    PAGED_CODE();

    LW_ENTER_CONFIG(Ext);
    SetFlag(Ext->Flags, LW_FLAG_SHUTDOWN);

    if (Ext->ConfigVersion == 1) {

        //
        //  Defect (held-at-exit, through a do { } while (0) macro): nothing
        //  to save, but the early return skips LW_LEAVE_CONFIG.
        //

        KeLeaveCriticalRegion();
        Status = LwComplete(Irp, STATUS_SUCCESS, 0);
        return Status;          // expect: ExclusiveResourceAccess held-at-exit
    }

    Ext->ConfigVersion = 1;
    LW_LEAVE_CONFIG(Ext);

    return LwComplete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS
LwDeviceControl(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PLW_EXTENSION Ext = (PLW_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PLW_REQUEST Request = (PLW_REQUEST)Irp->AssociatedIrp.SystemBuffer;
    PLW_ENTRY Entry;
    ULONG_PTR Information = 0;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG i;

    PAGED_CODE();

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(LW_REQUEST)) {
        return LwComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    }

    KeEnterCriticalRegion();

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {

    case IOCTL_LW_LOOKUP:
        LW_LOCK_TABLE_SHARED(Ext);
        Entry = LwFindEntry(&Ext->Table, Request->Key);
        if (Entry != NULL) {
            Request->Value = Entry->Value;
        }
        LW_UNLOCK_TABLE(Ext);

        if (Entry == NULL) {
            LwLockConfigLegacy(Ext);
            Request->Value = Ext->DefaultValue;
            LwUnlockConfigLegacy(Ext);
        }
        LwCountLookup(Ext);
        Information = sizeof(LW_REQUEST);
        break;

    case IOCTL_LW_REMOVE:
        (VOID)LwLockDevice(Ext);
        LW_LOCK_TABLE(Ext);
        Entry = LwFindEntry(&Ext->Table, Request->Key);
        if (Entry != NULL) {
            Entry->InUse = FALSE;
            Ext->Table.Count -= 1;
        } else {
            Status = STATUS_NOT_FOUND;
        }
        LW_UNLOCK_TABLE(Ext);
        LwUnlockDevice(Ext);
        break;

    case IOCTL_LW_SET_DEFAULT:
        LW_ENTER_CONFIG(Ext);
        Ext->DefaultValue = Request->Value;
        Ext->ConfigVersion += 1;
        LW_LEAVE_CONFIG(Ext);
        break;

    case IOCTL_LW_RESET:
        LW_LOCK_TABLE(Ext);
        for (i = 0; i < LW_TABLE_SIZE; i++) {
            Ext->Table.Entries[i].InUse = FALSE;
        }

        //
        //  Defect (acquire-while-held, through a macro): a second lock of
        //  the table, left over from when the loop above ran unlocked.
        //

        LW_LOCK_TABLE(Ext);             // expect: ExclusiveResourceAccess acquire-while-held
        Ext->Table.Count = 0;
        LW_UNLOCK_TABLE(Ext);
        break;

    case IOCTL_LW_COMPACT:
        if (Ext->Table.Count == 0) {

            //
            //  Defect (release-not-held, through a macro): the early exit
            //  unlocks a table it never locked.
            //

            LW_UNLOCK_TABLE(Ext);       // expect: ExclusiveResourceAccess release-not-held
            break;
        }
        LW_LOCK_TABLE(Ext);
        for (i = 0; i < LW_TABLE_SIZE; i++) {
            if (!Ext->Table.Entries[i].InUse) {
                Ext->Table.Entries[i].Key = 0;
                Ext->Table.Entries[i].Value = 0;
            }
        }
        LW_UNLOCK_TABLE(Ext);
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    KeLeaveCriticalRegion();

    //
    //  Defect (held-at-exit): after a reset the table stays acquired once;
    //  its one unlock undid only the second lock.
    //

    return LwComplete(Irp, Status, Information);       // expect: ExclusiveResourceAccess held-at-exit
}

//
//  Called with the table held.  Key 0 finds a free entry.
//

static PLW_ENTRY
LwFindEntry(
    _In_ PLW_TABLE Table,
    _In_ ULONG Key
    )
{
    ULONG i;

    for (i = 0; i < LW_TABLE_SIZE; i++) {
        PLW_ENTRY Entry = &Table->Entries[i];
        if (Key == 0 ? !Entry->InUse : (Entry->InUse && Entry->Key == Key)) {
            return Entry;
        }
    }
    return NULL;
}

static NTSTATUS
LwComplete(
    _Inout_ PIRP Irp,
    _In_ NTSTATUS Status,
    _In_ ULONG_PTR Information
    )
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
