package org.edgenas.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How to search: the algorithm (with its own settings) and what every algorithm shares.
 *
 * @param algorithm      the algorithm, e.g. {@code Nsga2.of(0.9, 0.15)}
 * @param population     individuals per generation, at least 2
 * @param maxEvaluations budget of unique architectures evaluated (a hard cap), at least 1
 * @param maxGenerations generations at most, at least 1
 * @param threads        threads evaluating candidates, at least 1; results do not depend on it
 * @param seed           random seed; the same seed and settings give the same result
 * @param maxWallTime    wall time after which the search stops at the end of the generation then running, or null
 *                       for no limit; a run stopped by it depends on the machine's speed
 */
public record SearchSettings(Algorithm algorithm, int population, int maxEvaluations, int maxGenerations,
                             int threads, long seed, Duration maxWallTime) {

    public SearchSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        if (population < 2 || maxEvaluations < 1 || maxGenerations < 1 || threads < 1) {
            throw new IllegalArgumentException("population >= 2, max evaluations, generations and threads >= 1: "
                    + population + ", " + maxEvaluations + ", " + maxGenerations + ", " + threads);
        }
        if (maxWallTime != null && (maxWallTime.isNegative() || maxWallTime.isZero())) {
            throw new IllegalArgumentException("max wall time must be positive: " + maxWallTime);
        }
    }

    /** Settings without a wall-time limit. */
    public SearchSettings(Algorithm algorithm, int population, int maxEvaluations, int maxGenerations, int threads,
                          long seed) {
        this(algorithm, population, maxEvaluations, maxGenerations, threads, seed, null);
    }

    /** These settings with another seed. */
    public SearchSettings withSeed(long newSeed) {
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, threads, newSeed, maxWallTime);
    }

    /** These settings with another thread count. */
    public SearchSettings withThreads(int newThreads) {
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, newThreads, seed, maxWallTime);
    }

    /** These settings with another algorithm. */
    public SearchSettings withAlgorithm(Algorithm newAlgorithm) {
        return new SearchSettings(newAlgorithm, population, maxEvaluations, maxGenerations, threads, seed, maxWallTime);
    }

    /** These settings with another evaluation budget. */
    public SearchSettings withMaxEvaluations(int newMax) {
        return new SearchSettings(algorithm, population, newMax, maxGenerations, threads, seed, maxWallTime);
    }

    /** These settings with a wall-time limit (null for none). */
    public SearchSettings withMaxWallTime(Duration newMax) {
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, threads, seed, newMax);
    }
}
