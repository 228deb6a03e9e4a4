package org.edgenas.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.edgenas.energy.DomainShare;
import org.edgenas.experiment.Experiment;
import org.edgenas.experiment.ReferenceFrontConfig;
import org.edgenas.io.AtomicFiles;
import org.edgenas.io.CsvFormat;
import org.edgenas.io.JsonText;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.SearchResult;

/**
 * Writes a run's output directory, each file atomically (see {@link AtomicFiles}): {@code front.csv},
 * {@code evaluated.csv}, {@code run.json}, {@code front.png} and {@code front.svg}, {@code convergence.png} (two
 * objectives) and {@code report.html}. Quality numbers come from the run's {@link RunSummary} (one scale for the
 * progress line, the convergence plot and {@code run.json}).
 */
public final class RunWriter {

    private RunWriter() {
    }

    /**
     * How a run came about, for its record.
     *
     * @param configFile the config file
     * @param started    when the run started
     * @param outside    how many evaluated networks lie outside the board's calibration data
     * @param arguments  the command line's arguments, as given
     * @param overrides  the command-line options that changed the config's values (option to value)
     * @param reference  the checked reference front
     */
    public record Context(Path configFile, Instant started, DomainShare outside, List<String> arguments,
                          Map<String, Object> overrides, ReferenceFrontConfig.Check reference) {

        public Context {
            arguments = List.copyOf(arguments);
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }
    }

    /**
     * Writes the files of {@code result} into the experiment's output directory. Each file is written whole (see
     * {@link AtomicFiles}), and {@code run.json} last, after the previous run's is removed first: a directory whose
     * result files have no {@code run.json} beside them holds an unfinished set (a run killed while writing; its
     * complete checkpoint lets {@code --resume} write them again), and one with a {@code run.json} a complete set of
     * that run.
     */
    public static void write(Experiment experiment, Context context, SearchResult result, RunSummary summary) {
        Path dir = experiment.output();
        deleteStale(dir.resolve("run.json"));
        deleteStale(dir.resolve("report.html"));
        String title = experiment.name() + ": " + experiment.problem().space().name() + " on "
                + experiment.problem().energy().board();
        byte[] frontPng = writeFront(dir, experiment, result.evaluated(), result.front(), context.reference().front(),
                title);
        Convergence curve = Convergence.of(result.evaluated(), summary.scale());
        byte[] curvePng = null;
        if (curve.evaluations().length > 0) {
            curvePng = curve.png(title + ": convergence");
            AtomicFiles.write(dir.resolve("convergence.png"), curvePng);
        } else {
            deleteStale(dir.resolve("convergence.png"));
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", "edgenas");
        run.put("version", version());
        run.put("config_file", context.configFile().toString());
        run.put("command_line", commandLine(context));
        run.put("config", experiment.resolved());
        run.put("started", context.started().toString());
        run.put("wall_seconds", result.seconds());
        run.put("generations", result.generations());
        run.put("evaluations", result.evaluated().size());
        run.put("budget", budget(experiment, result));
        run.put("stop_reason", result.stopReason().key());
        run.put("front_size", result.front().size());
        run.putAll(summary.counts());
        if (summary.unmetConstraints() != null) {
            run.put("constraints_unmet", summary.unmetConstraints());
        }
        run.put("threads", experiment.settings().threads());
        run.put("java", System.getProperty("java.version"));
        run.put("outside_calibration_domain", context.outside().toJson());
        if (experiment.config().referenceFront().path() != null) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("path", experiment.config().referenceFront().path());
            ref.put("used", context.reference().refused() == null);
            if (context.reference().refused() != null) {
                ref.put("refused", context.reference().refused());
            }
            run.put("reference_front", ref);
        }
        Map<String, Object> quality = summary.quality();
        if (!quality.isEmpty()) {
            run.put("quality", quality);
        }

        Map<String, String> table = new LinkedHashMap<>();
        table.put("space", experiment.problem().space().name());
        table.put("board", experiment.problem().energy().board());
        table.put("accuracy proxy", experiment.problem().proxy().name());
        table.put("algorithm", experiment.settings().algorithm().name() + ", seed " + experiment.settings().seed());
        table.put("unique architectures evaluated", result.evaluated().size() + " of a budget of " + result.budget());
        table.put("stopped because", result.stopReason().description());
        table.put("feasible", Long.toString(summary.feasible()));
        table.put("generations", Integer.toString(result.generations()));
        table.put("wall time", String.format(Locale.ROOT, "%.2f s", result.seconds()));
        table.put("front size", Integer.toString(result.front().size()));
        if (summary.worthless() > 0) {
            table.put("worthless (score -inf)", summary.worthless() + ", of which " + summary.leftOff().size()
                    + " left off the front");
        }
        quality.forEach((k, v) -> table.put(k.replace('_', ' '), v instanceof Double d ? CsvFormat.display(d)
                : String.valueOf(v)));
        List<String> notes = summary.notes();
        for (int i = 0; i < notes.size(); i++) {
            table.put(notes.size() == 1 ? "note" : "note " + (i + 1), notes.get(i));
        }
        AtomicFiles.write(dir.resolve("report.html"), HtmlReport.page(title, table, frontPng, curvePng,
                result.front(), json(experiment.resolved())));
        AtomicFiles.write(dir.resolve("run.json"), json(run));
    }

