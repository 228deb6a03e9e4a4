package org.edgenas.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.Genotypes;

/**
 * {@code evolution}: regularised (aging) evolution (Real et al., AAAI 2019), made Pareto-aware: a queue of
 * {@code population} individuals; each step samples {@code sampleSize} of them uniformly, takes as parent a uniformly
 * chosen member of the sample's non-dominated set (constraint domination; not a scalarisation, so no weights to tune),
 * mutates it (each gene resampled with probability {@code mutationRate}, at least one gene changed), evaluates the
 * child, appends it and removes the oldest individual. The initial queue is uniformly random. Children are evaluated
 * one at a time, so this algorithm does not use evaluation threads; it is reproducible from its seed. Resumable: after
 * every generation ({@code population} steps) the queue and the state of its generator ({@link StateRandom}) go into
 * a checkpoint.
 *
 * @param mutationRate probability that each gene is resampled, in [0, 1] ({@code mutation_rate}, 0.15)
 * @param sampleSize   individuals sampled per step, at least 1 and at most the population
 *                     ({@code sample_size}, min(10, population))
 */
public record RegularizedEvolution(double mutationRate, int sampleSize) implements Algorithm {

    /** Its name in configs. */
    public static final String NAME = "evolution";

    public RegularizedEvolution {
        if (!(mutationRate >= 0 && mutationRate <= 1) || sampleSize < 1) {
            throw new IllegalArgumentException("mutation rate in [0, 1] and sample size >= 1: " + mutationRate + ", "
                    + sampleSize);
        }
    }

