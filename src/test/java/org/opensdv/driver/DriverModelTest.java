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
}
