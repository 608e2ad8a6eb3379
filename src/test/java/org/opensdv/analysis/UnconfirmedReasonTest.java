package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A routine whose every path was explored, but whose candidate defect was seen only on states a
 * join had merged, is Inconclusive with that said — not with an empty reason. A block limit of three
 * states (the table's first resource not held, held once, held twice) makes a callee's loop join
 * iterations that carry different defects for the caller.
 */
class UnconfirmedReasonTest {
    @Test
    void aCandidateSeenOnlyOnJoinedStatesIsNamedWithWhy() {
        Path file = Path.of("src/test/resources/sources/purge/purge.c");
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
                .containsExactly("22: acquire-while-held"); // the releases undo every acquisition
    }

    @Test
    void aCandidateOnStaleRememberedValuesNamesTheFunctions() {
        RuleResult walkvol = DriverCheck.check(Path.of("src/test/resources/drivers/walkvol"), Engine.Budget.defaults());

        assertThat(walkvol.inconclusive()).filteredOn(i -> i.routine().equals("WkSetInformation")).singleElement()
                .satisfies(i -> assertThat(i.reason(f -> f)).contains(
                        "depend on what WkNextBottomUp returns after memory it reads was written: not followed (a loop)"));
        assertThat(walkvol.inconclusive()).filteredOn(i -> i.routine().equals("WkDirectoryControl")).singleElement()
                .satisfies(i -> assertThat(i.reason(f -> f)).contains("depend on what WkFirstLeafLink and"
                        + " WkNextBottomUp return after memory they read was written: not followed (loops)"));
    }
}
