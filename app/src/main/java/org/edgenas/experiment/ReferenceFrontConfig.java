package org.edgenas.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Estimate;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Problem;
import org.edgenas.space.SearchSpace;

/**
 * The top-level key {@code reference_front}: a known (true) front, a {@code front.csv} of an exhaustive run, drawn in
 * the plots and compared with in {@code run.json}; optional. A reference front is only meaningful for the run's own
 * objectives, so before it is used {@link #check} decides whether it is (see {@code docs/runs.md}).
 *
 * @param path  the file as given, or null when there is none
 * @param front its rows, architectures checked against the space (empty when there is none)
 */
public record ReferenceFrontConfig(String path, List<Evaluation> front) implements ConfigPart {

    /** Relative tolerance when a front's recorded figures are compared with the run's own. */
    private static final double TOLERANCE = 1e-9;

    public ReferenceFrontConfig {
        front = List.copyOf(front);
    }

    /** No reference front. */
    public static ReferenceFrontConfig none() {
        return new ReferenceFrontConfig(null, List.of());
    }

    /**
     * Reads {@code reference_front} of {@code top}, if present, and the file it names.
     *
     * @throws ConfigException at the key if the file is missing or malformed, or names architectures not of the space
     */
    public static ReferenceFrontConfig read(Parameters top, SearchSpace space) {
        String path = top.string("reference_front", null);
        if (path == null) {
            return none();
        }
        try {
            return new ReferenceFrontConfig(path, ReferenceFront.read(top.file("reference_front", ""), space));
        } catch (ConfigException e) {
            throw top.error("reference_front", e.getMessage());
        }
    }

    /**
     * Whether the reference front may be compared with a run of {@code config} (whose problem is {@code problem}),
     * decided from what the front records: the {@code run.json} next to it, when there is one, must name the run's
     * space (section), board, batch, accuracy proxy (section, {@code threads} and {@code timeout_s} aside),
     * objectives and constraints (a true front under other limits is another front); and its rows must have the
     * energy and latency that the run's board model gives their architectures, and, when there is no
     * {@code run.json}, its first row the score the run's proxy gives it. A front that fails is not used (no quality
     * numbers, not drawn), with a warning saying why.
     */
    public Check check(ExperimentConfig config, Problem problem) {
        if (path == null) {
            return new Check(List.of(), null);
        }
        String why;
        Path runJson = Path.of(path).toAbsolutePath().resolveSibling("run.json");
        if (Files.isRegularFile(runJson)) {
            why = provenance(runJson, config);
            if (why == null) {
                why = figures(problem, false);
            }
        } else {
            why = figures(problem, true);
        }
        if (why == null) {
            return new Check(front, null);
        }
        return new Check(List.of(), "reference_front " + path + " is not a front of this run's objectives: " + why
                + "; it is not drawn and no quality against it is reported");
    }

    /**
     * The outcome of {@link #check}.
     *
     * @param front   the reference front to use; empty when there is none or it was refused
     * @param refused why the configured front is not used, or null
     */
    public record Check(List<Evaluation> front, String refused) {

        public Check {
            front = List.copyOf(front);
        }
    }

