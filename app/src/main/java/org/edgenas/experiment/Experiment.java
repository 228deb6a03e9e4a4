package org.edgenas.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.cluster.Execution;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.ProxyProvider;
import org.edgenas.search.Constraints;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Problem;
import org.edgenas.search.SearchSettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;

/**
 * A fully resolved experiment: everything a run needs, checked before anything is written. Built from a config file
 * by {@link #load}; the {@link #resolved()} map (defaults filled in) goes into {@code run.json}.
 *
 * <p>Config keys (defaults in brackets):
 * <pre>
 * name: quickstart                 # [file name without extension]
 * seed: 42                         # [42]
 * output: runs/quickstart          # [runs/NAME], relative to the working directory
 * space: {name: nb201, ...}        # required; other keys are the space's settings
 * board: jetson-tx2                # required; a built-in board or a profile .json path
 * batch: 1                         # [1] images per forward pass
 * proxy: {name: flops, ...}        # required; other keys are the proxy's settings
 * objectives: [accuracy, energy_mj]  # [accuracy, energy_mj]; also latency_ms
 * constraints: {max_energy_mj: 30, max_latency_ms: 10}   # [none]
 * reference_front: runs/true/front.csv   # [none] true front: drawn in plots, quality in run.json
 * search:
 *   algorithm: nsga2               # [nsga2] | random | evolution (regularised) | exhaustive
 *   population: 40                 # [40]
 *   max_evaluations: 500           # [500] unique architectures
 *   max_generations: 1000          # [1000]
 *   crossover_rate: 0.9            # [0.9]
 *   mutation_rate: 0.15            # [0.15] per gene
 *   sample_size: 10                # [min(10, population)] tournament sample of evolution
 *   threads: 0                     # [0 = all cores]; results do not depend on it
 * execution: {mode: local}         # [local]; or cluster, see {@link Execution}
 * </pre>
 *
 * @param name     experiment name
 * @param output   output directory
 * @param problem  what to search
 * @param settings  how to search
 * @param execution where candidates are evaluated
 * @param resolved  the configuration with defaults filled in, for the record
 * @param referenceFront the true front to compare with ({@code reference_front}: a {@code front.csv} of an exhaustive
 *                       run), or empty
 */
