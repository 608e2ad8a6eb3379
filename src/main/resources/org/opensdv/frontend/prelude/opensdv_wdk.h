/*
 * OpenSDV's stand-in for the WDK headers (ntifs.h, ntddk.h, wdm.h, fltKernel.h, ...), served when a
 * driver includes one of them and it is not found on the include path. Written for parsing and
 * analysis: the types a driver names, the constants it tests, and every DDI the rules model, with
 * the SAL lock annotations the WDK documents for them. It is not a replacement for the WDK.
 */
#ifndef OPENSDV_WDK_H
#define OPENSDV_WDK_H

/* ---- target version (sdkddkver.h): the newest, as a current WDK build defaults to ---- */
#define NTDDI_WIN2K 0x05000000
#define NTDDI_WINXP 0x05010000
#define NTDDI_WS03 0x05020000
#define NTDDI_VISTA 0x06000000
#define NTDDI_WS08 0x06000100
#define NTDDI_WIN7 0x06010000
#define NTDDI_WIN8 0x06020000
#define NTDDI_WINBLUE 0x06030000
#define NTDDI_WIN10 0x0A000000
#define NTDDI_WIN10_RS1 0x0A000002
#define NTDDI_WIN10_RS5 0x0A000006
#define NTDDI_WIN10_VB 0x0A000008
#define NTDDI_WIN10_CO 0x0A00000B
#define NTDDI_WIN11_GE 0x0A000010
#ifndef NTDDI_VERSION
#define NTDDI_VERSION NTDDI_WIN11_GE
#endif
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00
#endif
#ifndef WINVER
#define WINVER 0x0A00
#endif
#define OSVERSION_MASK 0xFFFF0000
#define SPVERSION_MASK 0x0000FF00
#define SUBVERSION_MASK 0x000000FF
#define OSVER(Version) ((Version) & OSVERSION_MASK)
#define SPVER(Version) (((Version) & SPVERSION_MASK) >> 8)
#define SUBVER(Version) (((Version) & SUBVERSION_MASK))

/* ---- basic spellings ---- */
#define IN
#define OUT
#define OPTIONAL
#define CONST const
#define VOID void
#define NTAPI
#define NTKERNELAPI
#define NTSYSAPI
#define NTHALAPI
#define FLTAPI
#define WINAPI
#define STDCALL
#define FASTCALL
#define CALLBACK
#define FORCEINLINE __forceinline
#define DECLSPEC_NOINLINE
#define DECLSPEC_NORETURN
#define DECLSPEC_ALIGN(x)
#define DECLSPEC_CACHEALIGN
#define DECLSPEC_IMPORT
#define DECLSPEC_NOTHROW
#define DECLSPEC_DEPRECATED_DDK
#define EXTERN_C extern
#define NOTHING
#define UNALIGNED
#define RESTRICTED_POINTER
#define POINTER_64
#define POINTER_32
#define ANYSIZE_ARRAY 1
#define TRUE 1
#define FALSE 0
#ifndef NULL
#define NULL ((void *)0)
#endif

typedef char CHAR, *PCHAR, CCHAR, *PSZ;
typedef const char *PCSZ, *PCSTR;
typedef unsigned char UCHAR, *PUCHAR, BYTE, *PBYTE;
typedef short SHORT, CSHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT, WORD;
typedef unsigned short WCHAR, *PWCHAR, *PWSTR, *PWCH, *LPWSTR;
typedef const unsigned short *PCWSTR, *PCWCH, *LPCWSTR;
typedef int INT, *PINT, BOOL;
typedef unsigned int UINT, *PUINT;
typedef long LONG, *PLONG;
typedef unsigned long ULONG, *PULONG, DWORD, *PDWORD;
typedef long long LONGLONG, *PLONGLONG, LONG64, INT64;
typedef unsigned long long ULONGLONG, *PULONGLONG, ULONG64, *PULONG64, DWORD64, UINT64;
typedef long long LONG_PTR, *PLONG_PTR, INT_PTR, SSIZE_T;
typedef unsigned long long ULONG_PTR, *PULONG_PTR, UINT_PTR, SIZE_T, *PSIZE_T, DWORD_PTR;
typedef int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef ULONG_PTR PFN_NUMBER, *PPFN_NUMBER;
typedef unsigned char BOOLEAN, *PBOOLEAN;
typedef void *PVOID, **PPVOID, *HANDLE, **PHANDLE;
typedef const void *PCVOID;
typedef long NTSTATUS, *PNTSTATUS;
typedef UCHAR KIRQL, *PKIRQL;
typedef CCHAR KPROCESSOR_MODE;
typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
typedef ULONG LCID, LOGICAL, *PLOGICAL, CLONG;
typedef LONG KPRIORITY;
typedef ULONG_PTR ERESOURCE_THREAD, *PERESOURCE_THREAD;
typedef LONGLONG USN;
typedef ULONG DEVICE_TYPE;
typedef ULONG EXECUTION_STATE;
typedef LONG_PTR KAFFINITY;

typedef union _LARGE_INTEGER {
    struct { ULONG LowPart; LONG HighPart; } u;
    struct { ULONG LowPart; LONG HighPart; };
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
    struct { ULONG LowPart; ULONG HighPart; } u;
    struct { ULONG LowPart; ULONG HighPart; };
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;
/* A file system's counters (FSCTL_FILESYSTEM_GET_STATISTICS): numbers only. */
typedef struct _FILESYSTEM_STATISTICS {
    USHORT FileSystemType; USHORT Version; ULONG SizeOfCompleteStructure;
    ULONG UserFileReads; ULONG UserFileReadBytes; ULONG UserDiskReads;
    ULONG UserFileWrites; ULONG UserFileWriteBytes; ULONG UserDiskWrites;
    ULONG MetaDataReads; ULONG MetaDataReadBytes; ULONG MetaDataDiskReads;
    ULONG MetaDataWrites; ULONG MetaDataWriteBytes; ULONG MetaDataDiskWrites;
} FILESYSTEM_STATISTICS, *PFILESYSTEM_STATISTICS;
typedef struct _FAT_STATISTICS {
    ULONG CreateHits; ULONG SuccessfulCreates; ULONG FailedCreates;
    ULONG NonCachedReads; ULONG NonCachedReadBytes; ULONG NonCachedWrites; ULONG NonCachedWriteBytes;
    ULONG NonCachedDiskReads; ULONG NonCachedDiskWrites;
} FAT_STATISTICS, *PFAT_STATISTICS;
typedef struct _LIST_ENTRY { struct _LIST_ENTRY *Flink, *Blink; } LIST_ENTRY, *PLIST_ENTRY;
typedef struct _SINGLE_LIST_ENTRY { struct _SINGLE_LIST_ENTRY *Next; } SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;
typedef struct _UNICODE_STRING { USHORT Length; USHORT MaximumLength; PWSTR Buffer; }
    UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;
typedef struct _STRING { USHORT Length; USHORT MaximumLength; PCHAR Buffer; }
    STRING, ANSI_STRING, OEM_STRING, *PSTRING, *PANSI_STRING, *POEM_STRING;
typedef struct _GUID { ULONG Data1; USHORT Data2; USHORT Data3; UCHAR Data4[8]; } GUID, *LPGUID;
typedef const GUID *LPCGUID;
/* a declaration whatever initguid.h says: the value matters to no rule, and one definition per
   unit would define it again in each */
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) extern const GUID name

#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#define STATUS_PENDING ((NTSTATUS)0x00000103L)
#define STATUS_REPARSE ((NTSTATUS)0x00000104L)
#define STATUS_MORE_PROCESSING_REQUIRED ((NTSTATUS)0xC0000016L)
#define STATUS_UNSUCCESSFUL ((NTSTATUS)0xC0000001L)
#define STATUS_NOT_IMPLEMENTED ((NTSTATUS)0xC0000002L)
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)
#define STATUS_INVALID_DEVICE_REQUEST ((NTSTATUS)0xC0000010L)
#define STATUS_END_OF_FILE ((NTSTATUS)0xC0000011L)
#define STATUS_ACCESS_DENIED ((NTSTATUS)0xC0000022L)
#define STATUS_BUFFER_TOO_SMALL ((NTSTATUS)0xC0000023L)
#define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xC0000034L)
#define STATUS_SHARING_VIOLATION ((NTSTATUS)0xC0000043L)
#define STATUS_INSUFFICIENT_RESOURCES ((NTSTATUS)0xC000009AL)
#define STATUS_DEVICE_NOT_READY ((NTSTATUS)0xC00000A3L)
#define STATUS_NOT_SUPPORTED ((NTSTATUS)0xC00000BBL)
#define STATUS_CANCELLED ((NTSTATUS)0xC0000120L)
#define STATUS_FILE_CLOSED ((NTSTATUS)0xC0000128L)
#define STATUS_CANT_WAIT ((NTSTATUS)0xC00000D8L)
#define STATUS_DELETE_PENDING ((NTSTATUS)0xC0000056L)
#define STATUS_DEVICE_BUSY ((NTSTATUS)0x80000011L)
#define STATUS_NO_MORE_ENTRIES ((NTSTATUS)0x8000001AL)
#define STATUS_BUFFER_OVERFLOW ((NTSTATUS)0x80000005L)
#define STATUS_FILE_CORRUPT_ERROR ((NTSTATUS)0xC0000102L)
#define STATUS_DISK_FULL ((NTSTATUS)0xC000007FL)
#define STATUS_VOLUME_DISMOUNTED ((NTSTATUS)0xC000026EL)
#define STATUS_NO_SUCH_DEVICE ((NTSTATUS)0xC000000EL)
#define STATUS_TIMEOUT ((NTSTATUS)0x00000102L)

