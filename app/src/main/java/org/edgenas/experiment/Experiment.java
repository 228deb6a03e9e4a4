package org.edgenas.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.edgenas.cluster.Execution;
import org.edgenas.config.ConfigException;
import org.edgenas.config.FileResolver;
import org.edgenas.config.Parameters;
import org.edgenas.search.Algorithm;
import org.edgenas.search.Problem;
import org.edgenas.search.SearchSettings;

/**
 * A fully resolved experiment: its config (a tree of typed parts, see {@link ExperimentConfig} and
 * {@code docs/configs.md}), checked before anything is written, and the problem and search settings built from it.
 *
 * @param config   the config, defaults filled in
 * @param problem  what to search
 * @param settings how to search
 * @param files    the files the config names (board profile, proxy table, image file...): the path as written in
 *                 the config, and where that file is in this process; they travel with the problem to cluster workers
 */
public record Experiment(ExperimentConfig config, Problem problem, SearchSettings settings, Map<String, Path> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Experiment {
        files = Map.copyOf(files);
    }

    /** The experiment a config describes, naming the files in {@code files}. */
    public static Experiment of(ExperimentConfig config, Map<String, Path> files) {
        Problem problem = new Problem(config.space().space(), config.proxy().proxy(),
                config.uncertainty().model(config.energy().model()), config.energy().batch(),
                config.objectives().objectives(), config.constraints().constraints(), config.proxy().timeout());
        return new Experiment(config, problem, config.search().settings(config.seed()), files);
    }

    /**
     * Loads and checks a config file, building the space, board model and proxy it names.
     *
     * @throws ConfigException naming the file, line, key and allowed values of the first problem found
     */
    public static Experiment load(Path file) {
        FileResolver.Recording files = FileResolver.recording();
        ExperimentConfig config = ExperimentConfig.read(ConfigFile.read(file).withFiles(files),
                file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
        return of(config, files.files());
    }

    /**
     * Rebuilds an experiment from its {@link #resolvedJson()}, as a cluster worker does to evaluate a search's
     * candidates, finding the files it names with {@code files} (on a worker: the copies the search sent). Its
     * {@code refine} section is left out: the second stage runs where the search runs, so workers neither need its
     * evaluator nor its files.
     *
     * @throws ConfigException if the text is not such a config, or names what this process cannot load
     */
    public static Experiment fromResolvedJson(String json, FileResolver files) {
        Map<String, Object> map;
        try {
            map = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new ConfigException("resolved config: malformed JSON: " + e.getOriginalMessage(), e);
        }
        map.remove("refine");
        map.remove("output"); // a worker writes nothing; the search's (checked) output may be any --out
        Map<String, Path> seen = new java.util.LinkedHashMap<>();
        ExperimentConfig config = ExperimentConfig.read(Parameters.of(map, "resolved config", "", k -> -1)
                .withFiles(named -> {
                    Path p = files.resolve(named);
                    seen.put(named, p);
                    return p;
                }), "experiment");
        return of(config, seen);
    }

    /** The experiment's name. */
    public String name() {
        return config.name();
    }

    /** The output directory. */
    public Path output() {
        return Path.of(config.output());
    }

    /** Where candidates are evaluated. */
    public Execution execution() {
        return config.execution();
    }

    /**
     * The known front to compare with ({@code reference_front}) if it is one of this run's objectives, else none and
     * why (see {@link ReferenceFrontConfig#check}); this may score one architecture with the proxy.
     */
    public ReferenceFrontConfig.Check referenceFront() {
        return config.referenceFront().check(config, problem);
    }

    /**
     * The budget of unique architectures the search will have: {@code max_evaluations}, capped by what the space holds
     * (see {@link Algorithm#budget}).
     */
    public int budget() {
        return settings.algorithm().budget(settings, problem.space());
    }

    /**
     * A warning when {@code search.max_evaluations} is above what the space holds (the search's budget is then the
     * space's architectures), or empty.
     */
    public java.util.Optional<String> budgetWarning() {
        int budget = budget();
        if (budget >= settings.maxEvaluations()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("search.max_evaluations " + settings.maxEvaluations() + " exceeds the "
                + budget + " distinct architectures of space " + problem.space().name() + ": the budget is " + budget);
    }

    /** The second stage after the search ({@code refine}), if the config asks for one. */
    public java.util.Optional<org.edgenas.search.Refinement> refinement() {
        return config.refine().get();
    }

    /** What decides the refine stage's result (see {@link ExperimentConfig#refineFingerprint()}). */
    public String refineFingerprint() {
        return config.refineFingerprint();
    }

    /** The configuration with defaults filled in, for the record of a run. */
    public Map<String, Object> resolved() {
        return config.resolved();
    }

    /** The {@link #resolved()} config as JSON, for {@link #fromResolvedJson}. */
    public String resolvedJson() {
        return config.resolvedJson();
    }

    /** What decides the result (see {@link ExperimentConfig#fingerprint()}), recorded in checkpoints. */
    public String fingerprint() {
        return config.fingerprint();
    }

    /** This experiment with the output directory and/or seed replaced (null keeps the config's). */
    public Experiment withOverrides(Path newOutput, Long newSeed) {
        ExperimentConfig c = config;
        if (newOutput != null) {
            c = c.withOutput(newOutput.toString());
        }
        if (newSeed != null) {
            c = c.withSeed(newSeed);
        }
        return new Experiment(c, problem, c.search().settings(c.seed()), files);
    }

    /** This experiment evaluating on {@code threads} local threads (results do not depend on it). */
    public Experiment withThreads(int threads) {
        return withSearch(config.search().withThreads(threads));
    }

    /** This experiment searching with {@code algorithm} instead (e.g. {@code Exhaustive.of()}). */
    public Experiment withAlgorithm(Algorithm algorithm) {
        return withSearch(config.search().withAlgorithm(algorithm));
    }

    /** This experiment evaluating as {@code newExecution} says. */
    public Experiment withExecution(Execution newExecution) {
        return new Experiment(config.withExecution(newExecution), problem, settings, files);
    }

    private Experiment withSearch(SearchConfig search) {
        ExperimentConfig c = config.withSearch(search);
        return new Experiment(c, problem, search.settings(c.seed()), files);
    }
}
