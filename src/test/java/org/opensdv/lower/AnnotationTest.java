package org.opensdv.lower;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.ir.Annotation;

/** SAL lock and role annotations stay visible: each function keeps them with their arguments. */
class AnnotationTest {
    @TempDir
    Path dir;

    @Test
    void lockAnnotationsAreKeptWithTheirArguments() throws IOException {
        Cfg g = Cfg.of(dir, """
                #include <ntifs.h>
                typedef struct _FCB { FSRTL_COMMON_FCB_HEADER Header; } FCB, *PFCB;
                _Requires_lock_held_(_Global_critical_region_)
                _When_(return != 0, _Acquires_exclusive_lock_(*Fcb->Header.Resource))
                BOOLEAN
                AcquireFcb(_In_ PFCB Fcb, _In_ BOOLEAN Wait)
                {
                    return ExAcquireResourceExclusiveLite(Fcb->Header.Resource, Wait);
                }
                """, "AcquireFcb");
        assertThat(g.function().annotations()).extracting(Annotation::name, Annotation::arguments)
                .contains(org.assertj.core.groups.Tuple.tuple("_When_",
                        "return != 0, _Acquires_exclusive_lock_(*Fcb->Header.Resource)"),
                        org.assertj.core.groups.Tuple.tuple("_Requires_lock_held_", "_Global_critical_region_"));
    }

    @Test
    void roleAnnotationsOnDefinitionsAreKept() throws IOException {
        Cfg g = Cfg.of(dir, """
                #include <wdm.h>
                _Function_class_(DRIVER_UNLOAD)
                _IRQL_requires_(PASSIVE_LEVEL)
                VOID Unload(_In_ PDRIVER_OBJECT DriverObject) { UNREFERENCED_PARAMETER(DriverObject); }
                """, "Unload");
        assertThat(g.function().annotations()).extracting(Annotation::name, Annotation::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("_Function_class_", "DRIVER_UNLOAD"));
    }
}