#define FlagOn(F, SF) ((F) & (SF))
#define BooleanFlagOn(F, SF) ((BOOLEAN)(((F) & (SF)) != 0))
#define SetFlag(F, SF) ((F) |= (SF))
#define ClearFlag(F, SF) ((F) &= ~(SF))
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define PAGED_CODE() ((void)0)
#define PAGED_CODE_LOCKED() ((void)0)
#define ASSERT(e) ((void)0)
#define ASSERTMSG(m, e) ((void)0)
#define NT_ASSERT(e) ((void)0)
#define NT_ASSERTMSG(m, e) ((void)0)
#define KdPrint(a) ((void)0)
#define KdPrintEx(a) ((void)0)
#define ARGUMENT_PRESENT(A) ((A) != NULL)
#define FIELD_OFFSET(T, F) ((LONG)(LONG_PTR)&(((T *)0)->F))
#define CONTAINING_RECORD(A, T, F) ((T *)((PCHAR)(A) - (ULONG_PTR)(&((T *)0)->F)))
#define RTL_NUMBER_OF(A) (sizeof(A) / sizeof((A)[0]))
#define ARRAYSIZE(A) RTL_NUMBER_OF(A)
#define min(a, b) (((a) < (b)) ? (a) : (b))
#define max(a, b) (((a) > (b)) ? (a) : (b))
#define RtlZeroMemory(D, L) memset((D), 0, (L))
#define RtlFillMemory(D, L, F) memset((D), (F), (L))
#define RtlCopyMemory(D, S, L) memcpy((D), (S), (L))
#define RtlMoveMemory(D, S, L) memmove((D), (S), (L))
#define RtlEqualMemory(A, B, L) (!memcmp((A), (B), (L)))
#define InitializeObjectAttributes(p, n, a, r, s) ((void)0)
#define ALLOC_PRAGMA 1
#define POOL_TAGGING 1
void *memset(void *, int, SIZE_T);
void *memcpy(void *, const void *, SIZE_T);
void *memmove(void *, const void *, SIZE_T);
int memcmp(const void *, const void *, SIZE_T);
ULONG DbgPrint(PCSTR Format, ...);
ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
DECLSPEC_NORETURN VOID KeBugCheck(ULONG Code);
DECLSPEC_NORETURN VOID KeBugCheckEx(ULONG Code, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4);

/* ---- IRQL, pool ---- */
#define PASSIVE_LEVEL 0
#define APC_LEVEL 1
#define DISPATCH_LEVEL 2
#define HIGH_LEVEL 15
typedef enum _POOL_TYPE {
    NonPagedPool, PagedPool, NonPagedPoolMustSucceed, DontUseThisType, NonPagedPoolCacheAligned,
    PagedPoolCacheAligned, NonPagedPoolNx = 512
} POOL_TYPE;
typedef enum _MODE { KernelMode, UserMode, MaximumMode } MODE;
typedef enum _KWAIT_REASON { Executive, FreePage, PageIn, PoolAllocation, UserRequest = 6 } KWAIT_REASON;
typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;
typedef enum _LOCK_OPERATION { IoReadAccess, IoWriteAccess, IoModifyAccess } LOCK_OPERATION;
PVOID ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePool2(ULONG64 Flags, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
VOID ExFreePool(PVOID P);
VOID ExFreePoolWithTag(PVOID P, ULONG Tag);
#define POOL_FLAG_NON_PAGED 0x40ULL
#define POOL_FLAG_PAGED 0x100ULL

/* ---- dispatcher objects and locks ---- */
typedef struct _DISPATCHER_HEADER { LONG Lock; LONG SignalState; LIST_ENTRY WaitListHead; } DISPATCHER_HEADER;
typedef struct _KEVENT { DISPATCHER_HEADER Header; } KEVENT, *PKEVENT, *PRKEVENT;
typedef struct _KSEMAPHORE { DISPATCHER_HEADER Header; LONG Limit; } KSEMAPHORE, *PKSEMAPHORE;
typedef struct _KMUTANT { DISPATCHER_HEADER Header; } KMUTANT, KMUTEX, *PKMUTANT, *PKMUTEX, *PRKMUTEX;
typedef struct _KTIMER { DISPATCHER_HEADER Header; ULARGE_INTEGER DueTime; } KTIMER, *PKTIMER;
typedef struct _FAST_MUTEX { LONG Count; PVOID Owner; ULONG Contention; KEVENT Event; ULONG OldIrql; }
    FAST_MUTEX, *PFAST_MUTEX, KGUARDED_MUTEX, *PKGUARDED_MUTEX;
/* The file system run-time library's mapping control blocks, splay links and notify sync. */
typedef struct _BASE_MCB {
    ULONG MaximumPairCount; ULONG PairCount; USHORT PoolType; USHORT Flags; PVOID Mapping;
} BASE_MCB, *PBASE_MCB;
typedef struct _LARGE_MCB { PKGUARDED_MUTEX GuardedMutex; BASE_MCB BaseMcb; } LARGE_MCB, *PLARGE_MCB;
typedef struct _RTL_SPLAY_LINKS {
    struct _RTL_SPLAY_LINKS *Parent; struct _RTL_SPLAY_LINKS *LeftChild; struct _RTL_SPLAY_LINKS *RightChild;
} RTL_SPLAY_LINKS, *PRTL_SPLAY_LINKS;
typedef struct _REAL_NOTIFY_SYNC *PNOTIFY_SYNC;
typedef struct _RTL_BITMAP { ULONG SizeOfBitMap; PULONG Buffer; } RTL_BITMAP, *PRTL_BITMAP;
typedef struct _RTL_GENERIC_TABLE *PRTL_GENERIC_TABLE;
typedef enum _RTL_GENERIC_COMPARE_RESULTS { GenericLessThan, GenericGreaterThan, GenericEqual }
    RTL_GENERIC_COMPARE_RESULTS;
typedef RTL_GENERIC_COMPARE_RESULTS (*PRTL_GENERIC_COMPARE_ROUTINE)(PRTL_GENERIC_TABLE, PVOID, PVOID);
typedef PVOID (*PRTL_GENERIC_ALLOCATE_ROUTINE)(PRTL_GENERIC_TABLE, ULONG);
typedef VOID (*PRTL_GENERIC_FREE_ROUTINE)(PRTL_GENERIC_TABLE, PVOID);
typedef struct _RTL_GENERIC_TABLE {
    PRTL_SPLAY_LINKS TableRoot; LIST_ENTRY InsertOrderList; PLIST_ENTRY OrderedPointer;
    ULONG WhichOrderedElement; ULONG NumberGenericTableElements; PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine;
    PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine; PRTL_GENERIC_FREE_ROUTINE FreeRoutine; PVOID TableContext;
} RTL_GENERIC_TABLE;
/* A CD table of contents' track (numbers only). */
typedef struct _TRACK_DATA {
    UCHAR Reserved; UCHAR Control : 4; UCHAR Adr : 4; UCHAR TrackNumber; UCHAR Reserved1; UCHAR Address[4];
} TRACK_DATA, *PTRACK_DATA;
typedef struct _KLOCK_QUEUE_HANDLE { PVOID LockQueue[2]; KIRQL OldIrql; } KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;
typedef struct _OWNER_ENTRY { ERESOURCE_THREAD OwnerThread; ULONG TableSize; } OWNER_ENTRY, *POWNER_ENTRY;
typedef struct _ERESOURCE {
    LIST_ENTRY SystemResourcesList;
    POWNER_ENTRY OwnerTable;
    SHORT ActiveCount;
    USHORT Flag;
    PKSEMAPHORE SharedWaiters;
    PKEVENT ExclusiveWaiters;
    OWNER_ENTRY OwnerEntry;
    ULONG ActiveEntries;
    ULONG ContentionCount;
    ULONG NumberOfSharedWaiters;
    ULONG NumberOfExclusiveWaiters;
    PVOID Address;
    KSPIN_LOCK SpinLock;
} ERESOURCE, *PERESOURCE;
typedef struct _KDPC *PKDPC, *PRKDPC;
typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
typedef struct _ETHREAD *PETHREAD;
typedef struct _EPROCESS *PEPROCESS;
typedef struct _KPROCESS *PKPROCESS;
typedef struct _KINTERRUPT *PKINTERRUPT;
typedef struct _IO_WORKITEM *PIO_WORKITEM;
typedef struct _MDL { struct _MDL *Next; SHORT Size; SHORT MdlFlags; PVOID MappedSystemVa; ULONG ByteCount; }
    MDL, *PMDL;
#define MmGetMdlPfnArray(Mdl) ((PPFN_NUMBER)((Mdl) + 1))

VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock);
VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql);
KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock);
VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
VOID KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle);
VOID KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle);
VOID IoAcquireCancelSpinLock(PKIRQL Irql);
VOID IoReleaseCancelSpinLock(KIRQL Irql);
VOID KeEnterCriticalRegion(VOID);
VOID KeLeaveCriticalRegion(VOID);
VOID KeEnterGuardedRegion(VOID);
VOID KeLeaveGuardedRegion(VOID);
#define FsRtlEnterFileSystem() KeEnterCriticalRegion()
#define FsRtlExitFileSystem() KeLeaveCriticalRegion()
KIRQL KeGetCurrentIrql(VOID);
VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql);
VOID KeLowerIrql(KIRQL NewIrql);
VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
VOID KeClearEvent(PRKEVENT Event);
LONG KeResetEvent(PRKEVENT Event);
NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                               BOOLEAN Alertable, PLARGE_INTEGER Timeout);
VOID KeInitializeMutex(PRKMUTEX Mutex, ULONG Level);
LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait);
VOID ExInitializeFastMutex(PFAST_MUTEX FastMutex);
VOID ExAcquireFastMutex(PFAST_MUTEX FastMutex);
VOID ExReleaseFastMutex(PFAST_MUTEX FastMutex);
VOID KeStallExecutionProcessor(ULONG MicroSeconds);
NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval);
PKTHREAD KeGetCurrentThread(VOID);
PETHREAD PsGetCurrentThread(VOID);

