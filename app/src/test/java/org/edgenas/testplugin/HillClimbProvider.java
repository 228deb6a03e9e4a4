package org.edgenas.testplugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.search.Algorithm;
import org.edgenas.search.AlgorithmProvider;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Pareto;
import org.edgenas.search.SearchRun;
import org.edgenas.search.StateRandom;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.Genotypes;

/**
 * A user's search algorithm, as a plug-in written against the public API only and registered in this test jar's
 * {@code META-INF/services/org.edgenas.search.AlgorithmProvider}: {@code test-hill-climb}, a Pareto hill climber. It
 * starts from {@code population} random genotypes; each generation makes {@code population} children, each a random
 * member of the non-dominated archive with each gene redrawn with probability {@code mutation_rate} [0.3] and one
 * gene chosen at random redrawn always. Used to show that a plug-in algorithm runs from a config file, locally and on cluster workers.
 */
public final class HillClimbProvider implements AlgorithmProvider {

    @Override
    public String name() {
        return "test-hill-climb";
    }

    @Override
    public String description() {
        return "test only: Pareto hill climbing from random starts (setting: mutation_rate)";
    }

    @Override
    public Algorithm create(Parameters search, int population) {
        return new HillClimb(search.number("mutation_rate", 0.3, 0, 1));
    }

    /** The algorithm, with its one setting. */
    record HillClimb(double mutationRate) implements Algorithm {

        private record Individual(Genotype genotype, Evaluation evaluation) {
        }

        @Override
        public String name() {
            return "test-hill-climb";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("mutation_rate", mutationRate);
        }

        @Override
        public int run(SearchRun run) {
            StateRandom random = StateRandom.seeded(run.settings().seed());
            List<Choice> choices = run.problem().space().choices();
            int population = run.settings().population();
            List<Individual> archive = new ArrayList<>();
            List<Genotype> batch = new ArrayList<>();
            for (int i = 0; i < population; i++) {
                batch.add(Genotypes.random(choices, random));
            }
            int generation = 0;
            while (generation < run.settings().maxGenerations() && !run.exhausted()) {
                List<Evaluation> evaluations = run.evaluate(batch, generation);
                for (int i = 0; i < batch.size(); i++) {
                    if (evaluations.get(i) != null) {
                        Pareto.insert(archive, new Individual(batch.get(i), evaluations.get(i)),
                                Individual::evaluation, run.problem().objectives());
                    }
                }
                generation++;
                run.generationDone(generation);
                batch = new ArrayList<>();
                for (int i = 0; i < population && !archive.isEmpty(); i++) {
                    batch.add(mutate(archive.get(random.nextInt(archive.size())).genotype(), choices, random));
                }
            }
            return generation;
        }

        private Genotype mutate(Genotype parent, List<Choice> choices, StateRandom random) {
            int[] g = parent.toArray();
            int forced = random.nextInt(g.length);
            for (int i = 0; i < g.length; i++) {
                if (i == forced || random.nextDouble() < mutationRate) {
                    g[i] = random.nextInt(choices.get(i).cardinality());
                }
            }
            return Genotype.of(g);
        }
    }
}
