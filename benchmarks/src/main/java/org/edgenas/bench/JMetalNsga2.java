package org.edgenas.bench;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.Parameters;
import org.edgenas.search.Algorithm;
import org.edgenas.search.AlgorithmProvider;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Problem;
import org.edgenas.search.SearchRun;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.uma.jmetal.component.algorithm.EvolutionaryAlgorithm;
import org.uma.jmetal.component.algorithm.multiobjective.NSGAIIBuilder;
import org.uma.jmetal.operator.crossover.impl.IntegerSBXCrossover;
import org.uma.jmetal.operator.mutation.impl.IntegerPolynomialMutation;
import org.uma.jmetal.problem.integerproblem.impl.AbstractIntegerProblem;
import org.uma.jmetal.solution.integersolution.IntegerSolution;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;

/**
 * {@code jmetal-nsga2}: jMetal 6's NSGA-II on the same problem, as a peer, registered as an EdgeNAS algorithm from
 * this module (so it runs from a config, {@code search: {algorithm: jmetal-nsga2}}, with this module's jar on the
 * class path). Integer variables (one per decision of the space), SBX crossover and polynomial mutation with jMetal's
 * usual integer settings (crossover 0.9, mutation 1/n, distribution index 20). Each solution is evaluated through the
 * search run, so the budget counts unique architectures exactly as for the other algorithms; once it is spent, new
 * architectures get the worst objectives and are not recorded, and the run ends after that generation. jMetal draws
 * from its process-wide generator, seeded here from the settings: runs of it must not overlap in one JVM.
 */
public record JMetalNsga2() implements Algorithm, AlgorithmProvider {

    /** Its name in configs. */
    public static final String NAME = "jmetal-nsga2";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "jMetal 6's NSGA-II (SBX crossover, polynomial mutation), the peer of the search-quality harness";
    }

    /** It has no settings: the algorithm is its own provider. */
    @Override
    public Algorithm create(Parameters search, int population) {
        return this;
    }

    @Override
    public int run(SearchRun run) {
        JMetalRandom.getInstance().setSeed(run.settings().seed());
        int population = run.settings().population();
        Wrapper w = new Wrapper(run);
        int n = run.problem().space().choices().size();
        long maxCalls = 50L * run.budget();
        EvolutionaryAlgorithm<IntegerSolution> nsga2 = new NSGAIIBuilder<>(w, population, population,
                new IntegerSBXCrossover(0.9, 20.0), new IntegerPolynomialMutation(1.0 / n, 20.0))
                .setTermination(status -> run.exhausted() || w.calls >= maxCalls)
                .build();
        nsga2.run();
        int generations = (int) ((w.calls + population - 1) / population);
        run.generationDone(generations);
        return generations;
    }

    /** The search problem as jMetal sees it: one evaluation per call, through the run. */
    private static final class Wrapper extends AbstractIntegerProblem {
        private final SearchRun run;
        private final int population;
        private long calls;

        Wrapper(SearchRun run) {
            this.run = run;
            this.population = run.settings().population();
            Problem problem = run.problem();
            List<Integer> lo = new ArrayList<>();
            List<Integer> hi = new ArrayList<>();
            for (Choice c : problem.space().choices()) {
                lo.add(0);
                hi.add(c.cardinality() - 1);
            }
            variableBounds(lo, hi);
            numberOfObjectives(problem.objectives().size());
            name("edgenas-" + problem.space().name());
        }

        @Override
        public IntegerSolution evaluate(IntegerSolution s) {
            int[] g = s.variables().stream().mapToInt(Integer::intValue).toArray();
            Evaluation e = run.evaluate(List.of(Genotype.of(g)), (int) (calls / population)).getFirst();
            calls++;
            Problem problem = run.problem();
            for (int i = 0; i < problem.objectives().size(); i++) {
                s.objectives()[i] = e == null ? Double.MAX_VALUE : -problem.objectives().get(i).maximized(e);
            }
            return s;
        }
    }
}