/* ---- executive resources (the ExclusiveResourceAccess family) ---- */
NTSTATUS ExInitializeResourceLite(PERESOURCE Resource);
NTSTATUS ExReinitializeResourceLite(PERESOURCE Resource);
NTSTATUS ExDeleteResourceLite(PERESOURCE Resource);
_When_(return != 0, _Acquires_exclusive_lock_(*Resource))
BOOLEAN ExAcquireResourceExclusiveLite(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
_When_(return != 0, _Acquires_exclusive_lock_(*Resource))
BOOLEAN ExTryToAcquireResourceExclusiveLite(_Inout_ PERESOURCE Resource);
_Acquires_exclusive_lock_(*Resource)
PVOID ExEnterCriticalRegionAndAcquireResourceExclusive(_Inout_ PERESOURCE Resource);
_When_(return != 0, _Acquires_shared_lock_(*Resource))
BOOLEAN ExAcquireResourceSharedLite(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
_When_(return != 0, _Acquires_shared_lock_(*Resource))
BOOLEAN ExAcquireSharedStarveExclusive(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
_When_(return != 0, _Acquires_shared_lock_(*Resource))
BOOLEAN ExAcquireSharedWaitForExclusive(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
_Acquires_shared_lock_(*Resource)
PVOID ExEnterCriticalRegionAndAcquireResourceShared(_Inout_ PERESOURCE Resource);
_Acquires_shared_lock_(*Resource)
PVOID ExEnterCriticalRegionAndAcquireSharedWaitForExclusive(_Inout_ PERESOURCE Resource);
_Releases_lock_(*Resource)
VOID ExReleaseResourceLite(_Inout_ PERESOURCE Resource);
_Releases_lock_(*Resource)
VOID ExReleaseResourceForThreadLite(_Inout_ PERESOURCE Resource, _In_ ERESOURCE_THREAD ResourceThreadId);
_Releases_lock_(*Resource)
VOID ExReleaseResourceAndLeaveCriticalRegion(_Inout_ PERESOURCE Resource);
VOID ExConvertExclusiveToSharedLite(_Inout_ PERESOURCE Resource);
VOID ExSetResourceOwnerPointer(_Inout_ PERESOURCE Resource, _In_ PVOID OwnerPointer);
VOID ExSetResourceOwnerPointerEx(_Inout_ PERESOURCE Resource, _In_ PVOID OwnerPointer, _In_ ULONG Flags);
ERESOURCE_THREAD ExGetCurrentResourceThread(VOID);
BOOLEAN ExIsResourceAcquiredExclusiveLite(_In_ PERESOURCE Resource);
ULONG ExIsResourceAcquiredSharedLite(_In_ PERESOURCE Resource);
#define ExIsResourceAcquiredLite ExIsResourceAcquiredSharedLite
ULONG ExGetExclusiveWaiterCount(_In_ PERESOURCE Resource);
ULONG ExGetSharedWaiterCount(_In_ PERESOURCE Resource);
#define ExAcquireResourceExclusive ExAcquireResourceExclusiveLite
#define ExAcquireResourceShared ExAcquireResourceSharedLite
#define ExReleaseResource ExReleaseResourceLite
#define ExReleaseResourceForThread ExReleaseResourceForThreadLite
#define RESOURCE_HASH_TABLE_SIZE 64

/* ---- I/O manager ---- */
#define IRP_MJ_CREATE 0x00
#define IRP_MJ_CREATE_NAMED_PIPE 0x01
#define IRP_MJ_CLOSE 0x02
#define IRP_MJ_READ 0x03
#define IRP_MJ_WRITE 0x04
#define IRP_MJ_QUERY_INFORMATION 0x05
#define IRP_MJ_SET_INFORMATION 0x06
#define IRP_MJ_QUERY_EA 0x07
#define IRP_MJ_SET_EA 0x08
#define IRP_MJ_FLUSH_BUFFERS 0x09
#define IRP_MJ_QUERY_VOLUME_INFORMATION 0x0a
#define IRP_MJ_SET_VOLUME_INFORMATION 0x0b
#define IRP_MJ_DIRECTORY_CONTROL 0x0c
#define IRP_MJ_FILE_SYSTEM_CONTROL 0x0d
#define IRP_MJ_DEVICE_CONTROL 0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL 0x0f
#define IRP_MJ_SHUTDOWN 0x10
#define IRP_MJ_LOCK_CONTROL 0x11
#define IRP_MJ_CLEANUP 0x12
#define IRP_MJ_CREATE_MAILSLOT 0x13
#define IRP_MJ_QUERY_SECURITY 0x14
#define IRP_MJ_SET_SECURITY 0x15
#define IRP_MJ_POWER 0x16
#define IRP_MJ_SYSTEM_CONTROL 0x17
#define IRP_MJ_DEVICE_CHANGE 0x18
#define IRP_MJ_QUERY_QUOTA 0x19
#define IRP_MJ_SET_QUOTA 0x1a
#define IRP_MJ_PNP 0x1b
#define IRP_MJ_PNP_POWER IRP_MJ_PNP
#define IRP_MJ_MAXIMUM_FUNCTION 0x1b
#define IRP_MN_START_DEVICE 0x00
#define IRP_MN_QUERY_REMOVE_DEVICE 0x01
#define IRP_MN_REMOVE_DEVICE 0x02
#define IRP_MN_CANCEL_REMOVE_DEVICE 0x03
#define IRP_MN_STOP_DEVICE 0x04
#define IRP_MN_QUERY_STOP_DEVICE 0x05
#define IRP_MN_CANCEL_STOP_DEVICE 0x06
#define IRP_MN_QUERY_DEVICE_RELATIONS 0x07
#define IRP_MN_QUERY_INTERFACE 0x08
#define IRP_MN_QUERY_CAPABILITIES 0x09
#define IRP_MN_QUERY_RESOURCES 0x0A
#define IRP_MN_QUERY_RESOURCE_REQUIREMENTS 0x0B
#define IRP_MN_SURPRISE_REMOVAL 0x17
#define IRP_MN_WAIT_WAKE 0x00
#define IRP_MN_POWER_SEQUENCE 0x01
#define IRP_MN_SET_POWER 0x02
#define IRP_MN_QUERY_POWER 0x03
#define IRP_MN_USER_FS_REQUEST 0x00
#define IRP_MN_MOUNT_VOLUME 0x01
#define IRP_MN_VERIFY_VOLUME 0x02
#define IRP_MN_LOAD_FILE_SYSTEM 0x03
#define IRP_MN_QUERY_DIRECTORY 0x01
#define IRP_MN_NOTIFY_CHANGE_DIRECTORY 0x02
#define IRP_MN_NORMAL 0x00
#define IRP_MN_COMPLETE 0x04
#define IRP_MN_MDL 0x02
#define IO_NO_INCREMENT 0
#define IO_DISK_INCREMENT 1
#define IO_SERIAL_INCREMENT 2
#define SL_PENDING_RETURNED 0x01
#define SL_INVOKE_ON_CANCEL 0x20
#define SL_INVOKE_ON_SUCCESS 0x40
#define SL_INVOKE_ON_ERROR 0x80
#define DO_BUFFERED_IO 0x00000004
#define DO_DIRECT_IO 0x00000010
#define DO_DEVICE_INITIALIZING 0x00000080
#define DO_POWER_PAGABLE 0x00002000
#define FILE_DEVICE_DISK 0x00000007
#define FILE_DEVICE_DISK_FILE_SYSTEM 0x00000008
#define FILE_DEVICE_CD_ROM_FILE_SYSTEM 0x00000003
#define FILE_DEVICE_NETWORK_FILE_SYSTEM 0x00000014
#define FILE_DEVICE_UNKNOWN 0x00000022
#define FILE_DEVICE_SECURE_OPEN 0x00000100
#define FILE_REMOVABLE_MEDIA 0x00000001
#define FILE_DIRECTORY_FILE 0x00000001
#define FILE_NON_DIRECTORY_FILE 0x00000040
#define FILE_DELETE_ON_CLOSE 0x00001000
#define FILE_OPEN 0x00000001
#define FILE_CREATE 0x00000002
#define FILE_OPEN_IF 0x00000003
#define FILE_OVERWRITE 0x00000004
#define FILE_SUPERSEDE 0x00000000
#define FILE_READ_DATA 0x0001
#define FILE_WRITE_DATA 0x0002
#define FILE_ATTRIBUTE_DIRECTORY 0x00000010
#define FILE_ATTRIBUTE_NORMAL 0x00000080
#define FO_SYNCHRONOUS_IO 0x00000002
#define FO_CLEANUP_COMPLETE 0x00004000
#define IRP_PAGING_IO 0x00000002
#define IRP_NOCACHE 0x00000001
#define IRP_SYNCHRONOUS_PAGING_IO 0x00000040
#define METHOD_BUFFERED 0
#define METHOD_NEITHER 3
#define FILE_ANY_ACCESS 0
#define CTL_CODE(t, f, m, a) (((t) << 16) | ((a) << 14) | ((f) << 2) | (m))
#define PLUGPLAY_REGKEY_DEVICE 1
#define DEVICE_DESCRIPTION_VERSION 0

typedef struct _IO_STATUS_BLOCK { union { NTSTATUS Status; PVOID Pointer; }; ULONG_PTR Information; }
    IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;
typedef struct _KDEVICE_QUEUE_ENTRY { LIST_ENTRY DeviceListEntry; ULONG SortKey; BOOLEAN Inserted; }
    KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY;
typedef struct _KDEVICE_QUEUE { CSHORT Type; CSHORT Size; LIST_ENTRY DeviceListHead; KSPIN_LOCK Lock; BOOLEAN Busy; }
    KDEVICE_QUEUE, *PKDEVICE_QUEUE;
typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;
typedef struct _DEVICE_OBJECT *PDEVICE_OBJECT;
typedef struct _IRP *PIRP;
typedef struct _FILE_OBJECT *PFILE_OBJECT;
typedef struct _VPB *PVPB;
typedef struct _IO_STACK_LOCATION *PIO_STACK_LOCATION;
typedef struct _CM_RESOURCE_LIST *PCM_RESOURCE_LIST;
typedef struct _SECURITY_DESCRIPTOR *PSECURITY_DESCRIPTOR;
typedef struct _OBJECT_ATTRIBUTES { ULONG Length; HANDLE RootDirectory; PUNICODE_STRING ObjectName; ULONG Attributes; }
    OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef struct _CLIENT_ID { HANDLE UniqueProcess; HANDLE UniqueThread; } CLIENT_ID, *PCLIENT_ID;
typedef enum _DEVICE_POWER_STATE { PowerDeviceUnspecified, PowerDeviceD0, PowerDeviceD1, PowerDeviceD2,
    PowerDeviceD3 } DEVICE_POWER_STATE;
typedef enum _SYSTEM_POWER_STATE { PowerSystemUnspecified, PowerSystemWorking, PowerSystemSleeping1,
    PowerSystemShutdown = 6 } SYSTEM_POWER_STATE;
typedef union _POWER_STATE { SYSTEM_POWER_STATE SystemState; DEVICE_POWER_STATE DeviceState; } POWER_STATE;
typedef enum _POWER_STATE_TYPE { SystemPowerState, DevicePowerState } POWER_STATE_TYPE;
typedef enum _KINTERRUPT_MODE { LevelSensitive, Latched } KINTERRUPT_MODE;
typedef enum _WORK_QUEUE_TYPE { CriticalWorkQueue, DelayedWorkQueue, HyperCriticalWorkQueue } WORK_QUEUE_TYPE;
typedef enum _IO_ALLOCATION_ACTION { KeepObject = 1, DeallocateObject, DeallocateObjectKeepRegisters }
    IO_ALLOCATION_ACTION;
typedef enum _DEVICE_RELATION_TYPE { BusRelations, EjectionRelations, PowerRelations, RemovalRelations }
    DEVICE_RELATION_TYPE;
typedef enum _IO_NOTIFICATION_EVENT_CATEGORY { EventCategoryReserved, EventCategoryHardwareProfileChange,
    EventCategoryDeviceInterfaceChange, EventCategoryTargetDeviceChange } IO_NOTIFICATION_EVENT_CATEGORY;

/* Role types: the routine signatures the system calls. */
typedef NTSTATUS DRIVER_INITIALIZE(_In_ struct _DRIVER_OBJECT *DriverObject, _In_ PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;
typedef NTSTATUS DRIVER_ADD_DEVICE(_In_ struct _DRIVER_OBJECT *DriverObject,
                                   _In_ struct _DEVICE_OBJECT *PhysicalDeviceObject);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;
typedef NTSTATUS DRIVER_DISPATCH(_In_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_PAGED, DRIVER_DISPATCH_RAISED;
typedef VOID DRIVER_STARTIO(_Inout_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp);
typedef DRIVER_STARTIO *PDRIVER_STARTIO;
typedef VOID DRIVER_UNLOAD(_In_ struct _DRIVER_OBJECT *DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef VOID DRIVER_CANCEL(_Inout_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp);
typedef DRIVER_CANCEL *PDRIVER_CANCEL;
typedef NTSTATUS IO_COMPLETION_ROUTINE(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_opt_ PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;
typedef VOID IO_DPC_ROUTINE(_In_ PKDPC Dpc, _In_ struct _DEVICE_OBJECT *DeviceObject, _Inout_ struct _IRP *Irp,
                            _In_opt_ PVOID Context);
typedef IO_DPC_ROUTINE *PIO_DPC_ROUTINE;
typedef VOID KDEFERRED_ROUTINE(_In_ struct _KDPC *Dpc, _In_opt_ PVOID DeferredContext,
                               _In_opt_ PVOID SystemArgument1, _In_opt_ PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;
typedef BOOLEAN KSERVICE_ROUTINE(_In_ struct _KINTERRUPT *Interrupt, _In_opt_ PVOID ServiceContext);
typedef KSERVICE_ROUTINE *PKSERVICE_ROUTINE;
typedef BOOLEAN KSYNCHRONIZE_ROUTINE(_In_opt_ PVOID SynchronizeContext);
typedef KSYNCHRONIZE_ROUTINE *PKSYNCHRONIZE_ROUTINE;
typedef VOID WORKER_THREAD_ROUTINE(_In_ PVOID Parameter);
typedef WORKER_THREAD_ROUTINE *PWORKER_THREAD_ROUTINE;
typedef VOID IO_WORKITEM_ROUTINE(_In_ PDEVICE_OBJECT DeviceObject, _In_opt_ PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;
typedef VOID IO_WORKITEM_ROUTINE_EX(_In_ PVOID IoObject, _In_opt_ PVOID Context, _In_ PIO_WORKITEM IoWorkItem);
typedef IO_WORKITEM_ROUTINE_EX *PIO_WORKITEM_ROUTINE_EX;
typedef VOID KSTART_ROUTINE(_In_ PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;
typedef VOID REQUEST_POWER_COMPLETE(_In_ PDEVICE_OBJECT DeviceObject, _In_ UCHAR MinorFunction,
                                    _In_ POWER_STATE PowerState, _In_opt_ PVOID Context,
                                    _In_ PIO_STATUS_BLOCK IoStatus);
typedef REQUEST_POWER_COMPLETE *PREQUEST_POWER_COMPLETE;
typedef NTSTATUS DRIVER_NOTIFICATION_CALLBACK_ROUTINE(_In_ PVOID NotificationStructure, _Inout_opt_ PVOID Context);
typedef DRIVER_NOTIFICATION_CALLBACK_ROUTINE *PDRIVER_NOTIFICATION_CALLBACK_ROUTINE;
typedef IO_ALLOCATION_ACTION DRIVER_CONTROL(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                            _In_ PVOID MapRegisterBase, _In_ PVOID Context);
typedef DRIVER_CONTROL *PDRIVER_CONTROL;

typedef struct _KDPC {
    UCHAR Type; UCHAR Importance; USHORT Number; LIST_ENTRY DpcListEntry;
    PKDEFERRED_ROUTINE DeferredRoutine; PVOID DeferredContext; PVOID SystemArgument1; PVOID SystemArgument2;
} KDPC, RKDPC;
typedef struct _WORK_QUEUE_ITEM { LIST_ENTRY List; PWORKER_THREAD_ROUTINE WorkerRoutine; PVOID Parameter; }
    WORK_QUEUE_ITEM, *PWORK_QUEUE_ITEM;
typedef struct _DRIVER_EXTENSION {
    struct _DRIVER_OBJECT *DriverObject; PDRIVER_ADD_DEVICE AddDevice; ULONG Count; UNICODE_STRING ServiceKeyName;
} DRIVER_EXTENSION, *PDRIVER_EXTENSION;
typedef struct _FAST_IO_DISPATCH { ULONG SizeOfFastIoDispatch; PVOID FastIoCheckIfPossible; PVOID FastIoRead;
    PVOID FastIoWrite; PVOID AcquireFileForNtCreateSection; PVOID ReleaseFileForNtCreateSection;
    PVOID AcquireForModWrite; PVOID ReleaseForModWrite; PVOID AcquireForCcFlush; PVOID ReleaseForCcFlush; }
    FAST_IO_DISPATCH, *PFAST_IO_DISPATCH;
typedef struct _DRIVER_OBJECT {
    CSHORT Type; CSHORT Size; PDEVICE_OBJECT DeviceObject; ULONG Flags; PVOID DriverStart; ULONG DriverSize;
    PVOID DriverSection; PDRIVER_EXTENSION DriverExtension; UNICODE_STRING DriverName;
    PUNICODE_STRING HardwareDatabase; PFAST_IO_DISPATCH FastIoDispatch; PDRIVER_INITIALIZE DriverInit;
    PDRIVER_STARTIO DriverStartIo; PDRIVER_UNLOAD DriverUnload;
    PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
} DRIVER_OBJECT;
typedef struct _DEVICE_OBJECT {
    CSHORT Type; USHORT Size; LONG ReferenceCount; struct _DRIVER_OBJECT *DriverObject;
    struct _DEVICE_OBJECT *NextDevice; struct _DEVICE_OBJECT *AttachedDevice; struct _IRP *CurrentIrp;
    ULONG Flags; ULONG Characteristics; PVPB Vpb; PVOID DeviceExtension; DEVICE_TYPE DeviceType;
    CCHAR StackSize; ULONG AlignmentRequirement; KDEVICE_QUEUE DeviceQueue; KDPC Dpc; ULONG SectorSize;
} DEVICE_OBJECT;
typedef struct _VPB { CSHORT Type; CSHORT Size; USHORT Flags; USHORT VolumeLabelLength;
    struct _DEVICE_OBJECT *DeviceObject; struct _DEVICE_OBJECT *RealDevice; ULONG SerialNumber;
    ULONG ReferenceCount; } VPB;
typedef struct _SECTION_OBJECT_POINTERS { PVOID DataSectionObject; PVOID SharedCacheMap; PVOID ImageSectionObject; }
    SECTION_OBJECT_POINTERS, *PSECTION_OBJECT_POINTERS;
typedef struct _FILE_OBJECT {
    CSHORT Type; CSHORT Size; PDEVICE_OBJECT DeviceObject; PVPB Vpb; PVOID FsContext; PVOID FsContext2;
    PSECTION_OBJECT_POINTERS SectionObjectPointer; PVOID PrivateCacheMap; NTSTATUS FinalStatus;
    struct _FILE_OBJECT *RelatedFileObject; BOOLEAN LockOperation; BOOLEAN DeletePending; BOOLEAN ReadAccess;
    BOOLEAN WriteAccess; BOOLEAN DeleteAccess; ULONG Flags; UNICODE_STRING FileName;
    LARGE_INTEGER CurrentByteOffset; KEVENT Lock; KEVENT Event;
} FILE_OBJECT;
typedef struct _IO_STACK_LOCATION {
    UCHAR MajorFunction; UCHAR MinorFunction; UCHAR Flags; UCHAR Control;
    union {
        struct { PVOID SecurityContext; ULONG Options; USHORT FileAttributes; USHORT ShareAccess;
                 ULONG EaLength; } Create;
        struct { ULONG Length; ULONG Key; LARGE_INTEGER ByteOffset; } Read;
        struct { ULONG Length; ULONG Key; LARGE_INTEGER ByteOffset; } Write;
        struct { ULONG Length; PUNICODE_STRING FileName; ULONG FileInformationClass; ULONG FileIndex; }
            QueryDirectory;
        struct { ULONG Length; ULONG FileInformationClass; } QueryFile;
        struct { ULONG Length; ULONG FileInformationClass; PFILE_OBJECT FileObject; } SetFile;
        struct { ULONG Length; ULONG FsInformationClass; } QueryVolume;
        struct { ULONG OutputBufferLength; ULONG InputBufferLength; ULONG FsControlCode;
                 PVOID Type3InputBuffer; } FileSystemControl;
        struct { ULONG OutputBufferLength; ULONG InputBufferLength; ULONG IoControlCode;
                 PVOID Type3InputBuffer; } DeviceIoControl;
        struct { PVPB Vpb; PDEVICE_OBJECT DeviceObject; } MountVolume;
        struct { PVPB Vpb; PDEVICE_OBJECT DeviceObject; } VerifyVolume;
        struct { DEVICE_RELATION_TYPE Type; } QueryDeviceRelations;
        struct { PCM_RESOURCE_LIST AllocatedResources; PCM_RESOURCE_LIST AllocatedResourcesTranslated; }
            StartDevice;
        struct { ULONG SystemContext; POWER_STATE_TYPE Type; POWER_STATE State; ULONG ShutdownType; } Power;
        struct { PVOID Argument1; PVOID Argument2; PVOID Argument3; PVOID Argument4; } Others;
    } Parameters;
    PDEVICE_OBJECT DeviceObject;
    PFILE_OBJECT FileObject;
    PIO_COMPLETION_ROUTINE CompletionRoutine;
    PVOID Context;
} IO_STACK_LOCATION;
typedef struct _IRP {
    CSHORT Type; USHORT Size; PMDL MdlAddress; ULONG Flags;
    union { struct _IRP *MasterIrp; LONG IrpCount; PVOID SystemBuffer; } AssociatedIrp;
    LIST_ENTRY ThreadListEntry; IO_STATUS_BLOCK IoStatus; KPROCESSOR_MODE RequestorMode;
    BOOLEAN PendingReturned; CHAR StackCount; CHAR CurrentLocation; BOOLEAN Cancel; KIRQL CancelIrql;
    PDRIVER_CANCEL CancelRoutine; PVOID UserBuffer;
    union {
        struct {
            union { KDEVICE_QUEUE_ENTRY DeviceQueueEntry; struct { PVOID DriverContext[4]; }; };
            PETHREAD Thread; PCHAR AuxiliaryBuffer;
            struct { LIST_ENTRY ListEntry; union { PIO_STACK_LOCATION CurrentStackLocation; ULONG PacketType; }; };
            PFILE_OBJECT OriginalFileObject;
        } Overlay;
    } Tail;
} IRP;

PIO_STACK_LOCATION IoGetCurrentIrpStackLocation(PIRP Irp);
PIO_STACK_LOCATION IoGetNextIrpStackLocation(PIRP Irp);
VOID IoSkipCurrentIrpStackLocation(PIRP Irp);
VOID IoCopyCurrentIrpStackLocationToNext(PIRP Irp);
VOID IoSetNextIrpStackLocation(PIRP Irp);
VOID IoMarkIrpPending(PIRP Irp);
VOID IoCompleteRequest(PIRP Irp, CCHAR PriorityBoost);
NTSTATUS IoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
NTSTATUS PoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
VOID PoStartNextPowerIrp(PIRP Irp);
NTSTATUS PoRequestPowerIrp(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction, POWER_STATE PowerState,
                           PREQUEST_POWER_COMPLETE CompletionFunction, PVOID Context, PIRP *Irp);
POWER_STATE PoSetPowerState(PDEVICE_OBJECT DeviceObject, POWER_STATE_TYPE Type, POWER_STATE State);
VOID IoSetCompletionRoutine(PIRP Irp, PIO_COMPLETION_ROUTINE CompletionRoutine, PVOID Context,
                            BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError, BOOLEAN InvokeOnCancel);
NTSTATUS IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp, PIO_COMPLETION_ROUTINE CompletionRoutine,
                                  PVOID Context, BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError,
                                  BOOLEAN InvokeOnCancel);
PDRIVER_CANCEL IoSetCancelRoutine(PIRP Irp, PDRIVER_CANCEL CancelRoutine);
VOID IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key, PDRIVER_CANCEL CancelFunction);
VOID IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable);
VOID IoInitializeDpcRequest(PDEVICE_OBJECT DeviceObject, PIO_DPC_ROUTINE DpcRoutine);
VOID IoRequestDpc(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context);
VOID KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext);
BOOLEAN KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2);
BOOLEAN KeRemoveQueueDpc(PRKDPC Dpc);
VOID KeInitializeTimer(PKTIMER Timer);
BOOLEAN KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
BOOLEAN KeCancelTimer(PKTIMER Timer);
BOOLEAN KeSynchronizeExecution(PKINTERRUPT Interrupt, PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
                               PVOID SynchronizeContext);
NTSTATUS IoConnectInterrupt(PKINTERRUPT *InterruptObject, PKSERVICE_ROUTINE ServiceRoutine, PVOID ServiceContext,
                            PKSPIN_LOCK SpinLock, ULONG Vector, KIRQL Irql, KIRQL SynchronizeIrql,
                            KINTERRUPT_MODE InterruptMode, BOOLEAN ShareVector, KAFFINITY ProcessorEnableMask,
                            BOOLEAN FloatingSave);
typedef struct _IO_CONNECT_INTERRUPT_PARAMETERS {
    ULONG Version;
    struct { PDEVICE_OBJECT PhysicalDeviceObject; PKINTERRUPT *InterruptObject;
             PKSERVICE_ROUTINE ServiceRoutine; PVOID ServiceContext; } FullySpecified;
} IO_CONNECT_INTERRUPT_PARAMETERS, *PIO_CONNECT_INTERRUPT_PARAMETERS;
NTSTATUS IoConnectInterruptEx(PIO_CONNECT_INTERRUPT_PARAMETERS Parameters);
VOID IoDisconnectInterrupt(PKINTERRUPT InterruptObject);
PIO_WORKITEM IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject);
VOID IoFreeWorkItem(PIO_WORKITEM IoWorkItem);
VOID IoQueueWorkItem(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE WorkerRoutine, WORK_QUEUE_TYPE QueueType,
                     PVOID Context);
VOID IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE_EX WorkerRoutine, WORK_QUEUE_TYPE QueueType,
                       PVOID Context);
VOID ExInitializeWorkItem(PWORK_QUEUE_ITEM Item, PWORKER_THREAD_ROUTINE Routine, PVOID Context);
VOID ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE QueueType);
NTSTATUS PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                              HANDLE ProcessHandle, PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
                              PVOID StartContext);
NTSTATUS PsTerminateSystemThread(NTSTATUS ExitStatus);
NTSTATUS IoRegisterPlugPlayNotification(IO_NOTIFICATION_EVENT_CATEGORY EventCategory, ULONG EventCategoryFlags,
                                        PVOID EventCategoryData, PDRIVER_OBJECT DriverObject,
                                        PDRIVER_NOTIFICATION_CALLBACK_ROUTINE CallbackRoutine, PVOID Context,
                                        PVOID *NotificationEntry);
NTSTATUS IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize, PUNICODE_STRING DeviceName,
                        DEVICE_TYPE DeviceType, ULONG DeviceCharacteristics, BOOLEAN Exclusive,
                        PDEVICE_OBJECT *DeviceObject);
VOID IoDeleteDevice(PDEVICE_OBJECT DeviceObject);
PDEVICE_OBJECT IoAttachDeviceToDeviceStack(PDEVICE_OBJECT SourceDevice, PDEVICE_OBJECT TargetDevice);
VOID IoDetachDevice(PDEVICE_OBJECT TargetDevice);
NTSTATUS IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName);
NTSTATUS IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName);
NTSTATUS IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject, const GUID *InterfaceClassGuid,
                                   PUNICODE_STRING ReferenceString, PUNICODE_STRING SymbolicLinkName);
