/*++

Module Name:

    scanfilter.h

Abstract:

    A file system minifilter that marks executable files for scanning.  It
    keeps a list of file extensions to watch, reloaded by a system thread,
    and a stream context per watched file.

--*/

#ifndef _SCANFILTER_H_
#define _SCANFILTER_H_

#include <fltKernel.h>
#include "..\common\defs.h"

#define SCAN_TAG                    'nacS'
#define SCAN_MAX_EXTENSION          8

typedef struct _SCAN_PATTERN {
    LIST_ENTRY Links;
    UNICODE_STRING Extension;
    WCHAR Buffer[SCAN_MAX_EXTENSION];
} SCAN_PATTERN, *PSCAN_PATTERN;

//
//  PatternResource protects Patterns and PatternCount.
//

typedef struct _SCAN_GLOBALS {
    PFLT_FILTER Filter;
    ERESOURCE PatternResource;
    LIST_ENTRY Patterns;
    ULONG PatternCount;
    PKTHREAD ReloadThread;
    KEVENT ReloadEvent;
    volatile BOOLEAN ReloadRequested;
    volatile BOOLEAN Stop;
} SCAN_GLOBALS;

extern SCAN_GLOBALS ScanGlobals;

//
//  Resource protects the scan state of one stream.
//

typedef struct _SCAN_STREAM_CONTEXT {
    ERESOURCE Resource;
    BOOLEAN Scanned;
    ULONG WritesSinceScan;
} SCAN_STREAM_CONTEXT, *PSCAN_STREAM_CONTEXT;

//
//  Routines the system calls.
//

DRIVER_INITIALIZE DriverEntry;
KSTART_ROUTINE ScanReloadThread;

//
//  Filter manager callbacks.
//

NTSTATUS
ScanUnload (
    _In_ FLT_FILTER_UNLOAD_FLAGS Flags
    );

NTSTATUS
ScanInstanceSetup (
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_ FLT_INSTANCE_SETUP_FLAGS Flags,
    _In_ DEVICE_TYPE VolumeDeviceType,
    _In_ FLT_FILESYSTEM_TYPE VolumeFilesystemType
    );

FLT_PREOP_CALLBACK_STATUS
ScanPreCreate (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Outptr_result_maybenull_ PVOID *CompletionContext
    );

FLT_POSTOP_CALLBACK_STATUS
ScanPostCreate (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_opt_ PVOID CompletionContext,
    _In_ FLT_POST_OPERATION_FLAGS Flags
    );

FLT_PREOP_CALLBACK_STATUS
ScanPreWrite (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Outptr_result_maybenull_ PVOID *CompletionContext
    );

VOID
ScanContextCleanup (
    _In_ PFLT_CONTEXT Context,
    _In_ FLT_CONTEXT_TYPE ContextType
    );

#endif // _SCANFILTER_H_
