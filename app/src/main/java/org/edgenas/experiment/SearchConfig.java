package org.edgenas.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;
import org.edgenas.search.Algorithm;
import org.edgenas.search.AlgorithmProvider;
import org.edgenas.search.Algorithms;
import org.edgenas.search.SearchSettings;

/**
 * The {@code search} section: how to search (defaults in brackets). {@code algorithm} [nsga2] names an
 * {@link AlgorithmProvider}; {@code population} [40], {@code max_evaluations} [500] unique architectures,
 * {@code max_generations} [1000] and {@code threads} [0 = all cores] apply to every algorithm; the other keys are the
 * algorithms' own settings, read by their providers.
 *
 * @param algorithm      the algorithm, with its settings
 * @param population     individuals per generation
 * @param maxEvaluations budget of unique architectures
 * @param maxGenerations generations at most
 * @param threads        evaluation threads, 0 for all cores; results do not depend on it
 */
public record SearchConfig(Algorithm algorithm, int population, int maxEvaluations, int maxGenerations, int threads)
        implements ConfigPart {

    /**
     * Reads {@code search} of {@code top}: the common keys, then the settings of the algorithm named, then those of
     * every other installed algorithm (so that a config stays valid when its algorithm is switched, and every
     * setting it carries is checked).
     *
     * @throws org.edgenas.config.ConfigException naming the key of a wrong, out-of-range or unknown setting
     */
    public static SearchConfig read(Parameters top) {
        Parameters s = top.section("search");
        Registry<AlgorithmProvider> algorithms = Algorithms.registry();
        String name = s.choice("algorithm", "nsga2", Algorithms.names(algorithms));
        int population = s.integer("population", 40, 2, 100_000);
        int maxEvaluations = s.integer("max_evaluations", 500, 1, 100_000_000);
        int maxGenerations = s.integer("max_generations", 1000, 1, 100_000_000);
        Algorithm algorithm = algorithms.get(name).create(s, population);
        for (AlgorithmProvider other : algorithms.all()) {
            if (!other.name().equals(name)) {
                other.create(s, population);
            }
        }
        int threads = s.integer("threads", 0, 0, 4096);
        s.requireNoUnknownKeys();
        return new SearchConfig(algorithm, population, maxEvaluations, maxGenerations, threads);
    }

    /** The settings of a search seeded with {@code seed}; {@code threads} 0 becomes the number of cores. */
    public SearchSettings settings(long seed) {
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, t, seed);
    }

    /** This section with another thread count (1..4096, or 0 for all cores). */
    public SearchConfig withThreads(int newThreads) {
        return new SearchConfig(algorithm, population, maxEvaluations, maxGenerations, newThreads);
    }

    /** This section with another algorithm. */
    public SearchConfig withAlgorithm(Algorithm newAlgorithm) {
        return new SearchConfig(newAlgorithm, population, maxEvaluations, maxGenerations, threads);
    }

    /** The settings that decide the result: every key but {@code threads}, the algorithm's own ones included. */
    public Map<String, Object> outcomeSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm.name());
        m.put("population", population);
        m.put("max_evaluations", maxEvaluations);
        m.put("max_generations", maxGenerations);
        m.putAll(algorithm.settings());
        return m;
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        Map<String, Object> m = outcomeSettings();
        m.put("threads", threads);
        resolved.put("search", m);
    }
}