NTSTATUS IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName, BOOLEAN Enable);
VOID IoRegisterFileSystem(PDEVICE_OBJECT DeviceObject);
VOID IoUnregisterFileSystem(PDEVICE_OBJECT DeviceObject);
PIRP IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota);
VOID IoFreeIrp(PIRP Irp);
PIRP IoBuildSynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject, PVOID Buffer, ULONG Length,
                                  PLARGE_INTEGER StartingOffset, PKEVENT Event, PIO_STATUS_BLOCK IoStatusBlock);
PIRP IoBuildDeviceIoControlRequest(ULONG IoControlCode, PDEVICE_OBJECT DeviceObject, PVOID InputBuffer,
                                   ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength,
                                   BOOLEAN InternalDeviceIoControl, PKEVENT Event, PIO_STATUS_BLOCK IoStatusBlock);
BOOLEAN IoIsOperationSynchronous(PIRP Irp);
PDEVICE_OBJECT IoGetRelatedDeviceObject(PFILE_OBJECT FileObject);
PMDL IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp);
VOID IoFreeMdl(PMDL Mdl);
VOID MmProbeAndLockPages(PMDL Mdl, KPROCESSOR_MODE AccessMode, LOCK_OPERATION Operation);
VOID MmUnlockPages(PMDL Mdl);
PVOID MmGetSystemAddressForMdlSafe(PMDL Mdl, ULONG Priority);
VOID ObReferenceObject(PVOID Object);
VOID ObDereferenceObject(PVOID Object);
LONG InterlockedIncrement(LONG volatile *Addend);
LONG InterlockedDecrement(LONG volatile *Addend);
LONG InterlockedExchange(LONG volatile *Target, LONG Value);
LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comperand);
PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value);
/*
 * The list helpers, with bodies as the WDK's inline ones have: a loop that tests a list head's
 * links itself sees what a removal did to them (the analysis follows a function that writes what
 * its callers test), and two IsListEmpty tests of one list with nothing changing it between them
 * give the same answer (the analysis follows a function without side effects whose value is
 * compared across calls).
 */
FORCEINLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
    return (BOOLEAN)(ListHead->Flink == ListHead);
}
FORCEINLINE VOID InitializeListHead(PLIST_ENTRY ListHead)
{
    ListHead->Flink = ListHead;
    ListHead->Blink = ListHead;
}
FORCEINLINE VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
    PLIST_ENTRY Last = ListHead->Blink;
    Entry->Flink = ListHead;
    Entry->Blink = Last;
    Last->Flink = Entry;
    ListHead->Blink = Entry;
}
FORCEINLINE VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
    PLIST_ENTRY First = ListHead->Flink;
    Entry->Flink = First;
    Entry->Blink = ListHead;
    First->Blink = Entry;
    ListHead->Flink = Entry;
}
FORCEINLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
    PLIST_ENTRY Entry = ListHead->Flink;
    PLIST_ENTRY Next = Entry->Flink;
    ListHead->Flink = Next;
    Next->Blink = ListHead;
    return Entry;
}
FORCEINLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
    PLIST_ENTRY Entry = ListHead->Blink;
    PLIST_ENTRY Previous = Entry->Blink;
    ListHead->Blink = Previous;
    Previous->Flink = ListHead;
    return Entry;
}
FORCEINLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
    PLIST_ENTRY Previous = Entry->Blink;
    PLIST_ENTRY Next = Entry->Flink;
    Previous->Flink = Next;
    Next->Blink = Previous;
    return (BOOLEAN)(Previous == Next);
}
VOID RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);
VOID RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString);
BOOLEAN RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive);
LONG RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive);
NTSTATUS RtlUnicodeStringCopy(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString);
NTSTATUS RtlStringCchCopyW(PWSTR Dest, SIZE_T cchDest, PCWSTR Src);
NTSTATUS RtlStringCbPrintfW(PWSTR Dest, SIZE_T cbDest, PCWSTR Format, ...);
NTSTATUS ZwClose(HANDLE Handle);
NTSTATUS ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess, PVOID ObjectType,
                                   KPROCESSOR_MODE AccessMode, PVOID *Object, PVOID HandleInformation);
