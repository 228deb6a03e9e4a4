package org.edgenas.io;

import java.math.BigDecimal;
import java.math.MathContext;

/** How the project writes values into CSV files: numbers to 10 significant digits, fields quoted where needed. */
public final class CsvFormat {

    private CsvFormat() {
    }

    /** A number with up to 10 significant digits, without exponent; {@code inf}, {@code -inf}; empty for NaN. */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    /** A field, quoted (quotes doubled) if it holds a comma, quote or line break (RFC 4180). */
    public static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
