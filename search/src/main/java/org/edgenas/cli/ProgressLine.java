package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.edgenas.search.SearchListener;

/**
 * Prints a search's progress to a stream, at most once a second and at the end: generation, evaluations against
 * the budget, evaluation rate, estimated time left and the current front size.
 */
final class ProgressLine implements SearchListener {

    private final PrintWriter out;
    private double lastPrint = -1;

    ProgressLine(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void generation(int generation, int evaluations, int budget, int frontSize, double seconds) {
        boolean done = evaluations >= budget;
        if (!done && lastPrint >= 0 && seconds - lastPrint < 1.0) {
            return;
        }
        lastPrint = seconds;
        double rate = seconds > 0 ? evaluations / seconds : 0;
        double eta = rate > 0 ? (budget - evaluations) / rate : Double.NaN;
        out.printf(Locale.ROOT, "gen %4d | evals %6d/%d (%3.0f%%) | %8.1f evals/s | ETA %s | front %d%n", generation,
                evaluations, budget, 100.0 * evaluations / budget, rate, Double.isNaN(eta) ? "?" : format(eta),
                frontSize);
        out.flush();
    }

    private static String format(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.1fs", s) : String.format(Locale.ROOT, "%.1fmin", s / 60);
    }
}
