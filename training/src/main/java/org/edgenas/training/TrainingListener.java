package org.edgenas.training;

import org.edgenas.arch.Architecture;

/** Told how a {@link Trainer} run progresses (from the training thread). */
public interface TrainingListener {

    /** Ignores progress. */
    TrainingListener NONE = new TrainingListener() { };

    /**
     * After each epoch.
     *
     * @param meanLoss mean cross-entropy of the epoch's steps
     * @param seconds  wall time since training started
     */
    default void epoch(Architecture architecture, int epoch, int epochs, double meanLoss, double seconds) {
    }

    /** After the held-out evaluation. */
    default void done(Architecture architecture, TrainingResult result) {
    }
}
