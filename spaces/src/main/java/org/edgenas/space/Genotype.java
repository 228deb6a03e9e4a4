package org.edgenas.space;

import java.util.Arrays;

/**
 * An immutable fixed-length vector of integer choices, the search engine's view of an architecture. It does not
 * depend on any optimisation library; value {@code i} lies in [0, cardinality of choice i) of its space.
 */
public final class Genotype {

    private final int[] values;

    private Genotype(int[] values) {
        this.values = values;
    }

    /** A genotype holding a copy of {@code values}. */
    public static Genotype of(int... values) {
        return new Genotype(values.clone());
    }

    /** Number of genes. */
    public int size() {
        return values.length;
    }

    /** Gene {@code i}. */
    public int get(int i) {
        return values[i];
    }

    /** A copy of the genes. */
    public int[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Genotype g && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
