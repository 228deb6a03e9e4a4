package org.edgenas.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.experiment.Experiment;
import org.edgenas.io.AtomicFiles;
import org.edgenas.io.CsvFormat;
import org.edgenas.io.JsonText;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.edgenas.search.Refinement;

/**
 * Writes the files of a refine stage into a run's output directory, each atomically: {@code refined.csv} (one row
 * per re-scored candidate), {@code refined.png} (the search's proxy score against the evaluator's, with Spearman's
 * rho), {@code refined-front.png} (the re-scored candidates with their front on the evaluator's accuracy) and
 * {@code refined.json} (the summary).
 */
public final class RefineWriter {

    /** Header of {@code refined.csv}. */
    public static final String HEADER = "rank,arch,proxy_score,refined_accuracy,energy_mj,latency_ms,macs,params,"
            + "refined_front";

    private RefineWriter() {
    }

    /** Writes the files of {@code result}, the refinement {@code experiment} asked for. */
    public static void write(Experiment experiment, Refinement refinement, Refinement.Result result) {
        Path dir = experiment.output();
        AtomicFiles.write(dir.resolve("refined.csv"), csv(result));
        String proxy = experiment.problem().proxy().name();
        String evaluator = refinement.evaluator().name();
        double rho = result.spearman();
        double[] proxyScores = result.refined().stream().mapToDouble(r -> r.search().accuracy()).toArray();
        double[] refined = result.refined().stream().mapToDouble(Refinement.Refined::accuracy).toArray();
        String title = String.format(Locale.ROOT, "%s: %s vs %s, Spearman rho = %s (%d candidates)",
                experiment.name(), proxy, evaluator, CsvFormat.display(rho), result.refined().size());
        AtomicFiles.write(dir.resolve("refined.png"), ScatterPlot.png(title, "accuracy proxy: " + proxy,
                "refined accuracy: " + evaluator, proxyScores, refined));
        List<Objective> objectives = experiment.problem().objectives();
        Objective cost = RunWriter.cost(objectives);
        List<Evaluation> all = result.refined().stream().map(Refinement.Refined::refined).toList();
        List<Evaluation> front = result.front().stream().map(Refinement.Refined::refined).toList();
        FrontPlot plot = FrontPlot.of(experiment.name() + ": front on " + evaluator + " accuracy", all, front,
                List.of(), cost, Objective.ACCURACY, "refined accuracy: " + evaluator,
                experiment.problem().constraints());
        AtomicFiles.write(dir.resolve("refined-front.png"), plot.png());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("proxy", proxy);
        summary.put("evaluator", evaluator);
        summary.put("top", refinement.top());
        summary.put("refined", result.refined().size());
        summary.put("spearman", Double.isFinite(rho) ? rho : null);
        summary.put("refined_front", front.stream().map(Evaluation::arch).toList());
        summary.put("evaluation_seconds", result.seconds());
        AtomicFiles.write(dir.resolve("refined.json"), JsonText.indented(summary));
    }

    /** {@code refined.csv}: candidates in selection order (cheapest first), numbered as in {@code refined.png}. */
    static String csv(Refinement.Result result) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        int rank = 1;
        for (Refinement.Refined r : result.refined()) {
            Evaluation e = r.search();
            sb.append(rank++).append(',').append(CsvFormat.field(e.arch())).append(',').append(CsvFormat.number(e.accuracy()))
                    .append(',').append(CsvFormat.number(r.accuracy())).append(',').append(CsvFormat.number(e.energyMj()))
                    .append(',').append(CsvFormat.number(e.latencyMs())).append(',').append(e.macs()).append(',')
                    .append(e.params()).append(',').append(result.front().contains(r)).append('\n');
        }
        return sb.toString();
    }
}
