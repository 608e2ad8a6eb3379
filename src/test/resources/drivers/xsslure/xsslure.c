/*++

Module Name:

    xsslure.c

Abstract:

    A label device: user mode names each unit with a short label through
    IOCTL_XL_SET_LABEL and reads it back with IOCTL_XL_GET_LABEL; the labels
    live in a table guarded by one executive resource.

    The default labels, comments and macros are HTML and template-injection
    payloads, so that every report that shows this source must escape it:
    </script><script>document.title='pwned by a comment'</script>
    <img src=x onerror="window.opensdvLure='comment'">
    {{7*7}}

--*/

#include <ntddk.h>
#include "..\common\defs.h"

#define XL_TAG                  'lbLX'
#define XL_UNITS                4
#define XL_LABEL_CHARS          64

#define IOCTL_XL_SET_LABEL      CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_XL_GET_LABEL      CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_READ_ACCESS)

//
//  Macro text with the payloads: a reader that pastes it unescaped runs it.
//
#define XL_SCRIPT_LABEL         "</script><script>window.opensdvLure='macro';document.title='pwned'</script>"
#define XL_IMAGE_LABEL          "<img src=x onerror=\"window.opensdvLure='macro image'\">"
#define XL_TEMPLATE_LABEL       "{{7*7}}"
#define XL_LURE_CHECK(x)        ((x) < sizeof("<img src=x onerror=alert(7)>"))

typedef struct _XL_LABEL_REQUEST {
    ULONG Unit;
    CHAR Label[XL_LABEL_CHARS];
} XL_LABEL_REQUEST, *PXL_LABEL_REQUEST;

typedef struct _XL_DEVICE_EXTENSION {
    ERESOURCE TableLock;        // guards Labels
    CHAR Labels[XL_UNITS][XL_LABEL_CHARS];
    ULONG LabelsSet;
} XL_DEVICE_EXTENSION, *PXL_DEVICE_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD XlUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH XlCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH XlDeviceControl;

static const CHAR *XlDefaultLabels[XL_UNITS] = {
    XL_SCRIPT_LABEL,
    XL_IMAGE_LABEL,
    XL_TEMPLATE_LABEL,
    "</script><script>window.opensdvLure='string'</script><img src=x onerror=\"window.opensdvLure='string image'\">"
};

static VOID
XlCopyLabel(_Out_writes_(XL_LABEL_CHARS) CHAR *To, _In_ const CHAR *From)
{
    ULONG i;

    for (i = 0; i + 1 < XL_LABEL_CHARS && From[i] != '\0'; i++) {
        To[i] = From[i];
    }
    To[i] = '\0';
}

NTSTATUS
XlCreateClose(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS
XlDeviceControl(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PXL_DEVICE_EXTENSION Ext = (PXL_DEVICE_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PXL_LABEL_REQUEST Request = (PXL_LABEL_REQUEST)Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.InputBufferLength;

    if (Length < sizeof(XL_LABEL_REQUEST) || Request->Unit >= XL_UNITS) {
        Status = STATUS_INVALID_PARAMETER;
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&Ext->TableLock, TRUE);

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_XL_SET_LABEL:
        if (XL_LURE_CHECK(Length)) {
            //
            //  Defect (held-at-exit): a request shorter than the longest
            //  lure "<img src=x onerror=alert(7)>" leaves with the table
            //  locked; </script><script>window.opensdvLure='defect'</script>
            //
            Irp->IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
            IoCompleteRequest(Irp, IO_NO_INCREMENT);
            return STATUS_BUFFER_TOO_SMALL;     // expect: ExclusiveResourceAccess held-at-exit
        }
        XlCopyLabel(Ext->Labels[Request->Unit], Request->Label);
        Ext->LabelsSet |= 1u << Request->Unit;
        break;

    case IOCTL_XL_GET_LABEL:
        XlCopyLabel(Request->Label, Ext->Labels[Request->Unit]);
        Irp->IoStatus.Information = sizeof(XL_LABEL_REQUEST);
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    ExReleaseResourceLite(&Ext->TableLock);
    KeLeaveCriticalRegion();

    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

VOID
XlUnload(_In_ PDRIVER_OBJECT DriverObject)
{
    PDEVICE_OBJECT DeviceObject = DriverObject->DeviceObject;
    PXL_DEVICE_EXTENSION Ext = (PXL_DEVICE_EXTENSION)DeviceObject->DeviceExtension;

    ExDeleteResourceLite(&Ext->TableLock);
    IoDeleteDevice(DeviceObject);
}

NTSTATUS
DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING DeviceName;
    PDEVICE_OBJECT DeviceObject;
    PXL_DEVICE_EXTENSION Ext;
    NTSTATUS Status;
    ULONG Unit;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlInitUnicodeString(&DeviceName, L"\\Device\\XlLabels<img src=x onerror=alert(1)>");
    Status = IoCreateDevice(DriverObject, sizeof(XL_DEVICE_EXTENSION), &DeviceName, FILE_DEVICE_UNKNOWN,
                            0, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }
    Ext = (PXL_DEVICE_EXTENSION)DeviceObject->DeviceExtension;
    ExInitializeResourceLite(&Ext->TableLock);
    for (Unit = 0; Unit < XL_UNITS; Unit++) {
        XlCopyLabel(Ext->Labels[Unit], XlDefaultLabels[Unit]);
    }
    DbgPrint("xsslure: {{7*7}} labels ready </script><script>window.opensdvLure='print'</script>\n");

    DriverObject->MajorFunction[IRP_MJ_CREATE] = XlCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = XlCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = XlDeviceControl;
    DriverObject->DriverUnload = XlUnload;
    return STATUS_SUCCESS;
}