LARGE_INTEGER KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency);
VOID KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
#define RTL_CONSTANT_STRING(s) { sizeof(s) - sizeof((s)[0]), sizeof(s), s }
#define DECLARE_CONST_UNICODE_STRING(n, s) const UNICODE_STRING n = RTL_CONSTANT_STRING(s)
#define DECLARE_UNICODE_STRING_SIZE(n, s) WCHAR n##_buffer[s]; UNICODE_STRING n = { 0, (s) * sizeof(WCHAR), n##_buffer }

/* ---- file-system runtime and cache manager ---- */
typedef struct _FSRTL_COMMON_FCB_HEADER {
    CSHORT NodeTypeCode; CSHORT NodeByteSize; UCHAR Flags; UCHAR IsFastIoPossible; UCHAR Flags2; UCHAR Reserved;
    PERESOURCE Resource; PERESOURCE PagingIoResource;
    LARGE_INTEGER AllocationSize; LARGE_INTEGER FileSize; LARGE_INTEGER ValidDataLength;
} FSRTL_COMMON_FCB_HEADER, *PFSRTL_COMMON_FCB_HEADER;
typedef struct _FSRTL_ADVANCED_FCB_HEADER {
    FSRTL_COMMON_FCB_HEADER DUMMYSTRUCTNAME; PFAST_MUTEX FastMutex; LIST_ENTRY FilterContexts;
} FSRTL_ADVANCED_FCB_HEADER, *PFSRTL_ADVANCED_FCB_HEADER;
typedef struct _SHARE_ACCESS { ULONG OpenCount; ULONG Readers; ULONG Writers; ULONG Deleters; } SHARE_ACCESS;
typedef struct _FILE_LOCK_INFO {
    LARGE_INTEGER StartingByte; LARGE_INTEGER Length; BOOLEAN ExclusiveLock; ULONG Key;
    PFILE_OBJECT FileObject; PVOID ProcessId; LARGE_INTEGER EndingByte;
} FILE_LOCK_INFO, *PFILE_LOCK_INFO;
typedef struct _FILE_LOCK {
    PVOID CompleteLockIrpRoutine; PVOID UnlockRoutine; BOOLEAN FastIoIsQuestionable; BOOLEAN SpareC[3];
    PVOID LockInformation; FILE_LOCK_INFO LastReturnedLockInfo; PVOID LastReturnedLock;
    LONG volatile LockRequestsInProgress;
} FILE_LOCK, *PFILE_LOCK;
typedef struct _TUNNEL {
    FAST_MUTEX Mutex; PRTL_SPLAY_LINKS Cache; LIST_ENTRY TimerQueue; USHORT NumEntries;
} TUNNEL, *PTUNNEL;
typedef struct _OPLOCK *POPLOCK;
typedef BOOLEAN ACQUIRE_FOR_LAZY_WRITE(_In_ PVOID Context, _In_ BOOLEAN Wait);
typedef ACQUIRE_FOR_LAZY_WRITE *PACQUIRE_FOR_LAZY_WRITE;
typedef VOID RELEASE_FROM_LAZY_WRITE(_In_ PVOID Context);
typedef RELEASE_FROM_LAZY_WRITE *PRELEASE_FROM_LAZY_WRITE;
typedef BOOLEAN ACQUIRE_FOR_READ_AHEAD(_In_ PVOID Context, _In_ BOOLEAN Wait);
typedef ACQUIRE_FOR_READ_AHEAD *PACQUIRE_FOR_READ_AHEAD;
typedef VOID RELEASE_FROM_READ_AHEAD(_In_ PVOID Context);
typedef RELEASE_FROM_READ_AHEAD *PRELEASE_FROM_READ_AHEAD;
typedef struct _CACHE_MANAGER_CALLBACKS {
    PACQUIRE_FOR_LAZY_WRITE AcquireForLazyWrite; PRELEASE_FROM_LAZY_WRITE ReleaseFromLazyWrite;
    PACQUIRE_FOR_READ_AHEAD AcquireForReadAhead; PRELEASE_FROM_READ_AHEAD ReleaseFromReadAhead;
} CACHE_MANAGER_CALLBACKS, *PCACHE_MANAGER_CALLBACKS;
typedef struct _CC_FILE_SIZES { LARGE_INTEGER AllocationSize; LARGE_INTEGER FileSize; LARGE_INTEGER ValidDataLength; }
    CC_FILE_SIZES, *PCC_FILE_SIZES;
