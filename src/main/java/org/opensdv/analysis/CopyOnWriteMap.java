package org.opensdv.analysis;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map whose updates return a copy. The engine's maps (a path's variables, memory,
 * holds) are small — a few entries — and read far more often than changed, so they are one array
 * of entries ordered by key hash: a lookup is a binary search over cached hashes, a change copies a
 * few references, and iteration walks the array (faster than a {@link java.util.HashMap} copied on
 * change, which was faster than a persistent hash tree: see docs/architecture.md). The map's own
 * hash is computed once: states are compared at every block.
 */
final class CopyOnWriteMap<K, V> extends AbstractMap<K, V> {
    private static final Node<?, ?>[] NONE = new Node<?, ?>[0];
    private static final CopyOnWriteMap<?, ?> EMPTY = new CopyOnWriteMap<>(NONE);

    /** One entry; immutable, so the entry set hands these out as they are. */
    private static final class Node<K, V> implements Map.Entry<K, V> {
        final K key;
        final V value;
        final int keyHash;

        Node(K key, V value, int keyHash) {
            this.key = key;
            this.value = value;
            this.keyHash = keyHash;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V setValue(V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && Objects.equals(key, e.getKey())
                    && Objects.equals(value, e.getValue());
        }

        @Override
        public int hashCode() {
            return keyHash ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** Sorted by {@link Node#keyHash}; entries with equal hashes in the order they came. */
    private final Node<K, V>[] nodes;
    private int hash;

    private CopyOnWriteMap(Node<?, ?>[] nodes) {
        @SuppressWarnings("unchecked")
        Node<K, V>[] n = (Node<K, V>[]) nodes;
        this.nodes = n;
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
        if (m.isEmpty()) {
            return empty();
        }
        Node<?, ?>[] built = new Node<?, ?>[m.size()];
        int[] hashes = new int[built.length];
        int i = 0;
        for (Map.Entry<? extends K, ? extends V> e : m.entrySet()) {
            hashes[i] = Objects.hashCode(e.getKey());
            built[i] = new Node<>(e.getKey(), e.getValue(), hashes[i]);
            i++;
        }
        // equal hashes keep the source map's order
        int[] order = CopyOnWriteSet.byHash(hashes);
        Node<?, ?>[] sorted = new Node<?, ?>[built.length];
        for (int j = 0; j < sorted.length; j++) {
            sorted[j] = built[order[j]];
        }
        return new CopyOnWriteMap<>(sorted);
    }

    /** Index of {@code key}, or {@code -(insertion point) - 1}. */
    private int indexOf(Object key, int h) {
        Node<K, V>[] a = nodes;
        int lo = 0;
        int hi = a.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int mh = a[mid].keyHash;
            if (mh < h) {
                lo = mid + 1;
            } else if (mh > h) {
                hi = mid - 1;
            } else {
                // scan the run of equal hashes both ways
                for (int j = mid; j >= 0 && a[j].keyHash == h; j--) {
                    if (Objects.equals(a[j].key, key)) {
                        return j;
                    }
                }
                int j = mid + 1;
                for (; j < a.length && a[j].keyHash == h; j++) {
                    if (Objects.equals(a[j].key, key)) {
                        return j;
                    }
                }
                return -j - 1;
            }
        }
        return -lo - 1;
    }

    CopyOnWriteMap<K, V> plus(K key, V value) {
        int h = Objects.hashCode(key);
        int i = indexOf(key, h);
        Node<K, V>[] a = nodes;
        if (i >= 0) {
            if (Objects.equals(a[i].value, value)) {
                return this;
            }
            Node<?, ?>[] copy = a.clone();
            copy[i] = new Node<>(key, value, h);
            return new CopyOnWriteMap<>(copy);
        }
        int at = -i - 1;
        Node<?, ?>[] copy = new Node<?, ?>[a.length + 1];
        System.arraycopy(a, 0, copy, 0, at);
        copy[at] = new Node<>(key, value, h);
        System.arraycopy(a, at, copy, at + 1, a.length - at);
        return new CopyOnWriteMap<>(copy);
    }

    CopyOnWriteMap<K, V> plusAll(Map<? extends K, ? extends V> more) {
        if (more.size() > 8) { // one copy, not one per entry
            java.util.HashMap<K, V> all = new java.util.HashMap<>(this);
            all.putAll(more);
            return from(all);
        }
        CopyOnWriteMap<K, V> out = this;
        for (Map.Entry<? extends K, ? extends V> e : more.entrySet()) {
            out = out.plus(e.getKey(), e.getValue());
        }
        return out;
    }

    CopyOnWriteMap<K, V> minus(Object key) {
        int i = indexOf(key, Objects.hashCode(key));
        if (i < 0) {
            return this;
        }
        Node<K, V>[] a = nodes;
        if (a.length == 1) {
            return empty();
        }
        Node<?, ?>[] copy = new Node<?, ?>[a.length - 1];
        System.arraycopy(a, 0, copy, 0, i);
        System.arraycopy(a, i + 1, copy, i, a.length - i - 1);
        return new CopyOnWriteMap<>(copy);
    }

    /** How {@link #combine} makes one value of a key's values in two maps (null where a map has none). */
    interface Combiner<K, V> {
        V combine(K key, V inFirst, V inSecond);
    }

    /**
     * The keys of both maps, each once, with the value {@code how} makes of their two values: one
     * walk over the two arrays in order of hashes, without a set of keys or a sort.
     */
    static <K, V> CopyOnWriteMap<K, V> combine(CopyOnWriteMap<K, V> first, CopyOnWriteMap<K, V> second,
            Combiner<K, V> how) {
        Node<K, V>[] a = first.nodes;
        Node<K, V>[] b = second.nodes;
        Node<?, ?>[] out = new Node<?, ?>[a.length + b.length];
        boolean[] taken = new boolean[b.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || i < a.length && a[i].keyHash < b[j].keyHash) {
                out[n++] = combined(a[i], a[i].value, null, how);
                i++;
            } else if (i == a.length || b[j].keyHash < a[i].keyHash) {
                out[n++] = combined(b[j], null, b[j].value, how);
                j++;
            } else {
                // one hash in both: match the two runs' keys
                int h = a[i].keyHash;
                int runStart = j;
                int runEnd = j;
                while (runEnd < b.length && b[runEnd].keyHash == h) {
                    runEnd++;
                }
                for (; i < a.length && a[i].keyHash == h; i++) {
                    V other = null;
                    for (int r = runStart; r < runEnd; r++) {
                        if (!taken[r] && Objects.equals(b[r].key, a[i].key)) {
                            taken[r] = true;
                            other = b[r].value;
                            break;
                        }
                    }
                    out[n++] = combined(a[i], a[i].value, other, how);
                }
                for (j = runStart; j < runEnd; j++) {
                    if (!taken[j]) {
                        out[n++] = combined(b[j], null, b[j].value, how);
                    }
                }
            }
        }
        return n == 0 ? empty() : new CopyOnWriteMap<>(n == out.length ? out : java.util.Arrays.copyOf(out, n));
    }

    /**
     * How many keys the two maps do not map alike (absent from one, or with unequal values), or
     * any number above {@code atMost} once there are more: the walk of {@link #combine} without
     * building anything.
     */
    static <K, V> int differing(CopyOnWriteMap<K, V> first, CopyOnWriteMap<K, V> second, int atMost) {
        if (first == second) {
            return 0;
        }
        Node<K, V>[] a = first.nodes;
        Node<K, V>[] b = second.nodes;
        int differing = 0;
        int i = 0;
        int j = 0;
        while ((i < a.length || j < b.length) && differing <= atMost) {
            if (j == b.length || i < a.length && a[i].keyHash < b[j].keyHash) {
                differing++;
                i++;
            } else if (i == a.length || b[j].keyHash < a[i].keyHash) {
                differing++;
                j++;
            } else {
                int h = a[i].keyHash;
                int runStart = j;
                int runEnd = j;
                while (runEnd < b.length && b[runEnd].keyHash == h) {
                    runEnd++;
                }
                int matched = 0;
                for (; i < a.length && a[i].keyHash == h; i++) {
                    boolean alike = false;
                    for (int r = runStart; r < runEnd; r++) {
                        if (Objects.equals(b[r].key, a[i].key)) {
                            matched++;
                            alike = Objects.equals(b[r].value, a[i].value);
                            break;
                        }
                    }
                    if (!alike) {
                        differing++;
                    }
                }
                differing += runEnd - runStart - matched; // the other's keys of this hash not in the first
                j = runEnd;
            }
        }
        return differing;
    }

    private static <K, V> Node<K, V> combined(Node<K, V> node, V inFirst, V inSecond, Combiner<K, V> how) {
        V v = how.combine(node.key, inFirst, inSecond);
        return v == node.value ? node : new Node<>(node.key, v, node.keyHash);
    }

    /** This map without the entries whose key passes {@code drop}: this map when there are none. */
    CopyOnWriteMap<K, V> withoutKeys(java.util.function.Predicate<? super K> drop) {
        Node<K, V>[] a = nodes;
        Node<?, ?>[] out = null;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (drop.test(a[i].key)) {
                if (out == null) {
                    out = new Node<?, ?>[a.length - 1];
                    System.arraycopy(a, 0, out, 0, i);
                    n = i;
                }
            } else if (out != null) {
                out[n++] = a[i];
            }
        }
        if (out == null) {
            return this;
        }
        return n == 0 ? empty() : new CopyOnWriteMap<>(java.util.Arrays.copyOf(out, n));
    }

