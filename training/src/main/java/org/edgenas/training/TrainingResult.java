package org.edgenas.training;

import java.util.List;

/**
 * What a {@link Trainer} run measured.
 *
 * @param accuracy   fraction of the held-out images classified correctly, in [0, 1]
 * @param heldOut    number of held-out images
 * @param epochLoss  mean training cross-entropy of each epoch
 * @param seconds    wall time of the training epochs (evaluation excluded)
 */
public record TrainingResult(double accuracy, int heldOut, List<Double> epochLoss, double seconds) {

    public TrainingResult {
        epochLoss = List.copyOf(epochLoss);
    }

    /** Seconds per training epoch. */
    public double secondsPerEpoch() {
        return seconds / epochLoss.size();
    }
}
