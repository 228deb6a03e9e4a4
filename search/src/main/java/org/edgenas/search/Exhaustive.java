package org.edgenas.search;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.Genotype;
import org.edgenas.space.Genotypes;
import org.edgenas.space.SearchSpace;

/**
 * {@code exhaustive}: every genotype of a finite space ({@link Genotypes#all}, at most {@value #MAX_GENOTYPES}) in
 * batches of {@code max(population, 1000)}, so every architecture is evaluated once: the true front. It ignores
 * {@code max_evaluations}. Resumable: it offers a checkpoint after every batch
 * ({@link SearchRun#checkpoint} decides which are written) and continues after the batch of the one resumed.
 */
public record Exhaustive() implements Algorithm, AlgorithmProvider {

    /** Its name in configs. */
    public static final String NAME = "exhaustive";

    /** The most genotypes it enumerates. */
    public static final long MAX_GENOTYPES = 10_000_000;

    /** Exhaustive enumeration (it has no settings). */
    public static Exhaustive of() {
        return new Exhaustive();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every genotype of a finite space (at most 10 million): the true front";
    }

    /** It has no settings: the algorithm is its own provider. */
    @Override
    public Algorithm create(Parameters search, int population) {
        return this;
    }

    /** Every architecture of the space: the number it has where known, else its genotypes (never fewer). */
    @Override
    public int budget(SearchSettings settings, SearchSpace space) {
        long genotypes = enumerable(space);
        long architectures = space.architectureCount();
        return (int) (architectures >= 0 ? Math.min(architectures, genotypes) : genotypes);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    /** An unfinished checkpoint of exhaustive search holds no population. */
    @Override
    public void checkResumable(Checkpoint checkpoint, Problem problem, SearchSettings settings) {
        if (!checkpoint.population().isEmpty()) {
            throw new IllegalArgumentException("population: exhaustive search keeps none, the checkpoint holds "
                    + checkpoint.population().size());
        }
    }

    @Override
    public int run(SearchRun run) {
        long size = enumerable(run.problem().space());
        Iterator<Genotype> all = Genotypes.all(run.problem().space().choices()).iterator();
        int batchSize = Math.max(run.settings().population(), 1000);
        int generation = run.startGeneration();
        long done = 0;
        for (; done < Math.min(size, (long) generation * batchSize); done++) {
            all.next();
        }
        while (done < size && !run.exhausted()) {
            List<Genotype> batch = new ArrayList<>(batchSize);
            for (int n = 0; n < batchSize && done < size; n++, done++) {
                batch.add(all.next());
            }
            run.evaluate(batch, generation);
            generation++;
            run.generationDone(generation);
            run.checkpoint(generation, List.of(), List.of(), 0);
        }
        return generation;
    }

    /**
     * The genotypes of {@code space}.
     *
     * @throws ConfigException if there are more than {@link #MAX_GENOTYPES}
     */
    private static long enumerable(SearchSpace space) {
        long size = space.size();
        if (size < 0 || size > MAX_GENOTYPES) {
            throw new ConfigException("search space " + space.name() + " has "
                    + (size < 0 ? "more than 2^63" : Long.toString(size)) + " genotypes; exhaustive search enumerates "
                    + "at most " + MAX_GENOTYPES);
        }
        return size;
    }
}
