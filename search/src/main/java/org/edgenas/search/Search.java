package org.edgenas.search;

import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.moea.ElementComparator;
import io.jenetics.ext.moea.ElementDistance;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.UFTournamentSelector;
import io.jenetics.util.ISeq;
import io.jenetics.util.IntRange;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;

/**
 * Runs a multi-objective search. Evolution (selection, crossover, mutation) runs on the calling thread with a random
 * generator seeded from the settings; only the evaluation of each generation's new architectures runs on
 * {@code threads} threads, and its results are recorded in population order. So the same problem, settings and seed
 * give the same evaluations, in the same order, and the same front, for any thread count.
 *
 * <p>{@code nsga2} uses Jenetics with {@link UFTournamentSelector} for parents, uniform crossover over decisions and
 * per-decision mutation, and NSGA-II's elitist replacement ({@link NSGA2Selector} over parents and offspring, see
 * {@link ElitistReplacement}), under constraint domination; one integer chromosome per decision of the space. {@code random} samples
 * genotypes uniformly. {@code evolution} is regularised (aging) evolution, see {@link RegularizedEvolution}.
 * {@code exhaustive} enumerates a finite space completely (the true front). All stop when the unique-evaluation
 * budget is spent, after {@code maxGenerations} generations, or when a finite space has been evaluated completely.
 */
public final class Search {

    private Search() {
    }

    /** Runs the search, evaluating on {@code settings.threads()} local threads. */
    public static SearchResult run(Problem problem, SearchSettings settings, SearchListener listener) {
        try (LocalEvaluator local = new LocalEvaluator(problem, settings.threads())) {
            return run(problem, settings, listener, local);
        }
    }

    /** Runs the search, evaluating candidates with {@code evaluator}, and returns every evaluation and the front. */
    public static SearchResult run(Problem problem, SearchSettings settings, SearchListener listener,
                                   CandidateEvaluator evaluator) {
        long start = System.nanoTime();
        long spaceSize = problem.space().size();
        int budget = spaceSize > 0 ? (int) Math.min(settings.maxEvaluations(), spaceSize) : settings.maxEvaluations();
        if (settings.algorithm().equals("exhaustive") && spaceSize > 0 && spaceSize <= MAX_EXHAUSTIVE) {
            budget = (int) spaceSize;
        }
        EvaluationLog log = new EvaluationLog(problem, evaluator, budget);
        int generations = switch (settings.algorithm()) {
            case "nsga2" -> nsga2(problem, settings, log, listener, start);
            case "random" -> random(problem, settings, log, listener, start);
            case "evolution" -> RegularizedEvolution.run(problem, settings, log, listener, start);
            case "exhaustive" -> exhaustive(problem, settings, log, listener, start);
            default -> throw new AssertionError(settings.algorithm());
        };
        List<Evaluation> evaluated = log.evaluated();
        return new SearchResult(evaluated, Pareto.front(evaluated, problem.objectives()), generations,
                (System.nanoTime() - start) / 1e9);
    }

    /** Every genotype of a finite space in mixed-radix order, in batches of the population size. */
    private static int exhaustive(Problem problem, SearchSettings s, EvaluationLog log, SearchListener listener,
                                  long start) {
        List<Choice> choices = problem.space().choices();
        long size = problem.space().size();
        if (size < 0 || size > MAX_EXHAUSTIVE) {
            throw new org.edgenas.config.ConfigException("search space " + problem.space().name() + " has "
                    + (size < 0 ? "more than 2^63" : Long.toString(size)) + " genotypes; exhaustive search enumerates "
                    + "at most " + MAX_EXHAUSTIVE);
        }
        int[] g = new int[choices.size()];
        int generation = 0;
        long done = 0;
        int batchSize = Math.max(s.population(), 1000);
        while (done < size && !log.exhausted()) {
            List<Genotype> batch = new ArrayList<>(batchSize);
            for (int n = 0; n < batchSize && done < size; n++, done++) {
                batch.add(Genotype.of(g));
                for (int i = g.length - 1; i >= 0; i--) {
                    if (++g[i] < choices.get(i).cardinality()) {
                        break;
                    }
                    g[i] = 0;
                }
            }
            log.evaluate(batch, generation);
            generation++;
            tell(listener, log, generation, start);
        }
        return generation;
    }

