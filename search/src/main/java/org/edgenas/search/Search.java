package org.edgenas.search;

import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
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
        return run(problem, settings, listener, evaluator, Persistence.NONE);
    }

    /**
     * Where a search saves its state after every generation, and the state it resumes from.
     *
     * @param file   checkpoint file to write after every generation, or null
     * @param config the resolved config recorded in checkpoints
     * @param resume the checkpoint to continue from, or null to start afresh
     */
    public record Persistence(java.nio.file.Path file, String config, Checkpoint resume) {
        /** Neither saves nor resumes. */
        public static final Persistence NONE = new Persistence(null, "", null);

        void save(Checkpoint c) {
            if (file != null) {
                org.edgenas.io.AtomicFiles.write(file, c.toJson());
            }
        }
    }

    /** Algorithms that save checkpoints and can resume from them. */
    public static final List<String> RESUMABLE = List.of("nsga2", "random");

    /**
     * Runs the search, saving a checkpoint after every generation and continuing from {@code persistence.resume()}
     * when given: the result is then the same as that of an uninterrupted run.
     */
    public static SearchResult run(Problem problem, SearchSettings settings, SearchListener listener,
                                   CandidateEvaluator evaluator, Persistence persistence) {
        long start = System.nanoTime();
        long spaceSize = problem.space().size();
        int budget = spaceSize > 0 ? (int) Math.min(settings.maxEvaluations(), spaceSize) : settings.maxEvaluations();
        if (settings.algorithm().equals("exhaustive") && spaceSize > 0 && spaceSize <= MAX_EXHAUSTIVE) {
            budget = (int) spaceSize;
        }
        EvaluationLog log = new EvaluationLog(problem, evaluator, budget);
        Checkpoint resume = persistence.resume();
        if (resume != null) {
            if (!RESUMABLE.contains(settings.algorithm()) || !resume.algorithm().equals(settings.algorithm())) {
                throw new org.edgenas.config.ConfigException("cannot resume: the checkpoint was written by '"
                        + resume.algorithm() + "' and this run uses '" + settings.algorithm() + "'; resumable: "
                        + String.join(", ", RESUMABLE));
            }
            log.restore(resume.evaluated());
            if (resume.complete()) {
                List<Evaluation> evaluated = log.evaluated();
                return new SearchResult(evaluated, Pareto.front(evaluated, problem.objectives()),
                        resume.generation(), (System.nanoTime() - start) / 1e9);
            }
        }
        int generations = switch (settings.algorithm()) {
            case "nsga2" -> nsga2(problem, settings, log, listener, start, persistence);
            case "random" -> random(problem, settings, log, listener, start, persistence);
            case "evolution" -> RegularizedEvolution.run(problem, settings, log, listener, start);
            case "exhaustive" -> exhaustive(problem, settings, log, listener, start);
            default -> throw new AssertionError(settings.algorithm());
        };
        List<Evaluation> evaluated = log.evaluated();
        if (RESUMABLE.contains(settings.algorithm())) {
            persistence.save(new Checkpoint(settings.algorithm(), persistence.config(), generations, List.of(),
                    List.of(), 0, evaluated, true));
        }
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
                             long start, Persistence persistence) {
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
        Checkpoint resume = persistence.resume();
        StateRandom random = resume == null ? StateRandom.seeded(s.seed()) : StateRandom.restored(resume.randomState());
        int[] generations = {resume == null ? 0 : resume.generation()};
        java.util.function.Supplier<EvolutionStart<IntegerGene, Fitness>> first = resume == null
                ? () -> EvolutionStart.of(ISeq.empty(), 1)
                : () -> EvolutionStart.of(restore(resume, chromosomes, problem, log), resume.generation() + 1);
        RandomRegistry.with(random).run(() -> engine.stream(first)
                .limit(r -> {
                    generations[0] = (int) r.generation();
                    tell(listener, log, generations[0], start);
                    List<int[]> population = new ArrayList<>();
                    List<Long> ages = new ArrayList<>();
                    for (Phenotype<IntegerGene, Fitness> p : r.population()) {
                        population.add(toGenotype(p.genotype()).toArray());
                        ages.add(p.generation());
                    }
                    persistence.save(new Checkpoint("nsga2", persistence.config(), generations[0], population, ages,
                            random.state(), log.evaluated(), false));
                    return !log.exhausted();
                })
                .limit(s.maxGenerations() - (long) (resume == null ? 0 : resume.generation()))
                .forEach(EvolutionResult::generation));
        return generations[0];
    }

    /** The checkpoint's population as evaluated phenotypes, fitness taken from the restored evaluations. */
    private static ISeq<Phenotype<IntegerGene, Fitness>> restore(Checkpoint c, List<IntegerChromosome> template,
                                                               Problem problem, EvaluationLog log) {
        List<Phenotype<IntegerGene, Fitness>> out = new ArrayList<>();
        for (int i = 0; i < c.population().size(); i++) {
            int[] g = c.population().get(i);
            List<IntegerChromosome> chromosomes = new ArrayList<>(g.length);
            for (int j = 0; j < g.length; j++) {
                chromosomes.add(IntegerChromosome.of(io.jenetics.IntegerGene.of(g[j], template.get(j).gene().range())));
            }
            Evaluation e = log.get(problem.space().decode(Genotype.of(g)).id());
            Fitness f = e == null ? Fitness.unevaluated(problem.objectives().size())
                    : Fitness.of(e, problem.objectives());
            out.add(Phenotype.of(io.jenetics.Genotype.of(chromosomes), c.ages().get(i), f));
        }
        return ISeq.of(out);
    }

    private static Genotype toGenotype(io.jenetics.Genotype<IntegerGene> g) {
        int[] v = new int[g.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.get(i).gene().intValue();
        }
        return Genotype.of(v);
    }

    private static int random(Problem problem, SearchSettings s, EvaluationLog log, SearchListener listener,
                              long start, Persistence persistence) {
        Checkpoint resume = persistence.resume();
        StateRandom random = resume == null ? StateRandom.seeded(s.seed()) : StateRandom.restored(resume.randomState());
        List<Choice> choices = problem.space().choices();
        int generation = resume == null ? 0 : resume.generation();
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
            persistence.save(new Checkpoint("random", persistence.config(), generation, List.of(), List.of(),
                    random.state(), log.evaluated(), false));
        }
        return generation;
    }
}
