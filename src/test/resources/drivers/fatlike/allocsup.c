/*++

Module Name:

    AllocSup.c

Abstract:

    Cluster allocation support: the in-memory bitmap of free clusters and
    the FAT chain of a file.

--*/

#include "FatProcs.h"

#define FAT_CLUSTER_FREE            0x00000000
#define FAT_CLUSTER_LAST            0x0FFFFFFF
#define FAT_MAX_CHAIN_LENGTH        0x00100000

static ULONG FatLookupFatEntry (IN PVCB Vcb, IN ULONG Cluster);
static VOID FatSetFatEntry (IN PVCB Vcb, IN ULONG Cluster, IN ULONG Value);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, FatFreeClusters)
#endif

VOID
FatFreeClusters (
    IN PIRP_CONTEXT IrpContext,
    IN PVCB Vcb,
    IN ULONG FirstCluster
    )
/*++

Routine Description:

    Frees the chain of clusters that starts at FirstCluster.  Takes the
    bitmap resource itself.

--*/
{
    ULONG Cluster = FirstCluster;
    ULONG Next;
    ULONG Count = 0;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(IrpContext);

    //
    //  Defect (acquire-while-held, through a macro, across translation
    //  units): FatCommonCleanup (cleanup.c) already holds the bitmap when it
    //  calls here.
    //

    FatLockFreeClusterBitMap(Vcb);      // expect: ExclusiveResourceAccess acquire-while-held

    while (Cluster != FAT_CLUSTER_FREE && Cluster < FAT_CLUSTER_LAST && Count < FAT_MAX_CHAIN_LENGTH) {
        Next = FatLookupFatEntry(Vcb, Cluster);
        FatSetFatEntry(Vcb, Cluster, FAT_CLUSTER_FREE);
        Vcb->FreeClusterCount += 1;
        Cluster = Next;
        Count += 1;
    }

    FatUnlockFreeClusterBitMap(Vcb);
}

static ULONG
FatLookupFatEntry (
    IN PVCB Vcb,
    IN ULONG Cluster
    )
{
    UNREFERENCED_PARAMETER(Vcb);

    //
    //  The FAT itself is read through the cache in the real thing; this
    //  driver only pretends every chain is one cluster long.
    //

    return (Cluster == 0) ? FAT_CLUSTER_FREE : FAT_CLUSTER_LAST;
}

static VOID
FatSetFatEntry (
    IN PVCB Vcb,
    IN ULONG Cluster,
    IN ULONG Value
    )
{
    UNREFERENCED_PARAMETER(Vcb);
    UNREFERENCED_PARAMETER(Cluster);
    UNREFERENCED_PARAMETER(Value);
}
