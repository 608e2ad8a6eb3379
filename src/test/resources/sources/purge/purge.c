/*
 * One defect: the first loop acquires Table[0] again on its second pass (line 22); the second loop
 * releases every acquisition. With at most three states per block (Table[0] not held, held once,
 * held twice) the callee's loops join passes that carry different defects, and a candidate of
 * Unload's is seen only on joined states: every path explored, the candidate neither confirmed nor
 * refuted (UnconfirmedReasonTest, CitedPlaceTest).
 */
#include <ntifs.h>
ERESOURCE Table[4];
ULONG Count;
VOID AcquireAll(VOID);
DRIVER_UNLOAD Unload;
VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    AcquireAll();
}
VOID AcquireAll(VOID)
{
    ULONG i;
    for (i = 0; i < Count; i++) {
        ExAcquireResourceExclusiveLite(&Table[0], TRUE);
    }
    for (i = 0; i < Count; i++) {
        ExReleaseResourceLite(&Table[0]);
    }
}