    /** Regularised evolution with the given settings. */
    public static RegularizedEvolution of(double mutationRate, int sampleSize) {
        return new RegularizedEvolution(mutationRate, sampleSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mutation_rate", mutationRate);
        m.put("sample_size", sampleSize);
        return m;
    }

    private record Individual(Genotype genotype, Evaluation evaluation) {
    }

    @Override
    public boolean resumable() {
        return true;
    }

    /**
     * An unfinished checkpoint holds the queue after a generation: 1 to {@code population} individuals, each an
     * evaluated architecture.
     */
    @Override
    public void checkResumable(Checkpoint checkpoint, Problem problem, SearchSettings settings) {
        int n = checkpoint.population().size();
        if (checkpoint.generation() > settings.maxGenerations() + 1) {
            throw new IllegalArgumentException("generation: " + checkpoint.generation() + " exceeds "
                    + "search.max_generations " + settings.maxGenerations());
        }
        if (checkpoint.generation() < 1 || n < 1 || n > settings.population()) {
            throw new IllegalArgumentException("population: " + n + " individuals after generation "
                    + checkpoint.generation() + "; regularised evolution keeps 1 to " + settings.population()
                    + " after generation 1 or later");
        }
        java.util.Set<String> evaluated = new java.util.HashSet<>();
        checkpoint.evaluated().forEach(e -> evaluated.add(e.arch()));
        for (int i = 0; i < n; i++) {
            String arch = problem.space().decode(Genotype.of(checkpoint.population().get(i))).id();
            if (!evaluated.contains(arch)) {
                throw new IllegalArgumentException("population[" + i + "]: " + arch + " is not among the evaluated "
                        + "architectures");
            }
        }
    }

    @Override
    public int run(SearchRun run) {
        SearchSettings s = run.settings();
        if (sampleSize > s.population()) {
            throw new IllegalArgumentException("sample size " + sampleSize + " exceeds the population "
                    + s.population());
        }
        Checkpoint resume = run.resumeFrom();
        StateRandom random = run.random();
        List<Choice> choices = run.problem().space().choices();
        Deque<Individual> queue = new ArrayDeque<>();
        int generation;
        if (resume == null) {
            List<Genotype> initial = new ArrayList<>();
            for (int n = 0; n < s.population(); n++) {
                initial.add(Genotypes.random(choices, random));
            }
            List<Evaluation> evals = run.evaluate(initial, 0);
            for (int n = 0; n < initial.size(); n++) {
                if (evals.get(n) != null) {
                    queue.addLast(new Individual(initial.get(n), evals.get(n)));
                }
            }
            generation = 1;
            run.generationDone(generation);
            checkpoint(run, generation, queue, random);
        } else {
            for (int[] genes : resume.population()) {
                Genotype g = Genotype.of(genes);
                queue.addLast(new Individual(g, run.evaluation(run.problem().space().decode(g).id())));
            }
            generation = resume.generation();
        }
        // the initial queue is generation 1; each generation after it is population steps
        long maxSteps = (long) (s.maxGenerations() - 1) * s.population();
        boolean reported = true;
        for (long step = (long) (generation - 1) * s.population() + 1; step <= maxSteps && !run.exhausted()
                && !queue.isEmpty(); step++) {
            Individual parent = select(new ArrayList<>(queue), run.problem().objectives(), random);
            Genotype child = mutate(parent.genotype(), choices, random);
            Evaluation e = run.evaluate(List.of(child), generation).getFirst();
            if (e != null) {
                queue.addLast(new Individual(child, e));
                if (queue.size() > s.population()) {
                    queue.removeFirst();
                }
            }
            reported = step % s.population() == 0;
            if (reported) {
                generation++;
                run.generationDone(generation);
                checkpoint(run, generation, queue, random);
            }
        }
        if (!reported) {
            run.generationDone(generation);
        }
        return generation;
    }

    /** Saves the queue (oldest first) and the generator after {@code generation}. */
    private static void checkpoint(SearchRun run, int generation, Deque<Individual> queue, StateRandom random) {
        List<int[]> genes = new ArrayList<>(queue.size());
        List<Long> ages = new ArrayList<>(queue.size());
        for (Individual i : queue) {
            genes.add(i.genotype().toArray());
            ages.add((long) i.evaluation().generation());
        }
        run.checkpoint(generation, genes, ages, random.state());
    }

    /** A uniformly chosen member of the non-dominated set of a uniform sample (with replacement) of the queue. */
    private Individual select(List<Individual> queue, List<Objective> objectives, StateRandom random) {
        List<Individual> sample = new ArrayList<>(sampleSize);
        for (int i = 0; i < sampleSize; i++) {
            sample.add(queue.get(random.nextInt(queue.size())));
        }
        List<Individual> best = Pareto.nonDominated(sample, Individual::evaluation, objectives);
        return best.get(random.nextInt(best.size()));
    }

    private Genotype mutate(Genotype parent, List<Choice> choices, StateRandom random) {
        int[] g = parent.toArray();
        boolean changed = false;
        for (int i = 0; i < g.length; i++) {
            if (choices.get(i).cardinality() > 1 && random.nextDouble() < mutationRate) {
                g[i] = other(g[i], choices.get(i).cardinality(), random);
                changed = true;
            }
        }
        if (!changed) {
            List<Integer> mutable = new ArrayList<>();
            for (int i = 0; i < g.length; i++) {
                if (choices.get(i).cardinality() > 1) {
                    mutable.add(i);
                }
            }
            if (!mutable.isEmpty()) {
                int i = mutable.get(random.nextInt(mutable.size()));
                g[i] = other(g[i], choices.get(i).cardinality(), random);
            }
        }
        return Genotype.of(g);
    }

    private static int other(int value, int cardinality, StateRandom random) {
        int v = random.nextInt(cardinality - 1);
        return v >= value ? v + 1 : v;
    }

    /** Provider of {@code evolution}: settings {@code mutation_rate} [0.15], {@code sample_size} [min(10, population)]. */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "regularised (aging) evolution, Pareto-aware parent choice (settings: mutation_rate, sample_size)";
        }

        @Override
        public Algorithm create(Parameters search, int population) {
            return new RegularizedEvolution(search.number("mutation_rate", 0.15, 0, 1),
                    search.integer("sample_size", Math.min(10, population), 1, population));
        }
    }
}