#define FSRTL_FLAG_ACQUIRE_MAIN_RSRC_EX 0x08
#define FSRTL_FSP_TOP_LEVEL_IRP ((LONG_PTR)0x01)
#define FSRTL_CACHE_TOP_LEVEL_IRP ((LONG_PTR)0x02)
#define FSRTL_MOD_WRITE_TOP_LEVEL_IRP ((LONG_PTR)0x03)
#define FSRTL_FAST_IO_TOP_LEVEL_IRP ((LONG_PTR)0x04)
VOID FsRtlInitializeFileLock(PFILE_LOCK FileLock, PVOID CompleteLockIrpRoutine, PVOID UnlockRoutine);
NTSTATUS FsRtlProcessFileLock(PFILE_LOCK FileLock, PIRP Irp, PVOID Context);
VOID FsRtlNotifyFullReportChange(PVOID NotifySync, PLIST_ENTRY NotifyList, PSTRING FullTargetName,
                                 USHORT TargetNameOffset, PSTRING StreamName, PSTRING NormalizedParentName,
                                 ULONG FilterMatch, ULONG Action, PVOID TargetContext);
NTSTATUS FsRtlOplockFsctrl(POPLOCK Oplock, PIRP Irp, ULONG OpenCount);
NTSTATUS FsRtlCheckOplock(POPLOCK Oplock, PIRP Irp, PVOID Context, PVOID CompletionRoutine, PVOID PostIrpRoutine);
BOOLEAN FsRtlIsNameInExpression(PUNICODE_STRING Expression, PUNICODE_STRING Name, BOOLEAN IgnoreCase,
                                PWCH UpcaseTable);
PIRP IoGetTopLevelIrp(VOID);
VOID IoSetTopLevelIrp(PIRP Irp);
VOID IoCheckShareAccess(ACCESS_MASK DesiredAccess, ULONG DesiredShareAccess, PFILE_OBJECT FileObject,
                        SHARE_ACCESS *ShareAccess, BOOLEAN Update);
VOID IoSetShareAccess(ACCESS_MASK DesiredAccess, ULONG DesiredShareAccess, PFILE_OBJECT FileObject,
                      SHARE_ACCESS *ShareAccess);
VOID IoRemoveShareAccess(PFILE_OBJECT FileObject, SHARE_ACCESS *ShareAccess);
VOID CcInitializeCacheMap(PFILE_OBJECT FileObject, PCC_FILE_SIZES FileSizes, BOOLEAN PinAccess,
                          PCACHE_MANAGER_CALLBACKS Callbacks, PVOID LazyWriteContext);
BOOLEAN CcUninitializeCacheMap(PFILE_OBJECT FileObject, PLARGE_INTEGER TruncateSize, PVOID UninitializeEvent);
BOOLEAN CcCopyRead(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Wait, PVOID Buffer,
                   PIO_STATUS_BLOCK IoStatus);
BOOLEAN CcCopyWrite(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Wait, PVOID Buffer);
VOID CcFlushCache(PSECTION_OBJECT_POINTERS SectionObjectPointer, PLARGE_INTEGER FileOffset, ULONG Length,
                  PIO_STATUS_BLOCK IoStatus);
BOOLEAN CcPurgeCacheSection(PSECTION_OBJECT_POINTERS SectionObjectPointer, PLARGE_INTEGER FileOffset, ULONG Length,
                            BOOLEAN UninitializeCacheMaps);
VOID CcSetFileSizes(PFILE_OBJECT FileObject, PCC_FILE_SIZES FileSizes);
#define PIN_WAIT 1
#define PIN_EXCLUSIVE 2
#define PIN_NO_READ 4
#define PIN_IF_BCB 8
BOOLEAN CcPinRead(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG Flags, PVOID *Bcb,
    PVOID *Buffer);
BOOLEAN CcMapData(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG Flags, PVOID *Bcb,
    PVOID *Buffer);
BOOLEAN CcPreparePinWrite(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Zero,
    ULONG Flags, PVOID *Bcb, PVOID *Buffer);
VOID CcSetDirtyPinnedData(PVOID BcbVoid, PLARGE_INTEGER Lsn);
VOID CcUnpinData(PVOID Bcb);
#define CcGetFileSizePointer(FO) (((PLARGE_INTEGER)((FO)->SectionObjectPointer->SharedCacheMap)) + 1)
BOOLEAN MmCanFileBeTruncated(PSECTION_OBJECT_POINTERS SectionPointer, PLARGE_INTEGER NewFileSize);
BOOLEAN MmFlushImageSection(PSECTION_OBJECT_POINTERS SectionPointer, ULONG FlushType);
DECLSPEC_NORETURN VOID ExRaiseStatus(NTSTATUS Status);
DECLSPEC_NORETURN VOID ExRaiseAccessViolation(VOID);
DECLSPEC_NORETURN VOID ExRaiseDatatypeMisalignment(VOID);
BOOLEAN FsRtlIsNtstatusExpected(NTSTATUS Exception);
NTSTATUS FsRtlNormalizeNtstatus(NTSTATUS Exception, NTSTATUS GenericException);
#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)
typedef struct _EXCEPTION_RECORD { NTSTATUS ExceptionCode; ULONG ExceptionFlags; PVOID ExceptionAddress; }
    EXCEPTION_RECORD, *PEXCEPTION_RECORD;
