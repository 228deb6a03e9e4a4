package org.edgenas.config;

import java.util.Collection;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?" hints for mistyped names and keys. */
public final class Suggestions {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {
    }

    /**
     * The option closest to {@code given} by edit distance (case-insensitive), if it is close enough to be a likely
     * typo: at most two edits or a third of the longer word's length, whichever is more, and fewer edits than the
     * shorter word has letters (so {@code x} suggests nothing for {@code a}).
     */
    public static java.util.Optional<String> closest(String given, Collection<String> options) {
        if (given == null || given.isEmpty()) {
            return java.util.Optional.empty();
        }
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : options) {
            int d = DISTANCE.apply(g, option.toLowerCase(Locale.ROOT));
            int allowed = Math.max(2, Math.max(g.length(), option.length()) / 3);
            if (d <= allowed && d < Math.min(g.length(), option.length()) && d < bestDistance) {
                best = option;
                bestDistance = d;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'x'?"} when {@link #closest} finds one, else the empty string. */
    public static String didYouMean(String given, Collection<String> options) {
        return closest(given, options).map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
