package org.edgenas.space;

import java.util.List;
import org.edgenas.arch.Architecture;

/**
 * A family of architectures indexed by genotypes: the seam where users plug in their own spaces
 * (through a {@link SearchSpaceProvider}).
 *
 * @apiNote Implementations are immutable and thread-safe. {@link #decode} is total over valid genotypes: every
 * genotype whose genes lie within {@link #choices()} decodes to an architecture (a space repairs combinations it
 * cannot build, e.g. a feature map shrinking below one pixel, and the {@link Architecture#id() id} then names the
 * repaired architecture). {@code parse(decode(g).id())} returns a genotype that decodes to the same architecture,
 * and {@code decode(parse(s)).id().equals(s)} for every canonical string {@code s}.
 *
 * {@snippet :
 * SearchSpace space = SearchSpaces.create("nb201", Parameters.empty());
 * Architecture a = space.parse("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|");
 * long macs = a.macs();
 * }
 */
public interface SearchSpace {

    /** The name by which configs refer to this space, e.g. {@code nb201}. */
    String name();

    /** The decisions that make up a genotype, in gene order. */
    List<Choice> choices();

    /**
     * The architecture of a genotype.
     *
     * @throws ArchitectureFormatException if the genotype has the wrong length or a gene out of range
     */
    Architecture decode(Genotype genotype);

    /**
     * The genotype of an architecture string of this space (its canonical form, or any form the space accepts).
     *
     * @throws ArchitectureFormatException naming what is wrong with the string and what is allowed
     */
    Genotype encode(String architecture);

    /** The architecture named by a string: {@code decode(encode(architecture))}. */
    default Architecture parse(String architecture) {
        return decode(encode(architecture));
    }

    /**
     * The number of distinct genotypes, or -1 if it exceeds {@link Long#MAX_VALUE}.
     */
    default long size() {
        long n = 1;
        try {
            for (Choice c : choices()) {
                n = Math.multiplyExact(n, c.cardinality());
            }
        } catch (ArithmeticException overflow) {
            return -1;
        }
        return n;
    }

    /**
     * Checks that a genotype fits {@link #choices()}.
     *
     * @throws ArchitectureFormatException naming the first gene out of range
     */
    default void validate(Genotype genotype) {
        List<Choice> choices = choices();
        if (genotype.size() != choices.size()) {
            throw new ArchitectureFormatException(name() + ": a genotype has " + choices.size() + " genes, got "
                    + genotype.size());
        }
        for (int i = 0; i < choices.size(); i++) {
            int v = genotype.get(i);
            if (v < 0 || v >= choices.get(i).cardinality()) {
                throw new ArchitectureFormatException(name() + ": gene " + i + " (" + choices.get(i).name()
                        + ") is " + v + ", allowed 0.." + (choices.get(i).cardinality() - 1));
            }
        }
    }
}