typedef struct _EXCEPTION_POINTERS { PEXCEPTION_RECORD ExceptionRecord; PVOID ContextRecord; }
    EXCEPTION_POINTERS, *PEXCEPTION_POINTERS;

/* ---- filter manager (fltKernel.h) ---- */
typedef struct _FLT_FILTER *PFLT_FILTER;
typedef struct _FLT_INSTANCE *PFLT_INSTANCE;
typedef struct _FLT_VOLUME *PFLT_VOLUME;
typedef struct _FLT_PORT *PFLT_PORT;
typedef PVOID PFLT_CONTEXT;
typedef struct _FLT_IO_PARAMETER_BLOCK {
    ULONG IrpFlags; UCHAR MajorFunction; UCHAR MinorFunction; UCHAR OperationFlags; UCHAR Reserved;
    PFILE_OBJECT TargetFileObject; PFLT_INSTANCE TargetInstance;
} FLT_IO_PARAMETER_BLOCK, *PFLT_IO_PARAMETER_BLOCK;
typedef struct _FLT_CALLBACK_DATA {
    ULONG Flags; PETHREAD Thread; PFLT_IO_PARAMETER_BLOCK Iopb; IO_STATUS_BLOCK IoStatus;
    KPROCESSOR_MODE RequestorMode;
} FLT_CALLBACK_DATA, *PFLT_CALLBACK_DATA;
typedef struct _FLT_RELATED_OBJECTS {
    USHORT Size; USHORT TransactionContext; PFLT_FILTER Filter; PFLT_VOLUME Volume; PFLT_INSTANCE Instance;
    PFILE_OBJECT FileObject;
} FLT_RELATED_OBJECTS, *PFLT_RELATED_OBJECTS;
typedef const FLT_RELATED_OBJECTS *PCFLT_RELATED_OBJECTS;
typedef enum _FLT_PREOP_CALLBACK_STATUS { FLT_PREOP_SUCCESS_WITH_CALLBACK, FLT_PREOP_SUCCESS_NO_CALLBACK,
    FLT_PREOP_PENDING, FLT_PREOP_DISALLOW_FASTIO, FLT_PREOP_COMPLETE, FLT_PREOP_SYNCHRONIZE }
    FLT_PREOP_CALLBACK_STATUS;
typedef enum _FLT_POSTOP_CALLBACK_STATUS { FLT_POSTOP_FINISHED_PROCESSING, FLT_POSTOP_MORE_PROCESSING_REQUIRED }
    FLT_POSTOP_CALLBACK_STATUS;
typedef ULONG FLT_POST_OPERATION_FLAGS;
typedef ULONG FLT_FILTER_UNLOAD_FLAGS;
typedef ULONG FLT_INSTANCE_SETUP_FLAGS;
typedef ULONG DEVICE_TYPE_FLT;
typedef FLT_PREOP_CALLBACK_STATUS PFLT_PRE_OPERATION_CALLBACK_FN(PFLT_CALLBACK_DATA Data,
    PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext);
typedef PFLT_PRE_OPERATION_CALLBACK_FN *PFLT_PRE_OPERATION_CALLBACK;
typedef FLT_POSTOP_CALLBACK_STATUS PFLT_POST_OPERATION_CALLBACK_FN(PFLT_CALLBACK_DATA Data,
    PCFLT_RELATED_OBJECTS FltObjects, PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags);
typedef PFLT_POST_OPERATION_CALLBACK_FN *PFLT_POST_OPERATION_CALLBACK;
typedef NTSTATUS PFLT_FILTER_UNLOAD_CALLBACK_FN(FLT_FILTER_UNLOAD_FLAGS Flags);
typedef PFLT_FILTER_UNLOAD_CALLBACK_FN *PFLT_FILTER_UNLOAD_CALLBACK;
typedef NTSTATUS PFLT_INSTANCE_SETUP_CALLBACK_FN(PCFLT_RELATED_OBJECTS FltObjects, FLT_INSTANCE_SETUP_FLAGS Flags,
    ULONG VolumeDeviceType, ULONG VolumeFilesystemType);
typedef PFLT_INSTANCE_SETUP_CALLBACK_FN *PFLT_INSTANCE_SETUP_CALLBACK;
typedef struct _FLT_OPERATION_REGISTRATION {
    UCHAR MajorFunction; ULONG Flags; PFLT_PRE_OPERATION_CALLBACK PreOperation;
    PFLT_POST_OPERATION_CALLBACK PostOperation; PVOID Reserved1;
} FLT_OPERATION_REGISTRATION, *PFLT_OPERATION_REGISTRATION;
typedef struct _FLT_CONTEXT_REGISTRATION { USHORT ContextType; USHORT Flags; PVOID ContextCleanupCallback;
    SIZE_T Size; ULONG PoolTag; } FLT_CONTEXT_REGISTRATION;
typedef struct _FLT_REGISTRATION {
    USHORT Size; USHORT Version; ULONG Flags; const FLT_CONTEXT_REGISTRATION *ContextRegistration;
    const FLT_OPERATION_REGISTRATION *OperationRegistration; PFLT_FILTER_UNLOAD_CALLBACK FilterUnloadCallback;
    PFLT_INSTANCE_SETUP_CALLBACK InstanceSetupCallback; PVOID InstanceQueryTeardownCallback;
    PVOID InstanceTeardownStartCallback; PVOID InstanceTeardownCompleteCallback;
    PVOID GenerateFileNameCallback; PVOID NormalizeNameComponentCallback; PVOID NormalizeContextCleanupCallback;
} FLT_REGISTRATION, *PFLT_REGISTRATION;
#define FLT_REGISTRATION_VERSION 0x0203
#define IRP_MJ_OPERATION_END ((UCHAR)0x80)
#define FLT_CONTEXT_END 0xffff
#define FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO 0x00000001
#define FLT_IS_FASTIO_OPERATION(D) FlagOn((D)->Flags, 0x00000002)
#define FLT_IS_IRP_OPERATION(D) FlagOn((D)->Flags, 0x00000001)
#define FLTFL_POST_OPERATION_DRAINING 0x00000001
NTSTATUS FltRegisterFilter(PDRIVER_OBJECT Driver, const FLT_REGISTRATION *Registration, PFLT_FILTER *RetFilter);
VOID FltUnregisterFilter(PFLT_FILTER Filter);
NTSTATUS FltStartFiltering(PFLT_FILTER Filter);
_Acquires_exclusive_lock_(*Resource)
VOID FltAcquireResourceExclusive(_Inout_ PERESOURCE Resource);
_Acquires_shared_lock_(*Resource)
VOID FltAcquireResourceShared(_Inout_ PERESOURCE Resource);
_Releases_lock_(*Resource)
VOID FltReleaseResource(_Inout_ PERESOURCE Resource);
NTSTATUS FltAllocateContext(PFLT_FILTER Filter, USHORT ContextType, SIZE_T ContextSize, POOL_TYPE PoolType,
                            PFLT_CONTEXT *ReturnedContext);
VOID FltReleaseContext(PFLT_CONTEXT Context);
NTSTATUS FltGetStreamContext(PFLT_INSTANCE Instance, PFILE_OBJECT FileObject, PFLT_CONTEXT *Context);
NTSTATUS FltSetStreamContext(PFLT_INSTANCE Instance, PFILE_OBJECT FileObject, ULONG Operation,
                             PFLT_CONTEXT NewContext, PFLT_CONTEXT *OldContext);
NTSTATUS FltGetFileNameInformation(PFLT_CALLBACK_DATA CallbackData, ULONG NameOptions, PVOID *FileNameInformation);
VOID FltReleaseFileNameInformation(PVOID FileNameInformation);
VOID FltCompletePendedPreOperation(PFLT_CALLBACK_DATA CallbackData, FLT_PREOP_CALLBACK_STATUS CallbackStatus,
                                   PVOID Context);
BOOLEAN FltDoCompletionProcessingWhenSafe(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags, PFLT_POST_OPERATION_CALLBACK SafePostCallback,
    FLT_POSTOP_CALLBACK_STATUS *RetPostOperationStatus);
VOID FltObjectDereference(PVOID FltObject);
#define FLT_STREAM_CONTEXT 0x0004
#define FLT_FILE_NAME_NORMALIZED 0x01
#define FLT_FILE_NAME_QUERY_DEFAULT 0x0100

#endif /* OPENSDV_WDK_H */