    /** The entries whose key is in {@code keep}: this map when that is all of them. */
    CopyOnWriteMap<K, V> onlyKeys(Set<?> keep) {
        Node<K, V>[] a = nodes;
        int kept = 0;
        for (Node<K, V> n : a) {
            if (keep.contains(n.key)) {
                kept++;
            }
        }
        if (kept == a.length) {
            return this;
        }
        if (kept == 0) {
            return empty();
        }
        Node<?, ?>[] out = new Node<?, ?>[kept];
        int i = 0;
        for (Node<K, V> n : a) {
            if (keep.contains(n.key)) {
                out[i++] = n; // the order by hash stays
            }
        }
        return new CopyOnWriteMap<>(out);
    }

    @Override
    public V get(Object key) {
        int i = indexOf(key, Objects.hashCode(key));
        return i < 0 ? null : nodes[i].value;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key, Objects.hashCode(key)) >= 0;
    }

    @Override
    public int size() {
        return nodes.length;
    }

    @Override
    public boolean isEmpty() {
        return nodes.length == 0;
    }

    /** Walks the array from {@code 0}; read-only ({@code remove()} throws). */
    private abstract class Walk<T> implements Iterator<T> {
        private int next;

        @Override
        public boolean hasNext() {
            return next < nodes.length;
        }

