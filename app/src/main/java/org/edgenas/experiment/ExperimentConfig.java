package org.edgenas.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.cluster.Execution;
import org.edgenas.config.Parameters;

/**
 * An experiment config as a tree of typed parts, one per section, read in file order of importance (a mistake is
 * reported at the first part that finds it, naming file, line and key) and written back with defaults filled in.
 * See {@code docs/configs.md} for every key.
 *
 * <pre>
 * name: quickstart            # [file name without extension]
 * seed: 42                    # [42]
 * output: runs/quickstart     # [runs/NAME]
 * space: {name: nb201, ...}   # SpaceConfig
 * board: jetson-tx2           # EnergyConfig (with batch)
 * batch: 1
 * energy: {quantile: 0.9}     # UncertaintyConfig (with latency, intervals)
 * proxy: {name: flops, ...}   # ProxyConfig
 * objectives: [accuracy, energy_mj]                # ObjectivesConfig
 * constraints: {max_energy_mj: 30}                 # ConstraintsConfig
 * search: {algorithm: nsga2, ...}                  # SearchConfig
 * reference_front: runs/true/front.csv             # ReferenceFrontConfig
 * execution: {mode: local}                         # Execution
 * refine: {top: 8, evaluator: {name: train, ...}}  # RefineConfig
 * </pre>
 *
 * @param name           experiment name
 * @param seed           random seed of the search, &gt;= 0
 * @param output         output directory, relative to the working directory
 * @param space          the search space
 * @param energy         the board and batch size
 * @param uncertainty    quantiles scored instead of point estimates, and prediction intervals written
 * @param proxy          the accuracy proxy
 * @param objectives     what is optimised
 * @param constraints    budgets
 * @param search         how to search
 * @param referenceFront the known front, if any
 * @param execution      where candidates are evaluated
 * @param refine         the second stage after the search, if any (not part of the {@link #fingerprint()}: the search
 *                       does not depend on it)
 */
