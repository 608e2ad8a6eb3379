/*++

Module Name:

    acqcard.h

Abstract:

    A WDM function driver for a (fictional) PCI data-acquisition card.  The
    card does one DMA transfer at a time (StartIo), interrupts when it is
    done or when its trigger input fires, and is checked by a watchdog
    timer.

--*/

#ifndef _ACQCARD_H_
#define _ACQCARD_H_

#include <ntddk.h>
#include "..\common\defs.h"

#define ACQ_TAG                     'cqcA'
#define ACQ_MAX_TRANSFER            (64 * 1024)
#define ACQ_WATCHDOG_PERIOD_MS      1000

//
//  Register block, mapped from the card's memory BAR.
//

typedef struct _ACQ_REGISTERS {
    ULONG Control;
    ULONG Status;
    ULONG InterruptStatus;
    ULONG TransferLength;
    ULONG TransferAddressLow;
    ULONG TransferAddressHigh;
} ACQ_REGISTERS, *PACQ_REGISTERS;

#define ACQ_CONTROL_START           0x00000001
#define ACQ_CONTROL_RESET           0x00000002
#define ACQ_CONTROL_INT_ENABLE      0x00000004

#define ACQ_STATUS_HUNG             0x00000100

#define ACQ_INT_DONE                0x00000001
#define ACQ_INT_ERROR               0x00000002
#define ACQ_INT_TRIGGER             0x00000004

typedef enum _ACQ_DEVICE_STATE {
    AcqStopped,
    AcqStarted
} ACQ_DEVICE_STATE;

//
//  Device extension.
//
//  StateResource    - DeviceState, Registers, Interrupt (PASSIVE_LEVEL users).
//  RegisterResource - the transfer registers.  Held from StartIo until the
//                     transfer completes, under an owner pointer (the IRP).
//  QueueResource    - WaitList, the IRPs waiting for a trigger.
//

typedef struct _ACQ_EXTENSION {
    PDEVICE_OBJECT Self;
    PDEVICE_OBJECT Pdo;
    PDEVICE_OBJECT LowerDevice;
    IO_REMOVE_LOCK RemoveLock;
    LIST_ENTRY Links;

    ERESOURCE StateResource;
    ERESOURCE RegisterResource;
    ERESOURCE QueueResource;

    ACQ_DEVICE_STATE DeviceState;
    PACQ_REGISTERS Registers;
    ULONG RegisterLength;
    PKINTERRUPT Interrupt;
    LONG InterruptStatus;
    ULONG LastStatus;

    KDPC WatchdogDpc;
    KTIMER WatchdogTimer;

    LIST_ENTRY WaitList;
    PIO_WORKITEM TriggerWorkItem;
    LONG TriggerQueued;
    LONG OpenCount;
} ACQ_EXTENSION, *PACQ_EXTENSION;

//
//  Every device of the driver, for unload.
//

typedef struct _ACQ_GLOBALS {
    ERESOURCE DeviceListResource;
    LIST_ENTRY DeviceList;
    ULONG DeviceCount;
} ACQ_GLOBALS;

extern ACQ_GLOBALS AcqGlobals;

#define IOCTL_ACQ_WAIT_TRIGGER  CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_ACQ_GET_STATUS    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_ACQ_RESET         CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_WRITE_ACCESS)

//
//  Routines the system calls.
//

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD AcqUnload;
DRIVER_ADD_DEVICE AcqAddDevice;

_Dispatch_type_(IRP_MJ_PNP)             DRIVER_DISPATCH AcqDispatchPnp;
_Dispatch_type_(IRP_MJ_POWER)           DRIVER_DISPATCH AcqDispatchPower;
_Dispatch_type_(IRP_MJ_CREATE)
_Dispatch_type_(IRP_MJ_CLOSE)           DRIVER_DISPATCH AcqCreateClose;
_Dispatch_type_(IRP_MJ_READ)            DRIVER_DISPATCH AcqRead;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL)  DRIVER_DISPATCH AcqDeviceControl;

DRIVER_STARTIO AcqStartIo;
KSERVICE_ROUTINE AcqInterruptService;
IO_DPC_ROUTINE AcqDpcForIsr;
KDEFERRED_ROUTINE AcqWatchdogDpc;
DRIVER_CANCEL AcqCancelWait;
IO_WORKITEM_ROUTINE AcqTriggerWorker;
IO_COMPLETION_ROUTINE AcqPnpComplete;

//
//  Shared between the source files.
//

VOID AcqCompleteWaiters (_In_ PACQ_EXTENSION Ext, _In_ NTSTATUS Status);
VOID AcqDeleteExtensionResources (_In_ PACQ_EXTENSION Ext);

#endif // _ACQCARD_H_