    /** What differs between the run that wrote {@code runJson} and {@code config}, or null if nothing that matters. */
    private static String provenance(Path runJson, ExperimentConfig config) {
        Parameters recorded;
        try {
            recorded = ConfigFile.read(runJson).section("config");
        } catch (ConfigException e) {
            return "its run.json cannot be read (" + e.getMessage() + ")";
        }
        Map<String, Object> theirs = recorded.asMap();
        Map<String, Object> ours = config.resolved();
        List<String> differ = new ArrayList<>();
        if (!Objects.equals(plugin(theirs.get("space")), plugin(ours.get("space")))) {
            differ.add("space " + theirs.get("space") + " (this run: " + ours.get("space") + ")");
        }
        for (String key : List.of("board", "batch")) {
            if (!Objects.equals(String.valueOf(theirs.get(key)), String.valueOf(ours.get(key)))) {
                differ.add(key + " " + theirs.get(key) + " (this run: " + ours.get(key) + ")");
            }
        }
        Map<Object, Object> proxy = plugin(theirs.get("proxy"));
        if (proxy != null) {
            proxy.remove("threads");
            proxy.remove("timeout_s");
        }
        Map<Object, Object> ourProxy = plugin(ours.get("proxy"));
        ourProxy.remove("threads");
        ourProxy.remove("timeout_s");
        if (!Objects.equals(proxy, ourProxy)) {
            differ.add("proxy " + theirs.get("proxy") + " (this run: " + ours.get("proxy") + ")");
        }
        Object objectives = theirs.get("objectives");
        if (!(objectives instanceof List<?> l)
                || !new HashSet<>(l).equals(new HashSet<>((List<?>) ours.get("objectives")))) {
            differ.add("objectives " + objectives + " (this run: " + ours.get("objectives") + ")");
        }
        if (!Objects.equals(limits(theirs.get("constraints")), limits(ours.get("constraints")))) {
            differ.add("constraints " + theirs.get("constraints") + " (this run: " + ours.get("constraints") + ")");
        }
        return differ.isEmpty() ? null : "its run.json records " + String.join(", ", differ);
    }

    /** A constraints section's limits as numbers by key (none: empty), so that 9 and 9.0 compare equal. */
    private static Map<String, Double> limits(Object section) {
        Map<String, Double> m = new java.util.TreeMap<>();
        if (section instanceof Map<?, ?> map) {
            map.forEach((k, v) -> m.put(String.valueOf(k), v instanceof Number n ? n.doubleValue() : Double.NaN));
        }
        return m;
    }

    /** A plug-in section as a mutable map ({@code nb201} short form included), or null. */
    private static Map<Object, Object> plugin(Object section) {
        if (section instanceof Map<?, ?> m) {
            return new java.util.LinkedHashMap<>(m);
        }
        return section == null ? null : new java.util.LinkedHashMap<>(Map.of("name", String.valueOf(section)));
    }

    /** The first row whose figures are not the problem's, described, or null if all agree. */
    private String figures(Problem problem, boolean rescore) {
        List<Objective> objectives = problem.objectives();
        for (int i = 0; i < front.size(); i++) {
            Evaluation row = front.get(i);
            Architecture a = problem.space().parse(row.arch());
            Estimate e = problem.energy().estimate(a, problem.batch());
            String at = "row " + (i + 1) + " (" + row.arch() + ")";
            if (objectives.contains(Objective.ENERGY_MJ) && !close(row.energyMj(), e.energyMj())) {
                return at + " has energy_mj " + CsvFormat.number(row.energyMj()) + " where this run's board model gives "
                        + CsvFormat.number(e.energyMj());
            }
            if (objectives.contains(Objective.LATENCY_MS) && !close(row.latencyMs(), e.latencyMs())) {
                return at + " has latency_ms " + CsvFormat.number(row.latencyMs()) + " where this run's board model "
                        + "gives " + CsvFormat.number(e.latencyMs());
            }
            if (rescore && i == 0) {
                double score = problem.evaluate(a, 0).accuracy();
                if (!close(row.accuracy(), score)) {
                    return at + " has accuracy " + CsvFormat.number(row.accuracy()) + " where this run's proxy "
                            + problem.proxy().name() + " scores " + CsvFormat.number(score) + " (and no run.json "
                            + "next to it says what produced it)";
                }
            }
        }
        return null;
    }

    private static boolean close(double recorded, double ours) {
        return Double.compare(recorded, ours) == 0 || Math.abs(recorded - ours) <= TOLERANCE * Math.abs(ours);
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        if (path != null) {
            resolved.put("reference_front", path);
        }
    }
}
