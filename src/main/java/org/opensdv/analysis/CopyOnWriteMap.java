package org.opensdv.analysis;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable hash map whose updates return a copy. The engine's maps (a path's variables, memory,
 * holds, facts) are small and read far more often than changed, so a plain {@link HashMap} copied
 * on change is faster than a persistent tree (measured: pcollections' HashTreePMap, about a quarter
 * slower on the generated 100 kLOC driver and using more memory). The hash is computed once: states
 * are compared at every block.
 */
final class CopyOnWriteMap<K, V> extends AbstractMap<K, V> {
    private static final CopyOnWriteMap<?, ?> EMPTY = new CopyOnWriteMap<>(new HashMap<>());
    private final Map<K, V> map;
    private int hash;

    private CopyOnWriteMap(HashMap<K, V> map) {
        this.map = map;
    }

    @SuppressWarnings("unchecked")
    static <K, V> CopyOnWriteMap<K, V> empty() {
        return (CopyOnWriteMap<K, V>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    static <K, V> CopyOnWriteMap<K, V> from(Map<? extends K, ? extends V> m) {
        if (m instanceof CopyOnWriteMap<?, ?> c) {
            return (CopyOnWriteMap<K, V>) c;
        }
        return m.isEmpty() ? empty() : new CopyOnWriteMap<>(new HashMap<>(m));
    }

    /** The map itself, not a copy: for a map just built that nothing else will change. */
    static <K, V> CopyOnWriteMap<K, V> owning(HashMap<K, V> m) {
        return m.isEmpty() ? empty() : new CopyOnWriteMap<>(m);
    }

    CopyOnWriteMap<K, V> plus(K key, V value) {
        if (Objects.equals(map.get(key), value) && (value != null || map.containsKey(key))) {
            return this;
        }
        HashMap<K, V> copy = new HashMap<>(map);
        copy.put(key, value);
        return new CopyOnWriteMap<>(copy);
    }

    CopyOnWriteMap<K, V> plusAll(Map<? extends K, ? extends V> more) {
        if (more.isEmpty()) {
            return this;
        }
        HashMap<K, V> copy = new HashMap<>(map);
        copy.putAll(more);
        return new CopyOnWriteMap<>(copy);
    }

    CopyOnWriteMap<K, V> minus(Object key) {
        if (!map.containsKey(key)) {
            return this;
        }
        HashMap<K, V> copy = new HashMap<>(map);
        copy.remove(key);
        return copy.isEmpty() ? empty() : new CopyOnWriteMap<>(copy);
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    // read-only views, made once per map when first asked for (states iterate them at every block)
    private Set<Entry<K, V>> entries;
    private Set<K> keys;
    private Collection<V> values;

    @Override
    public Set<Entry<K, V>> entrySet() {
        Set<Entry<K, V>> v = entries;
        if (v == null) {
            v = map.isEmpty() ? Collections.emptySet() : Collections.unmodifiableMap(map).entrySet();
            entries = v;
        }
        return v;
    }

    @Override
    public Set<K> keySet() {
        Set<K> v = keys;
        if (v == null) {
            v = map.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(map.keySet());
            keys = v;
        }
        return v;
    }

    @Override
    public Collection<V> values() {
        Collection<V> v = values;
        if (v == null) {
            v = map.isEmpty() ? Collections.emptyList() : Collections.unmodifiableCollection(map.values());
            values = v;
        }
        return v;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = map.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof CopyOnWriteMap<?, ?> other) {
            return other.map.size() == map.size() && other.hashCode() == hashCode() && map.equals(other.map);
        }
        return super.equals(o);
    }
}
