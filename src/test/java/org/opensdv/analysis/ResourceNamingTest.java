package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A resource acquired in a helper is named by its address in the routine's terms, unless that
 * says less than the helper's own text: {@code &Table->Buckets[(...)].Resource}, indexed by a
 * value too deep to show, would not say which bucket a rename left held.
 */
class ResourceNamingTest {
    @Test
    void aResourceIndexedByATooDeepValueIsNamedAsTheHelperWroteIt() {
        RuleResult result = DriverCheck.check(ExpectationsTest.DRIVERS.resolve("deephash"), Engine.Budget.defaults());

        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo("&Table->Buckets[New].Resource");
            assertThat(d.message()).contains("&Table->Buckets[New].Resource");
        });
    }
}
