package org.edgenas.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.experiment.Experiment;
import org.edgenas.search.Objective;
import org.edgenas.search.SearchResult;

/**
 * Writes a run's output directory: {@code front.csv}, {@code evaluated.csv}, {@code run.json} and {@code front.png},
 * each atomically (see {@link AtomicFiles}).
 */
public final class RunWriter {

    private RunWriter() {
    }

    /** Writes the files of {@code result} into the experiment's output directory. */
    public static void write(Experiment experiment, Path configFile, SearchResult result, Instant started) {
        Path dir = experiment.output();
        AtomicFiles.write(dir.resolve("evaluated.csv"), Csv.evaluations(result.evaluated()));
        AtomicFiles.write(dir.resolve("front.csv"), Csv.evaluations(result.front()));
        List<Objective> objectives = experiment.problem().objectives();
        Objective cost = objectives.stream().filter(o -> !o.maximize()).findFirst().orElse(objectives.get(1));
        Objective gain = objectives.stream().filter(Objective::maximize).findFirst().orElse(objectives.get(0));
        AtomicFiles.write(dir.resolve("front.png"), FrontPlot.png(experiment.name() + ": "
                        + experiment.problem().space().name() + " on " + experiment.problem().energy().board(),
                result.evaluated(), result.front(), cost, gain, "accuracy proxy: " + experiment.problem().proxy().name()));
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
        try {
            AtomicFiles.write(dir.resolve("run.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(run) + "\n");
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
