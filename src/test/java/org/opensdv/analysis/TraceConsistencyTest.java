package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A trace is one run: a condition that nothing between two of its tests changes comes out the
 * same both times. {@code twoways} tests whether its drain routine was given a volume before its
 * loop and again inside it; the two ways in reach the loop with nothing held, and joined there
 * (before 28 November 2026) they gave traces that passed one test each way.
 */
class TraceConsistencyTest {
    private static final Path DRIVER = ExpectationsTest.DRIVERS.resolve("twoways");

    @Test
    void aParameterTestedBeforeALoopAndInItComesOutAlikeInEveryTrace() {
        RuleResult result = DriverCheck.check(DRIVER, Engine.Budget.defaults());

        assertThat(result.defects()).hasSize(1);
        for (Defect d : result.defects()) {
            Set<String> outcomes = new HashSet<>();
            for (Step s : d.trace()) {
                if (s.kind() == Step.Kind.BRANCH && s.message().startsWith("ARGUMENT_PRESENT(Volume)")) {
                    outcomes.add(s.message().substring("ARGUMENT_PRESENT(Volume)".length()));
                }
            }
            assertThat(outcomes).as("%s at line %d", d.kind(), d.loc().line()).containsExactly(" is false");
        }
    }
}
