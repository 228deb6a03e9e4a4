package org.edgenas.energy;

/**
 * A prediction interval of one quantity (energy per image in mJ, or latency per batch in ms): where the measured value
 * is expected to lie with the probability it was made for. Both bounds are NaN where the quantity is not modelled.
 *
 * @param low  lower bound
 * @param high upper bound, at least {@code low}
 */
public record Interval(double low, double high) {

    /** No interval: the quantity is not modelled. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    public Interval {
        if (high < low) {
            throw new IllegalArgumentException("an interval's upper bound " + high + " is below its lower bound "
                    + low);
        }
    }

    /** Whether {@code value} lies inside (bounds included). */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
