package org.opensdv.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensdv.lower.ProgramBuilder;
import org.opensdv.project.CompilerOptions;
import org.opensdv.project.InputCollector;
import org.opensdv.project.Project;

class DriverModelTest {
    private static DriverModel model(String driver) {
        Project project = InputCollector.collect(List.of(Path.of("src/test/resources/drivers", driver)),
                new CompilerOptions(List.of(), Map.of()));
        return DriverModel.of(ProgramBuilder.build(project, 2).program(), project::isOwnFile);
    }

    private static Map<String, String> roles(DriverModel m) {
        Map<String, String> out = new java.util.TreeMap<>();
        m.routines().forEach(r -> out.put(r.name(), r.role() + (r.detail() == null ? "" : " " + r.detail())));
        return out;
    }

    @Test
    void declaredAndRegisteredRolesAcrossFiles() {
        DriverModel m = model("acqcard");
        Map<String, String> roles = roles(m);
        assertThat(roles).containsValue("DriverEntry").containsValue("AddDevice").containsValue("StartIo")
                .containsValue("Unload").containsValue("DpcForIsr").containsValue("CustomDpc").containsValue("Cancel")
                .containsValue("Isr");
        Routine pnp = m.routines().stream().filter(r -> "IRP_MJ_PNP".equals(r.detail())).findFirst().orElseThrow();
        assertThat(pnp.pathNames()).containsEntry("IRP_MN_START_DEVICE", "StartDevice")
                .containsEntry("IRP_MN_REMOVE_DEVICE", "RemoveDevice");
    }

    @Test
    void workItemsThreadsAndCompletionRoutinesAreRoutines() {
        Map<String, String> roles = roles(model("cachedisk"));
        assertThat(roles).containsValue("SystemThread").containsValue("WorkItem").containsValue("CompletionRoutine");
    }

    @Test
    void callbacksThatReturnHoldingByContractAreNotRoutines() {
        DriverModel m = model("fatlike");
        assertThat(m.holdingByContract()).isNotEmpty();
        assertThat(m.routines()).noneMatch(r -> m.holdingByContract().contains(r.name()));
    }

    /**
     * Raise and bug-check functions are known not to return wherever they are declared (a header,
     * the source, the WDK prelude), in each spelling; a comment or a macro definition before an
     * ordinary declaration does not make it one.
     */
    @Test
    void functionsDeclaredNeverToReturnAreKnownInEverySpelling(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("nr.h"), """
                DECLSPEC_NORETURN
                VOID
                NrRaise (
                    _In_ NTSTATUS Status
                    );

                __declspec(noreturn) VOID NrFail(VOID);

                //  Not DECLSPEC_NORETURN: it returns when the status is a success.
                VOID NrCheck(NTSTATUS Status);

                #define NR_NORETURN DECLSPEC_NORETURN
                VOID NrLog(NTSTATUS Status);
                """);
        java.nio.file.Files.writeString(dir.resolve("nr.c"), """
                #include <ntifs.h>
                #include "nr.h"

                _Analysis_noreturn_ VOID NrStop(VOID) { KeBugCheckEx(1, 0, 0, 0, 0); }

                VOID NrRaise(NTSTATUS Status) { ExRaiseStatus(Status); }
                VOID NrCheck(NTSTATUS Status) { if (!NT_SUCCESS(Status)) { NrRaise(Status); } }
                """);
        Project project = InputCollector.collect(List.of(dir), new CompilerOptions(List.of(), Map.of()));
        DriverModel m = DriverModel.of(ProgramBuilder.build(project, 1).program(), project::isOwnFile);

        assertThat(List.of("NrRaise", "NrFail", "NrStop", "ExRaiseStatus", "KeBugCheckEx"))
                .allMatch(m::doesNotReturn);
        assertThat(List.of("NrCheck", "NrLog", "ExAcquireResourceExclusiveLite")).noneMatch(m::doesNotReturn);
    }

    @Test
    void memoryFillsAreTheLibrarysUnlessTheDriverDefinesOne(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("mf.c"), """
                #include <ntifs.h>

                //  A driver's own routine that happens to share a library name.
                VOID RtlSecureZeroMemory(PVOID Buffer, SIZE_T Length) { UNREFERENCED_PARAMETER(Buffer); }
                """);
        Project project = InputCollector.collect(List.of(dir), new CompilerOptions(List.of(), Map.of()));
        DriverModel m = DriverModel.of(ProgramBuilder.build(project, 1).program(), project::isOwnFile);

        assertThat(m.memoryFill("memset")).isEqualTo(new DriverModel.Fill(0, 1, -1));
        assertThat(m.memoryFill("RtlZeroMemory")).isEqualTo(new DriverModel.Fill(0, -1, -1));
        assertThat(m.memoryFill("RtlFillMemory")).isEqualTo(new DriverModel.Fill(0, 2, -1));
        assertThat(m.memoryFill("memcpy")).isEqualTo(new DriverModel.Fill(0, -1, 1));
        assertThat(m.memoryFill("RtlSecureZeroMemory")).isNull();
        assertThat(m.memoryFill("RtlCopyMemory")).isNull();
    }
}