public record ExperimentConfig(String name, long seed, String output, SpaceConfig space, EnergyConfig energy,
                               UncertaintyConfig uncertainty, ProxyConfig proxy, ObjectivesConfig objectives,
                               ConstraintsConfig constraints, SearchConfig search,
                               ReferenceFrontConfig referenceFront, Execution execution, RefineConfig refine) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a whole config, building the space, board model and proxy it names.
     *
     * @param top  the file's top level
     * @param stem the default name (the file name without extension)
     * @throws org.edgenas.config.ConfigException naming the file, line, key and allowed values of the first problem
     */
    public static ExperimentConfig read(Parameters top, String stem) {
        String name = name(top, stem);
        long seed = top.longValue("seed", 42, 0, Long.MAX_VALUE);
        String output = output(top, "runs/" + name);
        SpaceConfig space = SpaceConfig.read(top);
        EnergyConfig energy = EnergyConfig.read(top);
        UncertaintyConfig uncertainty = UncertaintyConfig.read(top, energy);
        ProxyConfig proxy = ProxyConfig.read(top, space.space());
        ObjectivesConfig objectives = ObjectivesConfig.read(top, energy.model());
        ConstraintsConfig constraints = ConstraintsConfig.read(top, energy);
        ReferenceFrontConfig referenceFront = ReferenceFrontConfig.read(top, space.space());
        SearchConfig search = SearchConfig.read(top);
        Execution execution = Execution.read(top.section("execution"), ConfigFile::read);
        RefineConfig refine = RefineConfig.read(top, space.space());
        top.requireNoUnknownKeys();
        return new ExperimentConfig(name, seed, output, space, energy, uncertainty,
                proxy, objectives, constraints, search, referenceFront, execution, refine);
    }

    /**
     * {@code name}: a plain name (it names the default output directory {@code runs/NAME}), so no path separators,
     * not {@code .} or {@code ..}, not blank; {@code stem} when absent (or {@code experiment} if the file name is no
     * such name).
     */
    private static String name(Parameters top, String stem) {
        if (!top.has("name")) {
            return plainName(stem) == null ? stem : "experiment";
        }
        String name = top.string("name", stem);
        String why = plainName(name);
        if (why != null) {
            throw top.error("name", why + "; a name is a plain word such as quickstart (it names runs/NAME)");
        }
        return name;
    }

    /** Why {@code name} is not a plain name, or null if it is one. */
    private static String plainName(String name) {
        if (name.isBlank()) {
            return "empty";
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(Character::isISOControl)) {
            return org.edgenas.config.Quotes.of(name) + " is not a plain name (no path separators, '.' or '..')";
        }
        return null;
    }

    /**
     * {@code output}: a directory path that stays where it is written: not empty, not the working directory itself,
     * and a relative path must not leave the working directory through {@code ..} (an absolute path is taken as
     * written); {@code fallback} when absent.
     */
    private static String output(Parameters top, String fallback) {
        String output = top.string("output", fallback);
        if (!top.has("output")) {
            return output;
        }
        String why;
        try {
            java.nio.file.Path p = java.nio.file.Path.of(output);
            java.nio.file.Path n = p.normalize();
            why = output.isBlank() ? "empty; leave it out for runs/NAME, or name a directory"
                    : !p.isAbsolute() && n.toString().isEmpty() ? "is the working directory itself; name a directory "
                    + "for the run's files, e.g. runs/NAME"
                    : !p.isAbsolute() && n.startsWith("..") ? org.edgenas.config.Quotes.of(output) + " leaves the "
                    + "working directory; give a path inside it (or an absolute path), or --out DIR on the command line"
                    : null;
        } catch (java.nio.file.InvalidPathException e) {
            why = org.edgenas.config.Quotes.of(output) + " is not a valid path: " + e.getReason();
        }
        if (why != null) {
            throw top.error("output", why);
        }
        return output;
    }

    /** The config with every default filled in, as plain maps, lists and scalars (the {@code config} of run.json). */
    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", seed);
        m.put("output", output);
        space.writeTo(m);
        energy.writeTo(m);
        uncertainty.writeTo(m);
        proxy.writeTo(m);
        objectives.writeTo(m);
        constraints.writeTo(m);
        search.writeTo(m);
        referenceFront.writeTo(m);
        m.put("execution", execution.asMap());
        refine.writeTo(m);
        return m;
    }

    /**
     * What decides a run's result, as JSON: the resolved config without the output directory, the thread count and
     * where candidates are evaluated. A checkpoint records it, and a run resumes only from a checkpoint with the same.
     */
    public String fingerprint() {
        return json(outcome());
    }

    /**
     * What decides the result of the {@code refine} stage, as JSON: the search's {@link #fingerprint()} and the
     * {@code refine} section, without its evaluator's {@code threads} and {@code progress}. A refine checkpoint
     * records it.
     */
    public String refineFingerprint() {
        Map<String, Object> m = outcome();
        refine.writeTo(m);
        // how the evaluator runs (its threads, its progress output) does not change its scores
        if (m.get("refine") instanceof Map<?, ?> r && r.get("evaluator") instanceof Map<?, ?> ev) {
            Map<String, Object> section = new LinkedHashMap<>(castMap(r));
            Map<String, Object> evaluator = new LinkedHashMap<>(castMap(ev));
            evaluator.remove("threads");
            evaluator.remove("progress");
            section.put("evaluator", evaluator);
            m.put("refine", section);
        }
        return json(m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /**
     * The {@link #resolved()} config without what does not change the result ({@code output}, {@code execution}, the
     * search's thread count) and without {@code refine}, a stage of its own; derived from it, so that no section
     * can be left out of the fingerprint.
     */
    private Map<String, Object> outcome() {
        Map<String, Object> m = resolved();
        m.remove("output");
        m.remove("execution");
        m.remove("refine");
        m.put("search", search.outcomeSettings());
        return m;
    }

    /** The {@link #resolved()} config as JSON. */
    public String resolvedJson() {
        return json(resolved());
    }

    /** This config writing to {@code newOutput}. */
    public ExperimentConfig withOutput(String newOutput) {
        return new ExperimentConfig(name, seed, newOutput, space, energy, uncertainty,
                proxy, objectives, constraints, search, referenceFront, execution, refine);
    }

    /** This config with another seed. */
    public ExperimentConfig withSeed(long newSeed) {
        return new ExperimentConfig(name, newSeed, output, space, energy, uncertainty,
                proxy, objectives, constraints, search, referenceFront, execution, refine);
    }

    /** This config with another {@code search} section. */
    public ExperimentConfig withSearch(SearchConfig newSearch) {
        return new ExperimentConfig(name, seed, output, space, energy, uncertainty,
                proxy, objectives, constraints, newSearch, referenceFront, execution, refine);
    }

    /** This config evaluating as {@code newExecution} says. */
    public ExperimentConfig withExecution(Execution newExecution) {
        return new ExperimentConfig(name, seed, output, space, energy, uncertainty,
                proxy, objectives, constraints, search, referenceFront, newExecution, refine);
    }

    /** Fails unless plug-in section {@code key} of {@code top} is present. */
    static void requireSection(Parameters top, String key, String example) {
        if (!top.has(key)) {
            throw top.error(key, "missing; name " + example);
        }
    }

    /** An unmodifiable copy of a section, in its order. */
    static Map<String, Object> copy(Map<String, Object> section) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(section));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved config is plain JSON", e);
        }
    }
}
