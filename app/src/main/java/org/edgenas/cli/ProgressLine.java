package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.edgenas.search.SearchListener;

/**
 * Prints a search's progress as lines (for logs and pipes), at most once a second and at the end: generation,
 * evaluations against the budget, evaluation rate, estimated time left, front size and hypervolume.
 */
final class ProgressLine implements SearchListener {

    private final PrintWriter out;
    private double lastPrint = -1;
    /** The last progress not printed, shown when the search finishes; null when the last one was printed. */
    private Progress pending;

    ProgressLine(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void progress(Progress p) {
        boolean done = p.evaluations() >= p.budget();
        if (!done && lastPrint >= 0 && p.seconds() - lastPrint < 1.0) {
            pending = p;
            return;
        }
        print(p);
    }

    /** Shows the last progress if it was skipped, so that the last line is the search's final state. */
    @Override
    public void finished() {
        if (pending != null) {
            print(pending);
        }
    }

    private void print(Progress p) {
        pending = null;
        lastPrint = p.seconds();
        out.println(format(p));
        out.flush();
    }

    /** One line describing {@code p}. */
    static String format(Progress p) {
        double rate = p.seconds() > 0 ? p.evaluations() / p.seconds() : 0;
        double eta = rate > 0 ? (p.budget() - p.evaluations()) / rate : Double.NaN;
        return String.format(Locale.ROOT, "gen %4d | evals %6d/%d (%3.0f%%) | %8.1f evals/s | ETA %s | front %d | "
                        + "HV %s", p.generation(), p.evaluations(), p.budget(), 100.0 * p.evaluations() / p.budget(),
                rate, Double.isNaN(eta) ? "?" : seconds(eta), p.frontSize(),
                Double.isNaN(p.hypervolume()) ? "-" : String.format(Locale.ROOT, "%.4f", p.hypervolume()));
    }

    private static String seconds(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.1fs", s) : String.format(Locale.ROOT, "%.1fmin", s / 60);
    }
}
