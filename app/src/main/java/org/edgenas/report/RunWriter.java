package org.edgenas.report;

import org.edgenas.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.energy.DomainShare;
import org.edgenas.experiment.Experiment;
import org.edgenas.quality.FrontQuality;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Pareto;
import org.edgenas.search.SearchResult;
import org.knowm.xchart.XYChart;

/**
 * Writes a run's output directory, each file atomically (see {@link AtomicFiles}): {@code front.csv},
 * {@code evaluated.csv}, {@code run.json}, {@code front.png} and {@code front.svg}, {@code convergence.png} (two
 * objectives) and {@code report.html}. With a reference (true) front, {@code run.json} and the report give the
 * hypervolume ratio, IGD and additive epsilon on normalised objectives.
 */
public final class RunWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunWriter() {
    }

    /**
     * Writes the files of {@code result} into the experiment's output directory; {@code outside} (how many evaluated
     * networks lie outside the board's calibration data) goes into {@code run.json}.
     */
    public static void write(Experiment experiment, Path configFile, SearchResult result, Instant started,
                             DomainShare outside) {
        Path dir = experiment.output();
        List<Objective> objectives = experiment.problem().objectives();
        List<Evaluation> reference = experiment.referenceFront();
        AtomicFiles.write(dir.resolve("evaluated.csv"), Csv.evaluations(result.evaluated()));
        AtomicFiles.write(dir.resolve("front.csv"), Csv.evaluations(result.front()));
        Objective cost = objectives.stream().filter(o -> !o.maximize()).findFirst().orElse(objectives.get(1));
        Objective gain = objectives.stream().filter(Objective::maximize).findFirst().orElse(objectives.get(0));
        String title = experiment.name() + ": " + experiment.problem().space().name() + " on "
                + experiment.problem().energy().board();
        XYChart frontChart = FrontPlot.chart(title, result.evaluated(), result.front(), reference, cost, gain,
                "accuracy proxy: " + experiment.problem().proxy().name());
        byte[] frontPng = FrontPlot.png(frontChart);
        AtomicFiles.write(dir.resolve("front.png"), frontPng);
        AtomicFiles.write(dir.resolve("front.svg"), FrontPlot.svg(frontChart));
        Convergence curve = Convergence.of(result.evaluated(), objectives, reference);
        byte[] curvePng = null;
        if (curve.evaluations().length > 0) {
            curvePng = FrontPlot.png(curve.chart(title + ": convergence"));
            AtomicFiles.write(dir.resolve("convergence.png"), curvePng);
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", "edgenas");
        run.put("version", version());
        run.put("config_file", configFile.toString());
        run.put("config", experiment.resolved());
        run.put("started", started.toString());
        run.put("wall_seconds", result.seconds());
        run.put("generations", result.generations());
        run.put("evaluations", result.evaluated().size());
        run.put("front_size", result.front().size());
        run.put("threads", experiment.settings().threads());
        run.put("java", System.getProperty("java.version"));
        run.put("outside_calibration_domain", outside.toJson());
        Map<String, Object> quality = quality(result, objectives, reference);
        if (!quality.isEmpty()) {
            run.put("quality", quality);
        }
        String runJson = json(run);
        AtomicFiles.write(dir.resolve("run.json"), runJson);

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("space", experiment.problem().space().name());
        summary.put("board", experiment.problem().energy().board());
        summary.put("accuracy proxy", experiment.problem().proxy().name());
        summary.put("algorithm", experiment.settings().algorithm().name() + ", seed " + experiment.settings().seed());
        summary.put("unique architectures evaluated", Integer.toString(result.evaluated().size()));
        summary.put("generations", Integer.toString(result.generations()));
        summary.put("wall time", String.format(Locale.ROOT, "%.2f s", result.seconds()));
        summary.put("front size", Integer.toString(result.front().size()));
        quality.forEach((k, v) -> summary.put(k.replace('_', ' '), String.valueOf(v)));
        AtomicFiles.write(dir.resolve("report.html"), HtmlReport.page(title, summary, frontPng, curvePng,
                result.front(), json(experiment.resolved())));
    }

    /** Hypervolume ratio, IGD and additive epsilon against the reference front (two objectives), else empty. */
    static Map<String, Object> quality(SearchResult result, List<Objective> objectives, List<Evaluation> reference) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (reference.isEmpty() || objectives.size() != 2) {
            return q;
        }
        FrontQuality against = FrontQuality.against(Pareto.minimised(reference, objectives));
        List<double[]> found = Pareto.minimised(result.front(), objectives);
        q.put("hypervolume_ratio", against.hypervolumeRatio(found));
        q.put("igd", against.igd(found));
        q.put("additive_epsilon", against.additiveEpsilon(found));
        q.put("normalisation", "objectives scaled by the reference front's ideal and nadir; reference point 1.1");
        return q;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project version, from the jar manifest where available. */
    public static String version() {
        String v = RunWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
