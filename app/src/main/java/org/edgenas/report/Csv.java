package org.edgenas.report;

import java.util.List;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Evaluation;

/** Formats result rows as CSV text ({@code front.csv}, {@code evaluated.csv}), values written by {@link CsvFormat}. */
public final class Csv {

    /** Columns of {@code front.csv} and {@code evaluated.csv}. */
    public static final String HEADER = "arch,accuracy,energy_mj,latency_ms,macs,params";

    private Csv() {
    }

    /** The evaluations as CSV with {@link #HEADER}. */
    public static String evaluations(List<Evaluation> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Evaluation e : rows) {
            sb.append(CsvFormat.field(e.arch())).append(',').append(CsvFormat.number(e.accuracy())).append(',')
                    .append(CsvFormat.number(e.energyMj())).append(',').append(CsvFormat.number(e.latencyMs()))
                    .append(',').append(e.macs()).append(',').append(e.params()).append('\n');
        }
        return sb.toString();
    }
}
