package org.edgenas.search;

import io.jenetics.Chromosome;
import io.jenetics.Gene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.Recombinator;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Uniform crossover across a genotype whose every decision is its own chromosome: each chromosome is swapped between
 * the two parents with probability 1/2. (Jenetics' own crossovers recombine within one chromosome, which would touch
 * a single decision here.)
 */
final class UniformGeneCrossover<G extends Gene<?, G>, C extends Comparable<? super C>> extends Recombinator<G, C> {

    UniformGeneCrossover(double probability) {
        super(probability, 2);
    }

    @Override
    protected int recombine(MSeq<Phenotype<G, C>> population, int[] individuals, long generation) {
        RandomGenerator random = RandomRegistry.random();
        Genotype<G> a = population.get(individuals[0]).genotype();
        Genotype<G> b = population.get(individuals[1]).genotype();
        List<Chromosome<G>> ca = new ArrayList<>(a.length());
        List<Chromosome<G>> cb = new ArrayList<>(b.length());
        for (int i = 0; i < a.length(); i++) {
            boolean swap = random.nextBoolean();
            ca.add(swap ? b.get(i) : a.get(i));
            cb.add(swap ? a.get(i) : b.get(i));
        }
        population.set(individuals[0], Phenotype.of(Genotype.of(ca), generation));
        population.set(individuals[1], Phenotype.of(Genotype.of(cb), generation));
        return 2;
    }
}
