package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine's immutable maps and sets behave as a {@link HashMap} / {@link HashSet} would under
 * the same changes, with keys whose hashes collide (the arrays are ordered by hash).
 */
class CopyOnWriteCollectionsTest {

    /** A key with a chosen hash: several keys share each hash. */
    record Key(int hash, int id) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One change: put (value ≥ 0), remove (value < 0), or a put of several at once. */
    record Change(Key key, int value, Map<Key, Integer> many) {
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Key> keys = Combinators.combine(Arbitraries.integers().between(-3, 3),
                Arbitraries.integers().between(0, 4)).as(Key::new);
        Arbitrary<Map<Key, Integer>> many = Arbitraries.maps(keys, Arbitraries.integers().between(0, 3))
                .ofMaxSize(12);
        Arbitrary<Change> change = Combinators.combine(keys, Arbitraries.integers().between(-1, 3),
                Arbitraries.integers().between(0, 5), many)
                .as((k, v, kind, m) -> kind == 0 ? new Change(null, 0, m) : new Change(k, v, null));
        return change.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void aMapChangesAsAHashMapDoes(@ForAll("changes") List<Change> changes) {
        CopyOnWriteMap<Key, Integer> map = CopyOnWriteMap.empty();
        Map<Key, Integer> expected = new HashMap<>();
        List<CopyOnWriteMap<Key, Integer>> earlier = new ArrayList<>();
        List<Map<Key, Integer>> earlierExpected = new ArrayList<>();
        for (Change c : changes) {
            earlier.add(map);
            earlierExpected.add(new HashMap<>(expected));
            if (c.many() != null) {
                map = map.plusAll(c.many());
                expected.putAll(c.many());
            } else if (c.value() < 0) {
                map = map.minus(c.key());
                expected.remove(c.key());
            } else {
                map = map.plus(c.key(), c.value());
                expected.put(c.key(), c.value());
            }
            assertThat(map).isEqualTo(expected);
            assertThat(expected).isEqualTo(map);
            assertThat(map.hashCode()).isEqualTo(expected.hashCode());
            assertThat(map.size()).isEqualTo(expected.size());
            for (int h = -3; h <= 3; h++) {
                for (int id = 0; id <= 4; id++) {
                    Key k = new Key(h, id);
                    assertThat(map.get(k)).isEqualTo(expected.get(k));
                    assertThat(map.containsKey(k)).isEqualTo(expected.containsKey(k));
                }
            }
            Map<Key, Integer> walked = new HashMap<>();
            map.forEach(walked::put);
            assertThat(walked).isEqualTo(expected);
            assertThat(new HashSet<>(map.keySet())).isEqualTo(expected.keySet());
            assertThat(map.values()).containsExactlyInAnyOrderElementsOf(expected.values());
            assertThat(CopyOnWriteMap.from(new HashMap<>(expected))).isEqualTo(map);
        }
        // combining two maps visits each key of either once, with both values
        for (int i = 0; i < earlier.size(); i++) {
            CopyOnWriteMap<Key, Integer> other = earlier.get(i);
            Map<Key, Integer> sum = new HashMap<>();
            Map<Key, Integer> visits = new HashMap<>();
            CopyOnWriteMap<Key, Integer> combined = CopyOnWriteMap.combine(map, other, (k, x, y) -> {
                visits.merge(k, 1, Integer::sum);
                return (x == null ? 0 : x) + 10 * (y == null ? 0 : y);
            });
            expected.forEach((k, v) -> sum.merge(k, v, Integer::sum));
            earlierExpected.get(i).forEach((k, v) -> sum.merge(k, 10 * v, Integer::sum));
            assertThat(combined).isEqualTo(sum);
            assertThat(visits.values()).allMatch(n -> n == 1);
            assertThat(visits.keySet()).isEqualTo(sum.keySet());
            // and the keys the two map differently are counted as a walk over both maps counts them
            Map<Key, Integer> before = earlierExpected.get(i);
            Set<Key> unlike = new HashSet<>(expected.keySet());
            unlike.addAll(before.keySet());
            unlike.removeIf(k -> java.util.Objects.equals(expected.get(k), before.get(k)));
            assertThat(CopyOnWriteMap.differing(map, other, Integer.MAX_VALUE)).isEqualTo(unlike.size());
            assertThat(CopyOnWriteMap.differing(other, map, Integer.MAX_VALUE)).isEqualTo(unlike.size());
            // with a bound, the count or any number above the bound
            int bound = unlike.size() / 2;
            int counted = CopyOnWriteMap.differing(map, other, bound);
            assertThat(counted == unlike.size() || counted > bound && unlike.size() > bound).isTrue();
        }
        Map<Key, Integer> evenOnly = new HashMap<>(expected);
        evenOnly.keySet().removeIf(k -> k.id() % 2 == 1);
        assertThat(map.withoutKeys(k -> k.id() % 2 == 1)).isEqualTo(evenOnly);
        // changes made copies: every earlier map is as it was
        for (int i = 0; i < earlier.size(); i++) {
            assertThat(earlier.get(i)).isEqualTo(earlierExpected.get(i));
        }
    }

    @Property(tries = 300)
    void aSetChangesAsAHashSetDoes(@ForAll("changes") List<Change> changes) {
        CopyOnWriteSet<Key> set = CopyOnWriteSet.empty();
        Set<Key> expected = new HashSet<>();
        List<CopyOnWriteSet<Key>> earlier = new ArrayList<>();
        List<Set<Key>> earlierExpected = new ArrayList<>();
        for (Change c : changes) {
            earlier.add(set);
            earlierExpected.add(new HashSet<>(expected));
            if (c.many() != null && c.many().size() % 3 == 0) {
                // several taken out at once, some of them perhaps not in the set
                set = set.minusAll(c.many().keySet());
                expected.removeAll(c.many().keySet());
            } else if (c.many() != null) {
                // a plain set, or one of these (joined by a walk over both arrays)
                set = set.plusAll(c.many().size() % 2 == 0 ? c.many().keySet() : CopyOnWriteSet.from(c.many().keySet()));
                expected.addAll(c.many().keySet());
            } else if (c.value() < 0) {
                set = set.minusAll(List.of(c.key(), c.key()));
                expected.remove(c.key());
            } else {
                set = set.plus(c.key());
                expected.add(c.key());
            }
            assertThat(set).isEqualTo(expected);
            assertThat(expected).isEqualTo(set);
            assertThat(set.hashCode()).isEqualTo(expected.hashCode());
            for (int h = -3; h <= 3; h++) {
                for (int id = 0; id <= 4; id++) {
                    Key k = new Key(h, id);
                    assertThat(set.contains(k)).isEqualTo(expected.contains(k));
                }
            }
            assertThat(new ArrayList<>(set)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(CopyOnWriteSet.from(new ArrayList<>(expected))).isEqualTo(set);
        }
        for (int i = 0; i < earlier.size(); i++) {
            assertThat(earlier.get(i)).isEqualTo(earlierExpected.get(i));
        }
    }
}
