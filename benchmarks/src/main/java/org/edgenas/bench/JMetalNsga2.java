package org.edgenas.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Problem;
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
 * jMetal 6's NSGA-II on the same problem, as a peer: integer variables (one per decision of the space), SBX crossover
 * and polynomial mutation with jMetal's usual integer settings (crossover 0.9, mutation 1/n, distribution index 20).
 * Evaluations are memoised by canonical architecture exactly as in EdgeNAS, so the budget counts unique
 * architectures; once it is spent, new architectures get the worst objectives and are not recorded, and the run ends
 * after that generation.
 */
final class JMetalNsga2 {

    private JMetalNsga2() {
    }

    /** Runs NSGA-II and returns the unique evaluations in the order made (at most {@code budget}). */
    static List<Evaluation> run(Problem problem, int population, int budget, long seed) {
        JMetalRandom.getInstance().setSeed(seed);
        Wrapper w = new Wrapper(problem, budget);
        int n = problem.space().choices().size();
        EvolutionaryAlgorithm<IntegerSolution> nsga2 = new NSGAIIBuilder<>(w, population, population,
                new IntegerSBXCrossover(0.9, 20.0), new IntegerPolynomialMutation(1.0 / n, 20.0))
                .setTermination(status -> w.log.size() >= budget || w.calls >= 50L * budget)
                .build();
        nsga2.run();
        return new ArrayList<>(w.log.values());
    }

    private static final class Wrapper extends AbstractIntegerProblem {
        private final Problem problem;
        private final int budget;
        private final Map<String, Evaluation> log = new LinkedHashMap<>();
        private long calls;

        Wrapper(Problem problem, int budget) {
            this.problem = problem;
            this.budget = budget;
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
            calls++;
            int[] g = s.variables().stream().mapToInt(Integer::intValue).toArray();
            Architecture a = problem.space().decode(Genotype.of(g));
            Evaluation e = log.get(a.id());
            if (e == null && log.size() < budget) {
                e = problem.evaluate(a, 0);
                log.put(a.id(), e);
            }
            for (int i = 0; i < problem.objectives().size(); i++) {
                s.objectives()[i] = e == null ? Double.MAX_VALUE : -problem.objectives().get(i).maximized(e);
            }
            return s;
        }
    }
}
