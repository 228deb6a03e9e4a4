package org.edgenas.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;

/**
 * Regularised (aging) evolution (Real et al., AAAI 2019), made Pareto-aware: a queue of {@code population}
 * individuals; each step samples {@code sampleSize} of them uniformly, takes as parent a uniformly chosen member of the
 * sample's non-dominated set (constraint domination; not a scalarisation, so no weights to tune), mutates it (each gene
 * resampled with probability {@code mutationRate}, at least one gene changed), evaluates the child, appends it and
 * removes the oldest individual. The initial queue is uniformly random. Children are evaluated one at a time, so this
 * algorithm does not use evaluation threads; it is reproducible from its seed.
 */
final class RegularizedEvolution {

    private RegularizedEvolution() {
    }

    private record Individual(Genotype genotype, Evaluation evaluation) {
    }

    static int run(Problem problem, SearchSettings s, EvaluationLog log, SearchListener listener, long start) {
        Random random = new Random(s.seed());
        List<Choice> choices = problem.space().choices();
        Deque<Individual> queue = new ArrayDeque<>();
        List<Genotype> initial = new ArrayList<>();
        for (int n = 0; n < s.population(); n++) {
            initial.add(randomGenotype(choices, random));
        }
        List<Evaluation> evals = log.evaluate(initial, 0);
        for (int n = 0; n < initial.size(); n++) {
            if (evals.get(n) != null) {
                queue.addLast(new Individual(initial.get(n), evals.get(n)));
            }
        }
        int generation = 1;
        Search.tell(listener, log, generation, start);
        long maxSteps = (long) s.maxGenerations() * s.population();
        for (long step = 1; step <= maxSteps && !log.exhausted() && !queue.isEmpty(); step++) {
            Individual parent = select(new ArrayList<>(queue), s.sampleSize(), problem.objectives(), random);
            Genotype child = mutate(parent.genotype(), choices, s.mutationRate(), random);
            Evaluation e = log.evaluate(List.of(child), generation).getFirst();
            if (e != null) {
                queue.addLast(new Individual(child, e));
                if (queue.size() > s.population()) {
                    queue.removeFirst();
                }
            }
            if (step % s.population() == 0) {
                generation++;
                Search.tell(listener, log, generation, start);
            }
        }
        if (log.exhausted()) {
            Search.tell(listener, log, generation, start);
        }
        return generation;
    }

    private static Individual select(List<Individual> queue, int sampleSize, List<Objective> objectives,
                                     Random random) {
        List<Individual> sample = new ArrayList<>(sampleSize);
        for (int i = 0; i < sampleSize; i++) {
            sample.add(queue.get(random.nextInt(queue.size())));
        }
        List<Individual> best = new ArrayList<>();
        for (Individual a : sample) {
            boolean dominated = false;
            for (Individual b : sample) {
                if (Pareto.dominance(b.evaluation(), a.evaluation(), objectives) > 0) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                best.add(a);
            }
        }
        return best.get(random.nextInt(best.size()));
    }

    private static Genotype mutate(Genotype parent, List<Choice> choices, double rate, Random random) {
        int[] g = parent.toArray();
        boolean changed = false;
        for (int i = 0; i < g.length; i++) {
            if (choices.get(i).cardinality() > 1 && random.nextDouble() < rate) {
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

    private static int other(int value, int cardinality, Random random) {
        int v = random.nextInt(cardinality - 1);
        return v >= value ? v + 1 : v;
    }

    private static Genotype randomGenotype(List<Choice> choices, Random random) {
        int[] g = new int[choices.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextInt(choices.get(i).cardinality());
        }
        return Genotype.of(g);
    }
}
