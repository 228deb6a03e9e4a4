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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.edgenas.config.Parameters;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;

/**
 * {@code nsga2}: Jenetics with {@link UFTournamentSelector} for parents, uniform crossover over decisions
 * ({@link UniformGeneCrossover}) and per-decision mutation, and NSGA-II's elitist replacement ({@link NSGA2Selector}
 * over parents and offspring, see {@link ElitistReplacement}), under constraint domination; one integer chromosome per
 * decision of the space. Resumable: its population, their ages and its random generator go into every checkpoint.
 *
 * @param crossoverRate probability that a pair of parents is recombined, in [0, 1] ({@code crossover_rate}, 0.9)
 * @param mutationRate  probability that each gene is redrawn, in [0, 1] ({@code mutation_rate}, 0.15)
 */
public record Nsga2(double crossoverRate, double mutationRate) implements Algorithm {

    /** Its name in configs. */
    public static final String NAME = "nsga2";

    public Nsga2 {
        if (!(crossoverRate >= 0 && crossoverRate <= 1 && mutationRate >= 0 && mutationRate <= 1)) {
            throw new IllegalArgumentException("rates must be in [0, 1]: " + crossoverRate + ", " + mutationRate);
        }
    }

    /** NSGA-II with the given rates. */
    public static Nsga2 of(double crossoverRate, double mutationRate) {
        return new Nsga2(crossoverRate, mutationRate);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crossover_rate", crossoverRate);
        m.put("mutation_rate", mutationRate);
        return m;
    }

    @Override
    public boolean resumable() {
        return true;
    }

    /** An unfinished checkpoint holds a whole population after generation 1 or later. */
    @Override
    public void checkResumable(Checkpoint checkpoint, Problem problem, SearchSettings settings) {
        if (checkpoint.generation() > settings.maxGenerations()) {
            throw new IllegalArgumentException("generation: " + checkpoint.generation() + " exceeds "
                    + "search.max_generations " + settings.maxGenerations());
        }
        if (checkpoint.generation() < 1 || checkpoint.population().size() != settings.population()) {
            throw new IllegalArgumentException("population: " + checkpoint.population().size() + " individuals after "
                    + "generation " + checkpoint.generation() + "; NSGA-II keeps " + settings.population()
                    + " after generation 1 or later");
        }
    }

    @Override
    public int run(SearchRun run) {
        Problem problem = run.problem();
        SearchSettings s = run.settings();
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
            List<Evaluation> evals = run.evaluate(todo, (int) generation);
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
                .alterers(new UniformGeneCrossover<>(crossoverRate), new Mutator<>(mutationRate))
                .interceptor(new ElitistReplacement<>(nsga2, s.population()))
                .executor(Runnable::run)
                .maximizing()
                .build();
        Checkpoint resume = run.resumeFrom();
        StateRandom random = run.random();
        int[] generations = {run.startGeneration()};
        Supplier<EvolutionStart<IntegerGene, Fitness>> first = resume == null
                ? () -> EvolutionStart.of(ISeq.empty(), 1)
                : () -> EvolutionStart.of(restore(resume, chromosomes, run), resume.generation() + 1);
        RandomRegistry.with(random).run(() -> engine.stream(first)
                .limit(r -> {
                    generations[0] = (int) r.generation();
                    run.generationDone(generations[0]);
                    List<int[]> population = new ArrayList<>();
                    List<Long> ages = new ArrayList<>();
                    for (Phenotype<IntegerGene, Fitness> p : r.population()) {
                        population.add(toGenotype(p.genotype()).toArray());
                        ages.add(p.generation());
                    }
                    run.checkpoint(generations[0], population, ages, random.state());
                    return !run.exhausted();
                })
                .limit(s.maxGenerations() - (long) run.startGeneration())
                .forEach(EvolutionResult::generation));
        return generations[0];
    }

    /** The checkpoint's population as evaluated phenotypes, fitness taken from the restored evaluations. */
    private static ISeq<Phenotype<IntegerGene, Fitness>> restore(Checkpoint c, List<IntegerChromosome> template,
                                                               SearchRun run) {
        Problem problem = run.problem();
        List<Phenotype<IntegerGene, Fitness>> out = new ArrayList<>();
        for (int i = 0; i < c.population().size(); i++) {
            int[] g = c.population().get(i);
            List<IntegerChromosome> chromosomes = new ArrayList<>(g.length);
            for (int j = 0; j < g.length; j++) {
                chromosomes.add(IntegerChromosome.of(IntegerGene.of(g[j], template.get(j).gene().range())));
            }
            Evaluation e = run.evaluation(problem.space().decode(Genotype.of(g)).id());
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

    /** Provider of {@code nsga2}: settings {@code crossover_rate} [0.9] and {@code mutation_rate} [0.15]. */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "NSGA-II (Jenetics): tournament selection, uniform crossover, per-decision mutation, elitist "
                    + "replacement (settings: crossover_rate, mutation_rate)";
        }

        @Override
        public Algorithm create(Parameters search, int population) {
            return new Nsga2(search.number("crossover_rate", 0.9, 0, 1), search.number("mutation_rate", 0.15, 0, 1));
        }
    }
}
