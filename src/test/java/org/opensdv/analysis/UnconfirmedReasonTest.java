package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A routine whose every path was explored, but whose candidate defect was seen only on states a
 * join had merged, is Inconclusive with that said — not with an empty reason. A block limit of three
 * states (the table's first resource not held, held once, held twice) makes a callee's loop join
 * iterations that carry different defects for the caller.
 */
class UnconfirmedReasonTest {
    @TempDir
    Path dir;

    @Test
    void aCandidateSeenOnlyOnJoinedStatesIsNamedWithWhy() throws IOException {
        Path file = dir.resolve("purge.c");
        Files.writeString(file, """
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
                """);
        Engine.Budget d = Engine.Budget.defaults();

        RuleResult tight = DriverCheck.check(file, new Engine.Budget(d.maxSteps(), 3, d.maxMillis(), 1));
        RuleResult roomy = DriverCheck.check(file, d);

        assertThat(tight.inconclusive()).singleElement().satisfies(i -> {
            assertThat(i.routine()).isEqualTo("Unload");
            assertThat(i.reason(f -> f)).contains("could not be confirmed on a single path")
                    .contains("were always joined with others").doesNotContain("null");
        });
        assertThat(roomy.inconclusive()).isEmpty();
        assertThat(roomy.defects()).extracting(x -> x.loc().line() + ": " + x.kind())
                .containsExactly("15: acquire-while-held"); // the releases undo every acquisition
    }
}
