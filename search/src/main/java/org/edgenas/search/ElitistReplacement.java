package org.edgenas.search;

import io.jenetics.Gene;
import io.jenetics.Genotype;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.engine.EvolutionInterceptor;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.util.ISeq;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NSGA-II's elitist (mu + lambda) replacement on top of a Jenetics engine: after each generation, the next population
 * is chosen by {@code selector} (NSGA-II ranking and crowding) from the union of the previous population and the new
 * one, with duplicate genotypes kept once. Jenetics' own step keeps a fraction of the old population and adds all
 * offspring unselected; selecting from the union keeps every non-dominated individual found so far while the
 * population allows it, which is what makes NSGA-II converge fast on small budgets.
 */
final class ElitistReplacement<G extends Gene<?, G>, C extends Comparable<? super C>>
        implements EvolutionInterceptor<G, C> {

    private final Selector<G, C> selector;
    private final int size;
    private ISeq<Phenotype<G, C>> previous = ISeq.empty();

    ElitistReplacement(Selector<G, C> selector, int size) {
        this.selector = selector;
        this.size = size;
    }

    @Override
    public EvolutionStart<G, C> before(EvolutionStart<G, C> start) {
        previous = start.population().stream().allMatch(Phenotype::isEvaluated) ? start.population() : ISeq.empty();
        return start;
    }

    @Override
    public EvolutionResult<G, C> after(EvolutionResult<G, C> result) {
        List<Phenotype<G, C>> union = new ArrayList<>();
        Set<Genotype<G>> seen = new HashSet<>();
        for (Phenotype<G, C> p : previous) {
            if (seen.add(p.genotype())) {
                union.add(p);
            }
        }
        for (Phenotype<G, C> p : result.population()) {
            if (seen.add(p.genotype())) {
                union.add(p);
            }
        }
        ISeq<Phenotype<G, C>> next = union.size() <= size ? ISeq.of(union)
                : selector.select(ISeq.of(union), size, Optimize.MAXIMUM);
        if (next.size() < size) {
            List<Phenotype<G, C>> filled = new ArrayList<>(next.asList());
            for (int i = 0; filled.size() < size; i++) {
                filled.add(result.population().get(i % result.population().size()));
            }
            next = ISeq.of(filled);
        }
        return EvolutionResult.of(result.optimize(), next, result.generation(), result.totalGenerations(),
                result.durations(), result.killCount(), result.invalidCount(), result.alterCount());
    }
}
