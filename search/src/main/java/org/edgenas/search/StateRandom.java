package org.edgenas.search;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose whole state is one {@code long}, so that a search can save it in a JSON checkpoint
 * and continue exactly where it stopped (SplitMix64, Steele, Lea and Flood 2014; every other method derives from
 * {@link #nextLong()}). Not thread-safe: an algorithm runs on one thread. A resumable algorithm keeps its generator's
 * {@link #state()} in its checkpoints ({@link SearchRun#checkpoint}).
 */
public final class StateRandom implements RandomGenerator {

    private long state;

    private StateRandom(long state) {
        this.state = state;
    }

    /** A generator seeded with {@code seed}. */
    public static StateRandom seeded(long seed) {
        return new StateRandom(seed ^ 0x5DEECE66DL);
    }

    /** A generator continuing from a saved {@link #state()}. */
    public static StateRandom restored(long state) {
        return new StateRandom(state);
    }

    /** The state to save. */
    public long state() {
        return state;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
