package org.edgenas.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.edgenas.search.Evaluation;

/** Formats result rows as CSV text. */
public final class Csv {

    /** Columns of {@code front.csv} and {@code evaluated.csv}. */
    public static final String HEADER = "arch,accuracy,energy_mj,latency_ms,macs,params";

    private Csv() {
    }

    /** A number with up to 10 significant digits, without exponent; empty for NaN (not modelled). */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    /** A field, quoted if it holds a comma, quote or line break. */
    public static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** The evaluations as CSV with {@link #HEADER}. */
    public static String evaluations(List<Evaluation> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Evaluation e : rows) {
            sb.append(field(e.arch())).append(',').append(number(e.accuracy())).append(',')
                    .append(number(e.energyMj())).append(',').append(number(e.latencyMs())).append(',')
                    .append(e.macs()).append(',').append(e.params()).append('\n');
        }
        return sb.toString();
    }
}
