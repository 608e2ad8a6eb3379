package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opensdv.driver.DriverModel;
import org.opensdv.driver.Routine;

/**
 * A stored summary is reused only for an entry that answers every question its computation asked
 * alike, so reusing it must give what computing it for that entry gives. Every test driver is
 * analysed with each reuse checked against a fresh computation ({@code Engine.auditingReuse}), its
 * routines in their order and then in the reverse order (so that other entries compute the
 * summaries first). A difference is a question a summary fails to ask: results would depend on
 * which routine, or thread, came first.
 */
class SummaryReuseAuditTest {
    @TestFactory
    Stream<DynamicTest> everyReusedSummaryIsTheOneItsEntryGives() throws IOException {
        return ExpectationsTest.drivers().stream().map(d -> DynamicTest.dynamicTest(
                ExpectationsTest.DRIVERS.relativize(d).toString(), () -> {
                    assertThat(mismatches(d, false)).as("routines in order").isEmpty();
                    assertThat(mismatches(d, true)).as("routines in reverse order").isEmpty();
                }));
    }

    private static List<String> mismatches(Path driver, boolean reversed) {
        DriverModel model = DriverCheck.model(List.of(driver), 1);
        Engine engine = new Engine(model, DriverCheck.rule(), Engine.Budget.defaults()).auditingReuse();
        List<Routine> routines = new ArrayList<>(model.routines().stream().filter(engine::reaches).toList());
        if (reversed) {
            Collections.reverse(routines);
        }
        routines.forEach(engine::analyse);
        return engine.reuseMismatches();
    }
}