    /**
     * Writes a front's files into {@code dir}: {@code evaluated.csv} and {@code front.csv} (with the interval columns
     * where the config asks for them), {@code front.png} and {@code front.svg}, cost against gain with the
     * intervals as error bars.
     *
     * @param reference a reference front to draw (empty for none)
     * @return the PNG, for a report
     */
    static byte[] writeFront(Path dir, Experiment experiment, List<Evaluation> evaluated, List<Evaluation> front,
                             List<Evaluation> reference, String title) {
        Function<Evaluation, double[]> bounds = bounds(experiment, evaluated);
        AtomicFiles.write(dir.resolve("evaluated.csv"), Csv.evaluations(evaluated, bounds));
        AtomicFiles.write(dir.resolve("front.csv"), Csv.evaluations(front, bounds));
        List<Objective> objectives = experiment.problem().objectives();
        Objective cost = cost(objectives);
        Objective gain = objectives.stream().filter(Objective::maximize).findFirst().orElse(objectives.get(0));
        FrontPlot plot = FrontPlot.of(title, evaluated, front, reference, cost, gain,
                "accuracy proxy: " + experiment.problem().proxy().name(), experiment.problem().constraints(),
                FrontPlot.bars(bounds, cost, experiment.config().uncertainty()));
        byte[] png = plot.png();
        AtomicFiles.write(dir.resolve("front.png"), png);
        AtomicFiles.write(dir.resolve("front.svg"), plot.svg());
        return png;
    }

    /** The objective a front plot puts on its x axis: the first minimised one (else the second). */
    static Objective cost(List<Objective> objectives) {
        return objectives.stream().filter(o -> !o.maximize()).findFirst().orElse(objectives.get(1));
    }

    /**
     * The prediction intervals of the evaluated architectures where the config asks for them (null otherwise): each
     * architecture's bounds around the board model's point estimate, empty (NaN) for one without finite costs.
     */
    static Function<Evaluation, double[]> bounds(Experiment experiment, List<Evaluation> evaluated) {
        var u = experiment.config().uncertainty();
        if (!u.intervals()) {
            return null;
        }
        var point = experiment.config().energy().model();
        int batch = experiment.problem().batch();
        var space = experiment.problem().space();
        Map<String, double[]> byArch = new java.util.HashMap<>();
        double[] none = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (Evaluation e : evaluated) {
            if (Double.isFinite(e.energyMj()) || Double.isFinite(e.latencyMs())) {
                byArch.put(e.arch(), u.bounds(point, space.parse(e.arch()), batch));
            }
        }
        return e -> byArch.getOrDefault(e.arch(), none);
    }

    /** The command line, and the options in it that changed the config's values. */
    private static Map<String, Object> commandLine(Context context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arguments", context.arguments());
        m.put("overrides", context.overrides());
        return m;
    }

    /** The budget of unique architectures: as configured, and as the space allowed. */
    private static Map<String, Object> budget(Experiment experiment, SearchResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_evaluations", experiment.settings().maxEvaluations());
        m.put("effective", result.budget());
        long architectures = experiment.problem().space().architectureCount();
        m.put("space_architectures", architectures >= 0 ? architectures : null);
        return m;
    }

    /** Removes a file an earlier run into the same directory left, which this run does not write. */
    private static void deleteStale(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    private static String json(Object o) {
        return JsonText.indented(o);
    }

    /** The project version, from the jar manifest where available. */
    public static String version() {
        String v = RunWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