public record Experiment(String name, Path output, Problem problem, SearchSettings settings, Execution execution,
                         Map<String, Object> resolved, List<Evaluation> referenceFront) {

    public Experiment {
        referenceFront = referenceFront == null ? List.of() : List.copyOf(referenceFront);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Loads and checks a config file, building the space, board model and proxy it names.
     *
     * @throws ConfigException naming the file, line, key and allowed values of the first problem found
     */
    public static Experiment load(Path file) {
        return of(ConfigFile.read(file), file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
    }

    /**
     * Rebuilds an experiment from its {@link #resolvedJson()}, as a cluster worker does to evaluate a search's
     * candidates. Paths in it (board profiles, proxy tables) are resolved against this process's working directory.
     *
     * @throws ConfigException if the text is not such a config, or names what this process cannot load
     */
    public static Experiment fromResolvedJson(String json) {
        Map<String, Object> map;
        try {
            map = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new ConfigException("resolved config: malformed JSON: " + e.getOriginalMessage(), e);
        }
        return of(Parameters.of(map, "resolved config", "", k -> -1), "experiment");
    }

    /** The {@link #resolved()} config as JSON, for {@link #fromResolvedJson}. */
    public String resolvedJson() {
        try {
            return JSON.writeValueAsString(resolved);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("resolved config of " + name + " is not JSON", e);
        }
    }

    private static Experiment of(Parameters top, String stem) {
        String name = top.string("name", stem);
        long seed = top.longValue("seed", 42, 0, Long.MAX_VALUE);
        String output = top.string("output", "runs/" + name);

        Parameters spaceSection = top.section("space");
        requireSection(top, "space", "a search space, e.g. space: {name: nb201}");
        SearchSpace space = SearchSpaces.registry().get(spaceSection, "name").create(spaceSection);
        spaceSection.requireNoUnknownKeys();

        String boardName = top.requiredString("board", "name a board, e.g. board: jetson-tx2; available: "
                + String.join(", ", Boards.names()));
        BoardProfile board;
        EnergyModel energy;
        try {
            board = Boards.load(boardName);
            energy = Boards.model(board);
        } catch (ConfigException e) {
            throw top.error("board", e.getMessage());
        }
        int batch = top.integer("batch", 1, 1, 1 << 16);

        Parameters proxySection = top.section("proxy");
        requireSection(top, "proxy", "an accuracy proxy, e.g. proxy: {name: flops}");
        ProxyProvider proxyProvider = AccuracyProxies.registry().get(proxySection, "name");
        AccuracyProxy proxy;
        try {
            proxy = proxyProvider.create(proxySection, space);
        } catch (ConfigException e) {
            throw e.getMessage().startsWith(top.source()) ? e : proxySection.error("name", e.getMessage());
        }
        proxySection.requireNoUnknownKeys();

        List<Objective> objectives = objectives(top, energy);
        Parameters c = top.section("constraints");
        Double maxEnergy = c.has("max_energy_mj") ? c.number("max_energy_mj", 0, 1e-12, 1e12) : null;
        Double maxLatency = c.has("max_latency_ms") ? c.number("max_latency_ms", 0, 1e-12, 1e12) : null;
        if (maxLatency != null && !energy.hasLatency()) {
            throw c.error("max_latency_ms", "board " + board.name() + " has no latency model");
        }
        if (maxEnergy != null && !energy.hasEnergy()) {
            throw c.error("max_energy_mj", latencyOnly(energy));
        }
        c.requireNoUnknownKeys();

        String referencePath = top.string("reference_front", null);
        List<Evaluation> reference = List.of();
        if (referencePath != null) {
            try {
                reference = ReferenceFront.read(Path.of(referencePath), space);
            } catch (ConfigException e) {
                throw top.error("reference_front", e.getMessage());
            }
        }

        Parameters s = top.section("search");
        int cores = Runtime.getRuntime().availableProcessors();
        String algorithm = s.choice("algorithm", "nsga2", SearchSettings.ALGORITHMS);
        int population = s.integer("population", 40, 2, 100_000);
        int maxEvaluations = s.integer("max_evaluations", 500, 1, 100_000_000);
        int maxGenerations = s.integer("max_generations", 1000, 1, 100_000_000);
        double crossover = s.number("crossover_rate", 0.9, 0, 1);
        double mutation = s.number("mutation_rate", 0.15, 0, 1);
        int sampleSize = s.integer("sample_size", Math.min(10, population), 1, population);
        int threads = s.integer("threads", 0, 0, 4096);
        s.requireNoUnknownKeys();
        Execution execution = Execution.read(top.section("execution"), ConfigFile::read);
        top.requireNoUnknownKeys();

        SearchSettings settings = new SearchSettings(algorithm, population, maxEvaluations, maxGenerations,
                crossover, mutation, sampleSize, threads == 0 ? cores : threads, seed);
        Problem problem = new Problem(space, proxy, energy, batch, objectives, new Constraints(maxEnergy, maxLatency));

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("name", name);
        resolved.put("seed", seed);
        resolved.put("output", output);
        resolved.put("space", spaceSection.asMap());
        resolved.put("board", boardName);
        resolved.put("batch", batch);
        resolved.put("proxy", proxySection.asMap());
        resolved.put("objectives", objectives.stream().map(Objective::key).toList());
        Map<String, Object> cons = new LinkedHashMap<>();
        if (maxEnergy != null) {
            cons.put("max_energy_mj", maxEnergy);
        }
        if (maxLatency != null) {
            cons.put("max_latency_ms", maxLatency);
        }
        resolved.put("constraints", cons);
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("algorithm", algorithm);
        search.put("population", population);
        search.put("max_evaluations", maxEvaluations);
        search.put("max_generations", maxGenerations);
        search.put("crossover_rate", crossover);
        search.put("mutation_rate", mutation);
        search.put("sample_size", sampleSize);
        search.put("threads", threads);
        resolved.put("search", search);
        if (referencePath != null) {
            resolved.put("reference_front", referencePath);
        }
        resolved.put("execution", execution.asMap());
        return new Experiment(name, Path.of(output), problem, settings, execution, resolved, reference);
    }

    /** Fails unless plug-in section {@code key} of {@code top} is present. */
    private static void requireSection(Parameters top, String key, String example) {
        if (!top.has(key)) {
            throw top.error(key, "missing; name " + example);
        }
    }

    /** The message for energy asked of a board that models latency only. */
    private static String latencyOnly(EnergyModel energy) {
        return "board " + energy.board() + " models latency only (no energy measurements); its objectives: accuracy, "
                + "latency_ms";
    }

    private static List<Objective> objectives(Parameters top, EnergyModel energy) {
        List<String> names = top.strings("objectives", List.of("accuracy", "energy_mj"));
        if (names.size() < 2) {
            throw top.error("objectives", "expected two or more of: " + String.join(", ", Objective.keys()));
        }
        List<Objective> out = new ArrayList<>();
        for (String n : names) {
            Objective obj = Objective.byKey(n);
            if (obj == null) {
                throw top.error("objectives", "'" + n + "' is not an objective; allowed: "
                        + String.join(", ", Objective.keys()));
            }
            if (out.contains(obj)) {
                throw top.error("objectives", "'" + n + "' is listed twice");
            }
            if (obj == Objective.ENERGY_MJ && !energy.hasEnergy()) {
                throw top.error("objectives", "energy_mj: " + latencyOnly(energy));
            }
            if (obj == Objective.LATENCY_MS && !energy.hasLatency()) {
                throw top.error("objectives", "latency_ms: the board has no latency model");
            }
            out.add(obj);
        }
        return out;
    }

    /** This experiment with other search settings. */
    public Experiment withSettings(SearchSettings newSettings) {
        return new Experiment(name, output, problem, newSettings, execution, resolved, referenceFront);
    }

    /** This experiment with the output directory and/or seed replaced (null keeps the config's). */
    public Experiment withOverrides(Path newOutput, Long newSeed) {
        Map<String, Object> r = new LinkedHashMap<>(resolved);
        Path out = output;
        SearchSettings s = settings;
        if (newOutput != null) {
            out = newOutput;
            r.put("output", newOutput.toString());
        }
        if (newSeed != null) {
            s = s.withSeed(newSeed);
            r.put("seed", newSeed);
        }
        return new Experiment(name, out, problem, s, execution, r, referenceFront);
    }

    /** This experiment evaluating on {@code threads} local threads (results do not depend on it). */
    public Experiment withThreads(int threads) {
        return new Experiment(name, output, problem, settings.withThreads(threads), execution, resolved,
                referenceFront);
    }

    /** This experiment evaluating as {@code newExecution} says, recorded in {@link #resolved()}. */
    public Experiment withExecution(Execution newExecution) {
        Map<String, Object> r = new LinkedHashMap<>(resolved);
        r.put("execution", newExecution.asMap());
        return new Experiment(name, output, problem, settings, newExecution, r, referenceFront);
    }
}