        Node<K, V> nextNode() {
            if (next >= nodes.length) {
                throw new NoSuchElementException();
            }
            return nodes[next++];
        }
    }

    // read-only views, made once per map when first asked for (states iterate them at every block)
    private Set<Entry<K, V>> entries;
    private Set<K> keys;
    private Collection<V> values;

    @Override
    public Set<Entry<K, V>> entrySet() {
        Set<Entry<K, V>> v = entries;
        if (v == null) {
            v = new AbstractSet<>() {
                @Override
                public Iterator<Entry<K, V>> iterator() {
                    return new Walk<>() {
                        @Override
                        public Entry<K, V> next() {
                            return nextNode();
                        }
                    };
                }

                @Override
                public int size() {
                    return nodes.length;
                }
            };
            entries = v;
        }
        return v;
    }

    @Override
    public Set<K> keySet() {
        Set<K> v = keys;
        if (v == null) {
            v = new AbstractSet<>() {
                @Override
                public Iterator<K> iterator() {
                    return new Walk<>() {
                        @Override
                        public K next() {
                            return nextNode().key;
                        }
                    };
                }

                @Override
                public int size() {
                    return nodes.length;
                }

                @Override
                public boolean contains(Object o) {
                    return containsKey(o);
                }

                @Override
                public void forEach(java.util.function.Consumer<? super K> action) {
                    for (Node<K, V> n : nodes) {
                        action.accept(n.key);
                    }
                }
            };
            keys = v;
        }
        return v;
    }

    @Override
    public Collection<V> values() {
        Collection<V> v = values;
        if (v == null) {
            v = new AbstractCollection<>() {
                @Override
                public Iterator<V> iterator() {
                    return new Walk<>() {
                        @Override
                        public V next() {
                            return nextNode().value;
                        }
                    };
                }

                @Override
                public int size() {
                    return nodes.length;
                }

                @Override
                public void forEach(java.util.function.Consumer<? super V> action) {
                    for (Node<K, V> n : nodes) {
                        action.accept(n.value);
                    }
                }
            };
            values = v;
        }
        return v;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (Node<K, V> n : nodes) {
            action.accept(n.key, n.value);
        }
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (Node<K, V> n : nodes) {
                h += n.hashCode();
            }
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
            if (other.nodes.length != nodes.length || other.hashCode() != hashCode()) {
                return false;
            }
            for (Node<K, V> n : nodes) {
                int i = other.indexOf(n.key, n.keyHash);
                if (i < 0 || !Objects.equals(other.nodes[i].value, n.value)) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }
}
