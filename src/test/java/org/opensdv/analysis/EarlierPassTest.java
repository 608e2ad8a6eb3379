package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource taken on an earlier pass of a loop, named through the unknown the loop's join made of
 * its index, is not the one the next pass takes through the same index: the join renames it to an
 * earlier iteration's. Before 30 November 2026 a loop taking the slots that have work pending was
 * a false acquire-while-held.
 */
class EarlierPassTest {
    @TempDir
    Path dir;

    @Test
    void aSlotTakenOnAnEarlierPassIsNotTheNextPasss() throws IOException {
        Files.writeString(dir.resolve("pending.c"), """
                #include <ntddk.h>
                typedef struct _PS_SLOT { ERESOURCE Resource; ULONG Pending; } PS_SLOT;
                typedef struct _PS_DEVICE { ULONG SlotCount; PS_SLOT Slots[16]; } PS_DEVICE, *PPS_DEVICE;
                DRIVER_INITIALIZE DriverEntry;
                _Dispatch_type_(IRP_MJ_FLUSH_BUFFERS) DRIVER_DISPATCH PsFlush;
                _Dispatch_type_(IRP_MJ_SHUTDOWN) DRIVER_DISPATCH PsShutdown;
                VOID PsDrainDevice(_In_ PPS_DEVICE Device);

                NTSTATUS PsFlush(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PPS_DEVICE Device = (PPS_DEVICE)DeviceObject->DeviceExtension;
                    ULONG Index;
                    KeEnterCriticalRegion();
                    for (Index = 0; Index < Device->SlotCount; Index += 1) {
                        if (Device->Slots[Index].Pending != 0) {
                            ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, TRUE);
                        }
                    }
                    PsDrainDevice(Device);
                    for (Index = 0; Index < Device->SlotCount; Index += 1) {
                        if (ExIsResourceAcquiredExclusiveLite(&Device->Slots[Index].Resource)) {
                            ExReleaseResourceLite(&Device->Slots[Index].Resource);
                        }
                    }
                    KeLeaveCriticalRegion();
                    IoCompleteRequest(Irp, IO_NO_INCREMENT);
                    return STATUS_SUCCESS;
                }

                NTSTATUS PsShutdown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PPS_DEVICE Device = (PPS_DEVICE)DeviceObject->DeviceExtension;
                    ULONG Index;
                    KeEnterCriticalRegion();
                    for (Index = 0; Index < Device->SlotCount; Index += 1) {
                        if (Device->Slots[Index].Pending != 0) {
                            ExAcquireResourceExclusiveLite(&Device->Slots[Index].Resource, TRUE);
                        }
                    }
                    PsDrainDevice(Device);
                    KeLeaveCriticalRegion();
                    IoCompleteRequest(Irp, IO_NO_INCREMENT);
                    return STATUS_SUCCESS;
                }

                NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
                {
                    UNREFERENCED_PARAMETER(RegistryPath);
                    DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = PsFlush;
                    DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = PsShutdown;
                    return STATUS_SUCCESS;
                }
                """);

        RuleResult result = DriverCheck.check(dir, Engine.Budget.defaults());

        assertThat(result.defects()).noneMatch(d -> d.kind().equals("acquire-while-held"));
        // the shutdown keeps what it took; the flush's release of every slot it holds, asked of
        // each, is past what the engine can follow (no single pass releases a given earlier slot)
        assertThat(result.defects()).anySatisfy(d -> {
            assertThat(d.function()).isEqualTo("PsShutdown");
            assertThat(d.kind()).isEqualTo("held-at-exit");
        });
    }
}
