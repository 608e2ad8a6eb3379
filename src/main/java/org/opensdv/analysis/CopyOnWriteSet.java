package org.opensdv.analysis;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/** An immutable set whose updates return a copy: an array ordered by hash, as {@link CopyOnWriteMap}. */
final class CopyOnWriteSet<E> extends AbstractSet<E> {
    private static final CopyOnWriteSet<?> EMPTY = new CopyOnWriteSet<>(new Object[0], new int[0]);
    /** Sorted by {@link #hashes}; equal hashes in the order they came. */
    private final Object[] elements;
    private final int[] hashes;
    private int hash;

    private CopyOnWriteSet(Object[] elements, int[] hashes) {
        this.elements = elements;
        this.hashes = hashes;
    }

    @SuppressWarnings("unchecked")
    static <E> CopyOnWriteSet<E> empty() {
        return (CopyOnWriteSet<E>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    static <E> CopyOnWriteSet<E> from(Collection<? extends E> c) {
        if (c instanceof CopyOnWriteSet<?> s) {
            return (CopyOnWriteSet<E>) s;
        }
        if (c.isEmpty()) {
            return empty();
        }
        // a set's elements are distinct already; a list's are made so, first occurrence first
        Object[] es = (c instanceof java.util.Set<?> ? c : new java.util.LinkedHashSet<>(c)).toArray();
        int[] hs = new int[es.length];
        for (int i = 0; i < es.length; i++) {
            hs[i] = Objects.hashCode(es[i]);
        }
        int[] order = byHash(hs);
        Object[] sorted = new Object[es.length];
        int[] sortedHashes = new int[es.length];
        for (int i = 0; i < es.length; i++) {
            sorted[i] = es[order[i]];
            sortedHashes[i] = hs[order[i]];
        }
        return new CopyOnWriteSet<>(sorted, sortedHashes);
    }

    /**
     * The indices of {@code hashes} ordered by hash, equal hashes by index: one primitive sort of
     * hash and index packed in a long (a comparator sort of objects cost more than the rest of
     * building a small set).
     */
    static int[] byHash(int[] hashes) {
        long[] packed = new long[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            packed[i] = ((long) hashes[i] << 32) | i;
        }
        java.util.Arrays.sort(packed);
        int[] order = new int[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }

    /** Index of {@code o}, or {@code -(insertion point) - 1}. */
    private int indexOf(Object o, int h) {
        int lo = 0;
        int hi = hashes.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int mh = hashes[mid];
            if (mh < h) {
                lo = mid + 1;
            } else if (mh > h) {
                hi = mid - 1;
            } else {
                for (int j = mid; j >= 0 && hashes[j] == h; j--) {
                    if (Objects.equals(elements[j], o)) {
                        return j;
                    }
                }
                int j = mid + 1;
                for (; j < hashes.length && hashes[j] == h; j++) {
                    if (Objects.equals(elements[j], o)) {
                        return j;
                    }
                }
                return -j - 1;
            }
        }
        return -lo - 1;
    }

    CopyOnWriteSet<E> plus(E e) {
        int h = Objects.hashCode(e);
        int i = indexOf(e, h);
        if (i >= 0) {
            return this;
        }
        int at = -i - 1;
        int n = elements.length;
        Object[] es = new Object[n + 1];
        int[] hs = new int[n + 1];
        System.arraycopy(elements, 0, es, 0, at);
        System.arraycopy(hashes, 0, hs, 0, at);
        es[at] = e;
        hs[at] = h;
        System.arraycopy(elements, at, es, at + 1, n - at);
        System.arraycopy(hashes, at, hs, at + 1, n - at);
        return new CopyOnWriteSet<>(es, hs);
    }

    CopyOnWriteSet<E> plusAll(Collection<? extends E> more) {
        if (more == this || more.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return from(more);
        }
        if (more instanceof CopyOnWriteSet<?> other) {
            @SuppressWarnings("unchecked")
            CopyOnWriteSet<E> o = (CopyOnWriteSet<E>) other;
            return union(o);
        }
        CopyOnWriteSet<E> out = this;
        for (E e : more) {
            out = out.plus(e);
        }
        return out;
    }

    /** This set without the elements of {@code gone}: one copy of the array, no element hashed again. */
    CopyOnWriteSet<E> minusAll(Collection<?> gone) {
        boolean[] dropped = new boolean[elements.length];
        int k = 0;
        for (Object g : gone) {
            int i = indexOf(g, Objects.hashCode(g));
            if (i >= 0 && !dropped[i]) {
                dropped[i] = true;
                k++;
            }
        }
        if (k == 0) {
            return this;
        }
        Object[] es = new Object[elements.length - k];
        int[] hs = new int[es.length];
        int j = 0;
        for (int i = 0; i < elements.length; i++) {
            if (!dropped[i]) {
                es[j] = elements[i];
                hs[j++] = hashes[i];
            }
        }
        return new CopyOnWriteSet<>(es, hs);
    }

    /** Both sets: one walk over the two ordered arrays; either set itself when it has the other's elements. */
    private CopyOnWriteSet<E> union(CopyOnWriteSet<E> o) {
        // most joins add nothing new: find that out without building anything
        if (o.size() <= size() && containsAllOf(o)) {
            return this;
        }
        if (size() < o.size() && o.containsAllOf(this)) {
            return o;
        }
        int n = elements.length;
        int m = o.elements.length;
        Object[] es = new Object[n + m];
        int[] hs = new int[n + m];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < m) {
            if (j == m || i < n && hashes[i] < o.hashes[j]) {
                es[k] = elements[i];
                hs[k++] = hashes[i++];
            } else if (i == n || o.hashes[j] < hashes[i]) {
                es[k] = o.elements[j];
                hs[k++] = o.hashes[j++];
            } else {
                // a run of one hash in both: this set's elements, then the other's not among them
                int h = hashes[i];
                int runStart = k;
                while (i < n && hashes[i] == h) {
                    es[k] = elements[i];
                    hs[k++] = hashes[i++];
                }
                int runEnd = k;
                while (j < m && o.hashes[j] == h) {
                    Object e = o.elements[j++];
                    boolean present = false;
                    for (int r = runStart; r < runEnd && !present; r++) {
                        present = Objects.equals(es[r], e);
                    }
                    if (!present) {
                        es[k] = e;
                        hs[k++] = h;
                    }
                }
            }
        }
        if (k == n) {
            return this;
        }
        if (k == m) {
            return o;
        }
        return new CopyOnWriteSet<>(java.util.Arrays.copyOf(es, k), java.util.Arrays.copyOf(hs, k));
    }

    /** Does this set have every element of {@code o}? One walk over both arrays. */
    private boolean containsAllOf(CopyOnWriteSet<?> o) {
        int i = 0;
        for (int j = 0; j < o.elements.length; j++) {
            int h = o.hashes[j];
            while (i < hashes.length && hashes[i] < h) {
                i++;
            }
            boolean found = false;
            for (int r = i; r < hashes.length && hashes[r] == h && !found; r++) {
                found = Objects.equals(elements[r], o.elements[j]);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() { // read-only: Iterator's remove() throws
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (E) elements[next++];
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.Consumer<? super E> action) {
        for (Object e : elements) {
            action.accept((E) e);
        }
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o, Objects.hashCode(o)) >= 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int x : hashes) {
                h += x;
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
        if (o instanceof CopyOnWriteSet<?> other) {
            if (other.elements.length != elements.length || other.hashCode() != hashCode()) {
                return false;
            }
            for (int i = 0; i < elements.length; i++) {
                if (other.indexOf(elements[i], hashes[i]) < 0) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }
}
