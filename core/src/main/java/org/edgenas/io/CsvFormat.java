package org.edgenas.io;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How the project writes values: into result files (CSV) exactly, for people (console and HTML tables) rounded, and
 * CSV fields quoted where needed.
 */
public final class CsvFormat {

    private CsvFormat() {
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

    /** A field, quoted (quotes doubled) if it holds a comma, quote or line break (RFC 4180). */
    public static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
