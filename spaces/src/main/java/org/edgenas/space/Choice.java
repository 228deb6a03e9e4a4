package org.edgenas.space;

import java.util.List;
import java.util.Objects;

/**
 * One integer decision of a genotype: which of {@code labels.size()} options to take.
 *
 * @param name   what is decided, e.g. {@code edge1-3} or {@code conv2.kernel}
 * @param labels readable names of the options, index = gene value
 */
public record Choice(String name, List<String> labels) {

    public Choice {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("choice " + name + " needs at least one option");
        }
    }

    /** A choice among the given option labels. */
    public static Choice of(String name, List<String> labels) {
        return new Choice(name, labels);
    }

    /** A choice among the given integer options, labelled by their values. */
    public static Choice ofInts(String name, List<Integer> options) {
        return new Choice(name, options.stream().map(String::valueOf).toList());
    }

    /**
     * The position in {@code allowed} of the decimal number written as {@code digits} (any length, leading zeros
     * allowed), or -1: how an architecture string's numbers are read without overflowing an int.
     *
     * @param digits one or more ASCII digits
     */
    public static int indexOfDecimal(String digits, List<Integer> allowed) {
        String value = decimal(digits);
        for (int i = 0; i < allowed.size(); i++) {
            if (Integer.toString(allowed.get(i)).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code digits} without leading zeros ({@code "007"} → {@code "7"}, {@code "0"} stays), for messages. */
    public static String decimal(String digits) {
        return digits.replaceFirst("^0+(?=\\d)", "");
    }

    /** Number of options; gene values lie in [0, cardinality). */
    public int cardinality() {
        return labels.size();
    }
}
