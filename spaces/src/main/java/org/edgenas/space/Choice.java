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

    /** Number of options; gene values lie in [0, cardinality). */
    public int cardinality() {
        return labels.size();
    }
}
