package org.opensdv.analysis;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** An immutable hash set whose updates return a copy; see {@link CopyOnWriteMap} for why. */
final class CopyOnWriteSet<E> extends AbstractSet<E> {
    private static final CopyOnWriteSet<?> EMPTY = new CopyOnWriteSet<>(new HashSet<>());
    private final Set<E> set;
    private int hash;

    private CopyOnWriteSet(HashSet<E> set) {
        this.set = set;
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
        return c.isEmpty() ? empty() : new CopyOnWriteSet<>(new HashSet<>(c));
    }

    /** The set itself, not a copy: for a set just built that nothing else will change. */
    static <E> CopyOnWriteSet<E> owning(HashSet<E> s) {
        return s.isEmpty() ? empty() : new CopyOnWriteSet<>(s);
    }

    CopyOnWriteSet<E> plus(E e) {
        if (set.contains(e)) {
            return this;
        }
        HashSet<E> copy = new HashSet<>(set);
        copy.add(e);
        return new CopyOnWriteSet<>(copy);
    }

    CopyOnWriteSet<E> plusAll(Collection<? extends E> more) {
        if (more == this || more.isEmpty() || set.containsAll(more)) {
            return this;
        }
        boolean covers = more instanceof CopyOnWriteSet<?> bigger && bigger.size() > size() && bigger.containsAll(set);
        if (set.isEmpty() || covers) {
            return from(more);
        }
        HashSet<E> copy = new HashSet<>(set);
        copy.addAll(more);
        return new CopyOnWriteSet<>(copy);
    }

    @Override
    public Iterator<E> iterator() {
        if (set.isEmpty()) {
            return Collections.emptyIterator();
        }
        Iterator<E> it = set.iterator();
        return new Iterator<>() { // read-only: Iterator's remove() throws
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public E next() {
                return it.next();
            }
        };
    }

    @Override
    public void forEach(java.util.function.Consumer<? super E> action) {
        set.forEach(action);
    }

    @Override
    public int size() {
        return set.size();
    }

    @Override
    public boolean contains(Object o) {
        return set.contains(o);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = set.hashCode();
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
            return other.set.size() == set.size() && other.hashCode() == hashCode() && set.equals(other.set);
        }
        return super.equals(o);
    }
}
