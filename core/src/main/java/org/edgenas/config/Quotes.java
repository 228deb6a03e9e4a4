package org.edgenas.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quotes user input in messages without echoing all of a huge value: a value of more than {@value #LONGEST}
 * characters is shown as its first {@value #PREFIX} characters, an ellipsis and its length, e.g.
 * {@code 'nor_conv_3x3~0|+|nor_conv_3x3~0|...' (1300000 characters)}.
 */
public final class Quotes {

    /** The longest value quoted whole. */
    public static final int LONGEST = 80;

    /** Characters of a longer value that are shown. */
    public static final int PREFIX = 60;

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{" + (LONGEST + 1) + ",})'");

    private Quotes() {
    }

    /** {@code value} in single quotes, shortened if it is longer than {@link #LONGEST} characters. */
    public static String of(String value) {
        if (value.length() <= LONGEST) {
            return "'" + value + "'";
        }
        return String.format(Locale.ROOT, "'%s...' (%d characters)", value.substring(0, PREFIX), value.length());
    }

    /** {@code message} with every single-quoted value in it longer than {@link #LONGEST} characters shortened. */
    public static String shortenIn(String message) {
        if (message == null || message.length() <= LONGEST) {
            return message;
        }
        Matcher m = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(of(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
