package org.opensdv.analysis;

/**
 * A key that tells values apart by identity: a function record's own hash and equality walk its
 * blocks, and two files' static functions may be equal records.
 */
record Identity<T>(T value) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Identity<?> other && other.value == value;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(value);
    }
}
