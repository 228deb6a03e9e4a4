package org.edgenas.search;

import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.Estimate;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.space.SearchSpace;

/**
 * A search problem: where to look (space), how to score (proxy, energy model at a batch size), what to optimise
 * and within which budgets. Immutable; {@link #evaluate} is thread-safe when the proxy and model are. It owns its
 * proxy: {@link #close()} closes it (releasing its threads).
 *
 * @param space       the search space
 * @param proxy       the accuracy objective
 * @param energy      the board's energy model
 * @param batch       images per forward pass for the energy model
 * @param objectives  two or more objectives, the first usually {@link Objective#ACCURACY}
 * @param constraints budgets
 */
public record Problem(SearchSpace space, AccuracyProxy proxy, EnergyModel energy, int batch,
                      List<Objective> objectives, Constraints constraints) implements AutoCloseable {

    public Problem {
        objectives = List.copyOf(objectives);
        if (objectives.size() < 2) {
            throw new IllegalArgumentException("a multi-objective search needs at least two objectives");
        }
        if (objectives.contains(Objective.LATENCY_MS) && !energy.hasLatency()) {
            throw new IllegalArgumentException("board " + energy.board() + " has no latency model");
        }
        if (objectives.contains(Objective.ENERGY_MJ) && !energy.hasEnergy()) {
            throw new IllegalArgumentException("board " + energy.board() + " has no energy model");
        }
    }

    /** Scores one architecture, recording {@code generation} as when it was first seen. */
    public Evaluation evaluate(Architecture a, int generation) {
        double accuracy = proxy.score(a);
        if (Double.isNaN(accuracy)) {
            throw new IllegalStateException("proxy " + proxy.name() + " returned NaN for " + a.id());
        }
        Estimate e = energy.estimate(a, batch);
        double energyMj = e.energyMj();
        double latencyMs = e.latencyMs();
        return new Evaluation(a.id(), accuracy, energyMj, latencyMs, a.macs(), a.params(),
                constraints.violation(energyMj, latencyMs), generation);
    }

    /** Closes the proxy; evaluating afterwards still works, on the calling thread only. */
    @Override
    public void close() {
        proxy.close();
    }
}
