package org.edgenas.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.search.SearchSettings;

/**
 * The {@code search} section: how to search (defaults in brackets). {@code algorithm} [nsga2], {@code population}
 * [40], {@code max_evaluations} [500] unique architectures, {@code max_generations} [1000], {@code crossover_rate}
 * [0.9], {@code mutation_rate} [0.15], {@code sample_size} [min(10, population)], {@code threads} [0 = all cores].
 *
 * @param algorithm      the algorithm's name
 * @param population     individuals per generation
 * @param maxEvaluations budget of unique architectures
 * @param maxGenerations generations at most
 * @param crossoverRate  probability that a pair of parents is recombined
 * @param mutationRate   probability that each gene is replaced
 * @param sampleSize     tournament sample of regularised evolution
 * @param threads        evaluation threads, 0 for all cores; results do not depend on it
 */
public record SearchConfig(String algorithm, int population, int maxEvaluations, int maxGenerations,
                           double crossoverRate, double mutationRate, int sampleSize, int threads)
        implements ConfigPart {

    /**
     * Reads {@code search} of {@code top}.
     *
     * @throws org.edgenas.config.ConfigException naming the key of a wrong, out-of-range or unknown setting
     */
    public static SearchConfig read(Parameters top) {
        Parameters s = top.section("search");
        String algorithm = s.choice("algorithm", "nsga2", SearchSettings.ALGORITHMS);
        int population = s.integer("population", 40, 2, 100_000);
        int maxEvaluations = s.integer("max_evaluations", 500, 1, 100_000_000);
        int maxGenerations = s.integer("max_generations", 1000, 1, 100_000_000);
        double crossover = s.number("crossover_rate", 0.9, 0, 1);
        double mutation = s.number("mutation_rate", 0.15, 0, 1);
        int sampleSize = s.integer("sample_size", Math.min(10, population), 1, population);
        int threads = s.integer("threads", 0, 0, 4096);
        s.requireNoUnknownKeys();
        return new SearchConfig(algorithm, population, maxEvaluations, maxGenerations, crossover, mutation,
                sampleSize, threads);
    }

    /** The settings of a search seeded with {@code seed}; {@code threads} 0 becomes the number of cores. */
    public SearchSettings settings(long seed) {
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, crossoverRate, mutationRate,
                sampleSize, t, seed);
    }

    /** This section with another thread count (1..4096, or 0 for all cores). */
    public SearchConfig withThreads(int newThreads) {
        return new SearchConfig(algorithm, population, maxEvaluations, maxGenerations, crossoverRate, mutationRate,
                sampleSize, newThreads);
    }

    /** This section with another algorithm. */
    public SearchConfig withAlgorithm(String newAlgorithm) {
        return new SearchConfig(newAlgorithm, population, maxEvaluations, maxGenerations, crossoverRate, mutationRate,
                sampleSize, threads);
    }

    /** The settings that decide the result: every key but {@code threads}. */
    public Map<String, Object> outcomeSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm);
        m.put("population", population);
        m.put("max_evaluations", maxEvaluations);
        m.put("max_generations", maxGenerations);
        m.put("crossover_rate", crossoverRate);
        m.put("mutation_rate", mutationRate);
        m.put("sample_size", sampleSize);
        return m;
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        Map<String, Object> m = outcomeSettings();
        m.put("threads", threads);
        resolved.put("search", m);
    }
}