    /** The largest space {@code exhaustive} enumerates. */
    public static final long MAX_EXHAUSTIVE = 10_000_000;

    static void tell(SearchListener listener, EvaluationLog log, int generation, long start) {
        listener.progress(log.progress(generation, (System.nanoTime() - start) / 1e9));
    }

    private static int nsga2(Problem problem, SearchSettings s, EvaluationLog log, SearchListener listener,
                             long start) {
        List<Objective> objectives = problem.objectives();
        List<IntegerChromosome> chromosomes = new ArrayList<>();
        for (Choice c : problem.space().choices()) {
            chromosomes.add(IntegerChromosome.of(new IntRange(0, c.cardinality())));
        }
        io.jenetics.Genotype<IntegerGene> template = io.jenetics.Genotype.of(chromosomes);
        int dimension = objectives.size();
        Evaluator<IntegerGene, Fitness> evaluator = population -> {
            List<Genotype> todo = new ArrayList<>();
            List<Integer> where = new ArrayList<>();
            long generation = 0;
            for (int i = 0; i < population.size(); i++) {
                Phenotype<IntegerGene, Fitness> pt = population.get(i);
                if (!pt.isEvaluated()) {
                    todo.add(toGenotype(pt.genotype()));
                    where.add(i);
                    generation = Math.max(generation, pt.generation());
                }
            }
            List<Evaluation> evals = log.evaluate(todo, (int) generation);
            List<Phenotype<IntegerGene, Fitness>> out = new ArrayList<>(population.asList());
            for (int k = 0; k < where.size(); k++) {
                Evaluation e = evals.get(k);
                out.set(where.get(k), out.get(where.get(k)).withFitness(
                        e == null ? Fitness.unevaluated(dimension) : Fitness.of(e, objectives)));
            }
            return ISeq.of(out);
        };
        ElementComparator<Fitness> comparator = (u, v, i) -> Double.compare(u.values()[i], v.values()[i]);
        ElementDistance<Fitness> distance = (u, v, i) -> u.finite(i) - v.finite(i);
        ToIntFunction<Fitness> dim = f -> f.values().length;
        NSGA2Selector<IntegerGene, Fitness> nsga2 = new NSGA2Selector<>(Fitness::dominance, comparator, distance, dim);
        Engine<IntegerGene, Fitness> engine = new Engine.Builder<>(evaluator, template)
                .populationSize(s.population())
                .offspringFraction(1.0)
                .offspringSelector(new UFTournamentSelector<>(Fitness::dominance, comparator, distance, dim))
                .survivorsSelector(nsga2)
                .alterers(new UniformGeneCrossover<>(s.crossoverRate()), new Mutator<>(s.mutationRate()))
                .interceptor(new ElitistReplacement<>(nsga2, s.population()))
                .executor(Runnable::run)
                .maximizing()
                .build();
        int[] generations = {0};
        RandomRegistry.with(new Random(s.seed())).run(() -> engine.stream()
                .limit(r -> {
                    generations[0] = (int) r.generation();
                    tell(listener, log, generations[0], start);
                    return !log.exhausted();
                })
                .limit(s.maxGenerations())
                .forEach(EvolutionResult::generation));
        return generations[0];
    }

    private static Genotype toGenotype(io.jenetics.Genotype<IntegerGene> g) {
        int[] v = new int[g.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.get(i).gene().intValue();
        }
        return Genotype.of(v);
    }

    private static int random(Problem problem, SearchSettings s, EvaluationLog log, SearchListener listener,
                              long start) {
        Random random = new Random(s.seed());
        List<Choice> choices = problem.space().choices();
        int generation = 0;
        while (generation < s.maxGenerations() && !log.exhausted()) {
            List<Genotype> batch = new ArrayList<>(s.population());
            for (int n = 0; n < s.population(); n++) {
                int[] g = new int[choices.size()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = random.nextInt(choices.get(i).cardinality());
                }
                batch.add(Genotype.of(g));
            }
            log.evaluate(batch, generation);
            generation++;
            tell(listener, log, generation, start);
        }
        return generation;
    }
}
