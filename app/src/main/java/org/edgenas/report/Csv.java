package org.edgenas.report;

import java.util.List;
import java.util.function.Function;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Evaluation;

/**
 * Formats result rows as CSV text ({@code front.csv}, {@code evaluated.csv}), values written by {@link CsvFormat}:
 * {@code arch,accuracy,energy_mj,latency_ms,macs,params,feasible,violation}. {@code feasible} is {@code true} when the
 * architecture meets every constraint; {@code violation} is its constraint violation (the sum of relative excess over
 * each bound, 0 when feasible, {@code inf} for a candidate recorded as failed). A run with prediction intervals
 * ({@code intervals} in its config) adds {@link #INTERVALS}.
 */
public final class Csv {

    /** Columns of {@code front.csv} and {@code evaluated.csv}: the first six as before, then feasibility. */
    public static final String HEADER = "arch,accuracy,energy_mj,latency_ms,macs,params,feasible,violation";

    private Csv() {
    }

    /** Columns added after {@link #HEADER} when a run writes prediction intervals. */
    public static final String INTERVALS = "energy_mj_low,energy_mj_high,latency_ms_low,latency_ms_high";

    /**
     * The evaluations as CSV with {@link #HEADER} and, where {@code bounds} is given, {@link #INTERVALS}: the
     * {@code {energy low, energy high, latency low, latency high}} it gives each row (NaN, written empty, where not
     * modelled).
     */
    public static String evaluations(List<Evaluation> rows, Function<Evaluation, double[]> bounds) {
        StringBuilder sb = new StringBuilder(HEADER).append(bounds == null ? "" : "," + INTERVALS).append('\n');
        for (Evaluation e : rows) {
            sb.append(CsvFormat.field(e.arch())).append(',').append(CsvFormat.number(e.accuracy())).append(',')
                    .append(CsvFormat.number(e.energyMj())).append(',').append(CsvFormat.number(e.latencyMs()))
                    .append(',').append(e.macs()).append(',').append(e.params()).append(',').append(e.feasible())
                    .append(',').append(CsvFormat.number(e.violation()));
            if (bounds != null) {
                for (double b : bounds.apply(e)) {
                    sb.append(',').append(CsvFormat.number(b));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
