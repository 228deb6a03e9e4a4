package org.edgenas.search;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * @param space            the search space
 * @param proxy            the accuracy objective
 * @param energy           the board's energy model
 * @param batch            images per forward pass for the energy model
 * @param objectives       two or more objectives, the first usually {@link Objective#ACCURACY}
 * @param constraints      budgets
 * @param candidateTimeout how long the proxy may take to score one candidate ({@code proxy.timeout_s}), or null for
 *                         no limit; a candidate that takes longer is recorded as failed (see {@link #timedOut})
 */
public record Problem(SearchSpace space, AccuracyProxy proxy, EnergyModel energy, int batch,
                      List<Objective> objectives, Constraints constraints, Duration candidateTimeout)
        implements AutoCloseable {

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
        if (candidateTimeout != null && (candidateTimeout.isNegative() || candidateTimeout.isZero())) {
            throw new IllegalArgumentException("candidate timeout must be positive: " + candidateTimeout);
        }
    }

    /** A problem without a time limit per candidate. */
    public Problem(SearchSpace space, AccuracyProxy proxy, EnergyModel energy, int batch, List<Objective> objectives,
                   Constraints constraints) {
        this(space, proxy, energy, batch, objectives, constraints, null);
    }

    /**
     * Scores one architecture, recording {@code generation} as when it was first seen. With a
     * {@link #candidateTimeout}, the proxy scores it on a thread of its own; if that takes longer, the architecture
     * is recorded as failed: accuracy {@code -inf}, an infinite violation (so on no front, below every other
     * candidate), and its modelled energy and latency. The abandoned scoring is interrupted, and a proxy that does not
     * stop on an interrupt runs to its end in the background.
     */
    public Evaluation evaluate(Architecture a, int generation) {
        Estimate e = energy.estimate(a, batch);
        double energyMj = e.energyMj();
        double latencyMs = e.latencyMs();
        Double accuracy = candidateTimeout == null ? Double.valueOf(proxy.score(a)) : scoreWithin(a);
        if (accuracy == null) {
            return new Evaluation(a.id(), Double.NEGATIVE_INFINITY, energyMj, latencyMs, a.macs(), a.params(),
                    Double.POSITIVE_INFINITY, generation);
        }
        if (Double.isNaN(accuracy)) {
            throw new IllegalStateException("proxy " + proxy.name() + " returned NaN for " + a.id());
        }
        return new Evaluation(a.id(), accuracy, energyMj, latencyMs, a.macs(), a.params(),
                constraints.violation(energyMj, latencyMs), generation);
    }

    /** The proxy's score of {@code a}, or null if it took longer than the timeout. */
    private Double scoreWithin(Architecture a) {
        CompletableFuture<Double> score = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().daemon().name("edgenas-timed-proxy").start(() -> {
            try {
                score.complete(proxy.score(a));
            } catch (Throwable t) {
                score.completeExceptionally(t);
            }
        });
        try {
            return score.get(candidateTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            worker.interrupt();
            return null;
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring " + a.id(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Whether {@code e} was recorded as failed because the proxy ran past {@link #candidateTimeout}: failed, with
     * modelled (finite) energy, in a problem with a timeout.
     */
    public boolean timedOut(Evaluation e) {
        return candidateTimeout != null && e.failed() && e.worthless() && Double.isFinite(e.energyMj());
    }

    /** Closes the proxy; evaluating afterwards still works, on the calling thread only. */
    @Override
    public void close() {
        proxy.close();
    }
}
