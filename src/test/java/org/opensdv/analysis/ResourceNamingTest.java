package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource is named as the routine wrote it, and one acquired in a helper by its address in the
 * routine's terms, unless that says less than the helper's own text: {@code
 * &Table->Buckets[(...)].Resource}, indexed by a value too deep to show, would not say which
 * bucket a rename left held. A call inside the written text is shown as the call, not as the
 * temporary the IR keeps its value in.
 */
class ResourceNamingTest {
    @TempDir
    Path dir;

    @Test
    void aResourceIndexedByATooDeepValueIsNamedAsTheHelperWroteIt() {
        RuleResult result = DriverCheck.check(ExpectationsTest.DRIVERS.resolve("deephash"), Engine.Budget.defaults());

        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo("&Table->Buckets[New].Resource");
            assertThat(d.message()).contains("&Table->Buckets[New].Resource");
        });
    }

    @Test
    void aSlotALoopsPassKnowsIsNamedByItsNumber() {
        RuleResult result = DriverCheck.check(ExpectationsTest.DRIVERS.resolve("tryslots"), Engine.Budget.defaults());

        Defect close = result.defects().stream().filter(d -> d.function().equals("TsClose")).findFirst().orElseThrow();
        assertThat(close.resource()).isEqualTo("&Device->Slots[0].Resource");
        assertThat(close.trace()).extracting(Step::message)
                .contains("acquires &Device->Slots[0].Resource exclusive")
                .noneMatch(m -> m.contains("fails to acquire &Device->Slots[0]"));
    }

    @Test
    void aCallInsideTheResourceArgumentIsShownAsTheCall() throws IOException {
        Path file = dir.resolve("callarg.c");
        Files.writeString(file, """
                #include <ntifs.h>
                typedef struct _NC_FCB { ERESOURCE Resource; ULONG OpenCount; } NC_FCB, *PNC_FCB;
                DRIVER_INITIALIZE DriverEntry;
                _Dispatch_type_(IRP_MJ_CLEANUP) DRIVER_DISPATCH NcCleanup;

                PNC_FCB NcFcbOf(_In_ PFILE_OBJECT FileObject);

                NTSTATUS NcCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
                {
                    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
                    UNREFERENCED_PARAMETER(DeviceObject);
                    KeEnterCriticalRegion();
                    ExAcquireResourceExclusiveLite(&NcFcbOf(IrpSp->FileObject)->Resource, TRUE);
                    KeLeaveCriticalRegion();
                    return STATUS_SUCCESS;
                }

                NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
                {
                    UNREFERENCED_PARAMETER(RegistryPath);
                    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = NcCleanup;
                    return STATUS_SUCCESS;
                }
                """);

        RuleResult result = DriverCheck.check(List.of(file), Engine.Budget.defaults());

        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo("&NcFcbOf(IrpSp->FileObject)->Resource");
            assertThat(d.trace()).extracting(Step::message).noneMatch(m -> m.contains("$t"));
        });
    }
}
