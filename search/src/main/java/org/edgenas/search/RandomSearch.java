package org.edgenas.search;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.Parameters;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.Genotypes;

/**
 * {@code random}: {@code population} genotypes drawn uniformly per generation ({@link Genotypes#random}) until the
 * budget or {@code max_generations} is spent. Resumable: the state of its generator goes into every checkpoint.
 */
public record RandomSearch() implements Algorithm, AlgorithmProvider {

    /** Its name in configs. */
    public static final String NAME = "random";

    /** Random search (it has no settings). */
    public static RandomSearch of() {
        return new RandomSearch();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "uniform random sampling, population genotypes per generation";
    }

    /** It has no settings: the algorithm is its own provider. */
    @Override
    public Algorithm create(Parameters search, int population) {
        return this;
    }

    @Override
    public boolean resumable() {
        return true;
    }

    /** An unfinished checkpoint of random search holds no population. */
    @Override
    public void checkResumable(Checkpoint checkpoint, Problem problem, SearchSettings settings) {
        if (checkpoint.generation() > settings.maxGenerations()) {
            throw new IllegalArgumentException("generation: " + checkpoint.generation() + " exceeds "
                    + "search.max_generations " + settings.maxGenerations());
        }
        if (!checkpoint.population().isEmpty()) {
            throw new IllegalArgumentException("population: random search keeps none, the checkpoint holds "
                    + checkpoint.population().size());
        }
    }

    @Override
    public int run(SearchRun run) {
        SearchSettings s = run.settings();
        StateRandom random = run.random();
        List<Choice> choices = run.problem().space().choices();
        int generation = run.startGeneration();
        while (generation < s.maxGenerations() && !run.exhausted()) {
            List<Genotype> batch = new ArrayList<>(s.population());
            for (int n = 0; n < s.population(); n++) {
                batch.add(Genotypes.random(choices, random));
            }
            run.evaluate(batch, generation);
            generation++;
            run.generationDone(generation);
            run.checkpoint(generation, List.of(), List.of(), random.state());
        }
        return generation;
    }
}
