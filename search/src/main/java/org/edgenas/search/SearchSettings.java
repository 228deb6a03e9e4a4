package org.edgenas.search;

import java.util.List;

/**
 * How to search.
 *
 * @param algorithm      {@code nsga2} (Jenetics, NSGA-II survivor selection), {@code random}, {@code evolution}
 *                       (regularised evolution) or {@code exhaustive}
 * @param population     individuals per generation
 * @param maxEvaluations budget of unique architectures evaluated (a hard cap)
 * @param maxGenerations generations at most
 * @param crossoverRate  probability that a pair of parents is recombined (uniform crossover over genes)
 * @param mutationRate   probability that each gene is replaced by a random choice
 * @param sampleSize     tournament sample of regularised evolution
 * @param threads        threads evaluating candidates; results do not depend on it
 * @param seed           random seed; the same seed and settings give the same result
 */
public record SearchSettings(String algorithm, int population, int maxEvaluations, int maxGenerations,
                             double crossoverRate, double mutationRate, int sampleSize, int threads, long seed) {

    /** Names of the algorithms. */
    public static final List<String> ALGORITHMS = List.of("nsga2", "random", "evolution", "exhaustive");

    public SearchSettings {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown algorithm " + algorithm + "; allowed: " + ALGORITHMS);
        }
        if (population < 2 || maxEvaluations < 1 || maxGenerations < 1 || threads < 1 || sampleSize < 1
                || sampleSize > population) {
            throw new IllegalArgumentException("population >= 2, max evaluations, generations and threads >= 1, "
                    + "1 <= sample size <= population");
        }
    }

    /** These settings with another seed. */
    public SearchSettings withSeed(long newSeed) {
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, crossoverRate, mutationRate,
                sampleSize, threads, newSeed);
    }

    /** These settings with another thread count. */
    public SearchSettings withThreads(int newThreads) {
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, crossoverRate, mutationRate,
                sampleSize, newThreads, seed);
    }

    /** These settings with another algorithm. */
    public SearchSettings withAlgorithm(String newAlgorithm) {
        return new SearchSettings(newAlgorithm, population, maxEvaluations, maxGenerations, crossoverRate,
                mutationRate, sampleSize, threads, seed);
    }

    /** These settings with another evaluation budget. */
    public SearchSettings withMaxEvaluations(int newMax) {
        return new SearchSettings(algorithm, population, newMax, maxGenerations, crossoverRate, mutationRate,
                sampleSize, threads, seed);
    }
}
