package org.edgenas.report;

import java.util.List;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Evaluation;

/**
 * Formats result rows as CSV text ({@code front.csv}, {@code evaluated.csv}), values written by {@link CsvFormat}:
 * {@code arch,accuracy,energy_mj,latency_ms,macs,params,feasible,violation}. {@code feasible} is {@code true} when the
 * architecture meets every constraint; {@code violation} is its constraint violation (the sum of relative excess over
 * each bound, 0 when feasible, {@code inf} for a candidate recorded as failed).
 */
public final class Csv {

    /** Columns of {@code front.csv} and {@code evaluated.csv}: the first six as before, then feasibility. */
    public static final String HEADER = "arch,accuracy,energy_mj,latency_ms,macs,params,feasible,violation";

    private Csv() {
    }

    /** The evaluations as CSV with {@link #HEADER}. */
    public static String evaluations(List<Evaluation> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Evaluation e : rows) {
            sb.append(CsvFormat.field(e.arch())).append(',').append(CsvFormat.number(e.accuracy())).append(',')
                    .append(CsvFormat.number(e.energyMj())).append(',').append(CsvFormat.number(e.latencyMs()))
                    .append(',').append(e.macs()).append(',').append(e.params()).append(',').append(e.feasible())
                    .append(',').append(CsvFormat.number(e.violation())).append('\n');
        }
        return sb.toString();
    }
}
