package org.edgenas.engine;

/** Splits element-wise work into fixed-size chunks, one work item each. */
final class Chunks {

    /** Elements per chunk: 64 KiB of floats. */
    static final int SIZE = 1 << 14;

    private Chunks() {
    }

    /** Number of chunks covering {@code n} elements. */
    static int count(int n) {
        return (n + SIZE - 1) / SIZE;
    }

    /** First element of chunk {@code item}. */
    static int start(int item) {
        return item * SIZE;
    }

    /** One past the last element of chunk {@code item} of {@code n}. */
    static int end(int item, int n) {
        return Math.min(n, (item + 1) * SIZE);
    }
}
