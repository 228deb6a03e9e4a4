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

    /**
     * A number as written to result files: the shortest decimal that reads back as exactly {@code x} (so equal values
     * print equal and different values differ), without exponent; empty for NaN (not modelled); {@code inf}/{@code -inf}.
     */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            return special(x);
        }
        // Double.toString gives the shortest round-trip digits (JDK 19+); BigDecimal drops the exponent
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    /** A number as shown to people in tables (console, HTML): at most 10 significant digits, without exponent. */
    public static String display(double x) {
        if (!Double.isFinite(x)) {
            return special(x);
        }
        return new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    private static String special(double x) {
        return Double.isNaN(x) ? "" : x > 0 ? "inf" : "-inf";
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
