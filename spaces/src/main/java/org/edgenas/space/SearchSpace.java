package org.edgenas.space;

import java.util.List;
import org.edgenas.arch.Architecture;

/**
 * A family of architectures indexed by genotypes: the seam where users plug in their own spaces
 * (through a {@link SearchSpaceProvider}). An implementation provides {@link #name()}, {@link #choices()},
 * {@link #build} and {@link #encode}; the framework calls {@link #decode}, which validates a genotype before
 * {@code build} sees it.
 *
 * @apiNote Implementations are immutable and thread-safe, and {@link #choices()} returns the same list on every call
 * (build it once). {@link #build} is total over valid genotypes: every genotype whose genes lie within
 * {@link #choices()} decodes to an architecture (a space repairs combinations it cannot build, e.g. a feature map
 * shrinking below one pixel, and the {@link Architecture#id() id} then names the repaired architecture).
 * {@code parse(decode(g).id())} returns an architecture with the same id as {@code decode(g)}, and
 * {@code decode(encode(s)).id().equals(s)} for every canonical string {@code s}. A string that is not an
 * architecture of the space makes {@link #encode} throw {@link ArchitectureFormatException}, never return a genotype
 * out of range. Several genotypes may decode to one architecture (genes a repair or a shorter depth ignores): then
 * override {@link #architectureCount()} so that budgets count architectures. {@code SearchSpaceContract} in this
 * module's test jar checks all of this for a space.
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

    /** The decisions that make up a genotype, in gene order: the same (immutable) list on every call. */
    List<Choice> choices();

    /**
     * The architecture of a genotype that {@link #validate} accepted. Called only through {@link #decode}.
     *
     * @param genotype a genotype whose length and genes fit {@link #choices()}
     */
    Architecture build(Genotype genotype);

    /**
     * The genotype of an architecture string of this space (its canonical form, or any form the space accepts).
     *
     * @throws ArchitectureFormatException naming what is wrong with the string and what is allowed
     */
    Genotype encode(String architecture);

    /**
     * The architecture of a genotype: {@link #validate} it, then {@link #build} it. Not for implementations to
     * override.
     *
     * @throws ArchitectureFormatException if the genotype has the wrong length or a gene out of range, or its network
     *                                     cannot be built with this space's settings (a layer's shapes do not fit, a
     *                                     tensor too large)
     */
    default Architecture decode(Genotype genotype) {
        validate(genotype);
        try {
            return build(genotype);
        } catch (org.edgenas.arch.ShapeException e) {
            throw new ArchitectureFormatException(name() + ": the network of genotype " + genotype + " cannot be "
                    + "built with these space settings: " + e.getMessage());
        }
    }

    /** The architecture named by a string: {@code decode(encode(architecture))}. */
    default Architecture parse(String architecture) {
        return decode(encode(architecture));
    }

    /** The number of distinct genotypes, or -1 if it exceeds {@link Long#MAX_VALUE}. */
    default long size() {
        return Genotypes.count(choices());
    }

    /**
     * The number of distinct architectures (distinct canonical strings), or -1 where unknown or beyond
     * {@link Long#MAX_VALUE}. A search caps its budget of unique architectures by it. The default knows nothing;
     * a space whose genotypes and architectures correspond one to one returns {@link #size()}.
     */
    default long architectureCount() {
        return -1;
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
