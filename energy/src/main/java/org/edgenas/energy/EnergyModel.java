package org.edgenas.energy;

import org.edgenas.arch.Architecture;

/**
 * Predicts the energy (mJ) and latency (ms) of running an architecture on one board: what a search minimises. A board's
 * model comes from its profile ({@link Boards#model}); a form of your own plugs in through
 * {@link EnergyModelProvider}.
 *
 * @apiNote Implementations are immutable and thread-safe, and {@link #estimate} is a pure function of its arguments.
 * The returned estimate holds one entry per layer of the architecture, in node order, plus a fixed per-inference cost;
 * its {@link Estimate#energyMj()} is per input image and its {@link Estimate#latencyMs()} is for the whole batch.
 *
 * {@snippet :
 * EnergyModel tx2 = Boards.model(Boards.load("jetson-tx2"));
 * Estimate e = tx2.estimate(space.parse(arch), 1);
 * double mj = e.energyMj();
 * }
 */
public interface EnergyModel {

    /** The board this model describes, e.g. {@code jetson-tx2}. */
    String board();

    /** Whether {@link Estimate#latencyMs()} is modelled (otherwise it is NaN). */
    boolean hasLatency();

    /** Whether {@link Estimate#energyMj()} is modelled (otherwise it is NaN: a latency-only board). */
    default boolean hasEnergy() {
        return true;
    }

    /**
     * The cost of one forward pass of {@code architecture} over a batch of {@code batch} images.
     *
     * @throws IllegalArgumentException if {@code batch < 1}
     */
    Estimate estimate(Architecture architecture, int batch);
}
