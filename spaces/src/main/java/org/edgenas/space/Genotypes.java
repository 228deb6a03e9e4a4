package org.edgenas.space;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/** Genotypes of a list of choices: how many there are, one drawn at random, and all of them in order. */
public final class Genotypes {

    private Genotypes() {
    }

    /** The number of genotypes of {@code choices} (the product of their cardinalities), or -1 beyond 2^63 - 1. */
    public static long count(List<Choice> choices) {
        long n = 1;
        try {
            for (Choice c : choices) {
                n = Math.multiplyExact(n, c.cardinality());
            }
        } catch (ArithmeticException overflow) {
            return -1;
        }
        return n;
    }

    /**
     * A genotype drawn uniformly, gene by gene in gene order: gene {@code i} is {@code random.nextInt(cardinality of
     * choice i)}. The same generator state gives the same genotype.
     */
    public static Genotype random(List<Choice> choices, RandomGenerator random) {
        int[] g = new int[choices.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextInt(choices.get(i).cardinality());
        }
        return Genotype.of(g);
    }

    /**
     * Every genotype of {@code choices}, lazily, in mixed-radix order: the last gene changes fastest, starting from
     * all zeros.
     */
    public static Iterable<Genotype> all(List<Choice> choices) {
        List<Choice> fixed = List.copyOf(choices);
        return () -> new Iterator<>() {
            private final int[] next = new int[fixed.size()];
            private boolean more = true;

            @Override
            public boolean hasNext() {
                return more;
            }

            @Override
            public Genotype next() {
                if (!more) {
                    throw new NoSuchElementException();
                }
                Genotype g = Genotype.of(next);
                more = false;
                for (int i = next.length - 1; i >= 0; i--) {
                    if (++next[i] < fixed.get(i).cardinality()) {
                        more = true;
                        break;
                    }
                    next[i] = 0;
                }
                return g;
            }
        };
    }
}
