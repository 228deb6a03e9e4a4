package org.edgenas.experiment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;
import org.edgenas.search.Algorithm;
import org.edgenas.search.AlgorithmProvider;
import org.edgenas.search.Algorithms;
import org.edgenas.search.SearchSettings;

/**
 * The {@code search} section: how to search (defaults in brackets). {@code algorithm} [nsga2] names an
 * {@link AlgorithmProvider}; {@code population} [40], {@code max_evaluations} [500] unique architectures,
 * {@code max_generations} [1000], {@code max_wall_time} [no limit; a duration with its unit: {@code 90s},
 * {@code 30m}, {@code 2h}] and {@code threads} [0 = all cores] apply to every algorithm; the other keys are the
 * algorithms' own settings, read by their providers.
 *
 * @param algorithm      the algorithm, with its settings
 * @param population     individuals per generation
 * @param maxEvaluations budget of unique architectures
 * @param maxGenerations generations at most
 * @param threads        evaluation threads, 0 for all cores; results do not depend on it
 * @param maxWallTime    wall time after which the search stops at the end of a generation, or null for none
 */
public record SearchConfig(Algorithm algorithm, int population, int maxEvaluations, int maxGenerations, int threads,
                           Duration maxWallTime) implements ConfigPart {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h)");

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
        Duration maxWallTime = wallTime(s);
        Algorithm algorithm = algorithms.get(name).create(s, population);
        for (AlgorithmProvider other : algorithms.all()) {
            if (!other.name().equals(name)) {
                other.create(s, population);
            }
        }
        int threads = s.integer("threads", 0, 0, 4096);
        s.requireNoUnknownKeys();
        return new SearchConfig(algorithm, population, maxEvaluations, maxGenerations, threads, maxWallTime);
    }

    /** {@code max_wall_time}: a positive number with its unit, s, m or h (e.g. {@code 90s}, {@code 1.5h}); or none. */
    private static Duration wallTime(Parameters s) {
        if (!s.has("max_wall_time")) {
            return null;
        }
        String text = s.string("max_wall_time", null).strip();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw s.error("max_wall_time", "expected a duration with its unit, e.g. 90s, 30m or 2h, got "
                    + org.edgenas.config.Quotes.of(text));
        }
        double seconds = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
            case "h" -> 3600;
            case "m" -> 60;
            default -> 1;
        };
        if (!(seconds >= 0.001 && seconds <= 1e8)) {
            throw s.error("max_wall_time", "expected a duration from 0.001s to 100000000s, got " + text);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** The settings of a search seeded with {@code seed}; {@code threads} 0 becomes the number of cores. */
    public SearchSettings settings(long seed) {
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new SearchSettings(algorithm, population, maxEvaluations, maxGenerations, t, seed, maxWallTime);
    }

    /** This section with another thread count (1..4096, or 0 for all cores). */
    public SearchConfig withThreads(int newThreads) {
        return new SearchConfig(algorithm, population, maxEvaluations, maxGenerations, newThreads, maxWallTime);
    }

    /** This section with another algorithm. */
    public SearchConfig withAlgorithm(Algorithm newAlgorithm) {
        return new SearchConfig(newAlgorithm, population, maxEvaluations, maxGenerations, threads, maxWallTime);
    }

    /**
     * The settings that decide the result: every key but {@code threads}, the algorithm's own ones included
     * ({@code max_wall_time} in seconds, e.g. {@code 1800s}).
     */
    public Map<String, Object> outcomeSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm.name());
        m.put("population", population);
        m.put("max_evaluations", maxEvaluations);
        m.put("max_generations", maxGenerations);
        if (maxWallTime != null) {
            m.put("max_wall_time", org.edgenas.io.CsvFormat.number(maxWallTime.toNanos() / 1e9) + "s");
        }
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
