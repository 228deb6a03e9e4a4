package org.edgenas.training;

import java.util.List;

/**
 * What a {@link Trainer} run measured.
 *
 * @param correct    held-out images classified correctly
 * @param heldOut    number of held-out images, at least 1
 * @param epochLoss  mean training cross-entropy of each epoch
 * @param seconds    wall time of the training epochs (evaluation excluded)
 */
public record TrainingResult(int correct, int heldOut, List<Double> epochLoss, double seconds) {

    public TrainingResult {
        epochLoss = List.copyOf(epochLoss);
        if (heldOut < 1 || correct < 0 || correct > heldOut) {
            throw new IllegalArgumentException("need 0 <= correct <= held-out images, held-out >= 1, got " + correct
                    + " of " + heldOut);
        }
    }

    /** Fraction of the held-out images classified correctly, in [0, 1]. */
    public double accuracy() {
        return (double) correct / heldOut;
    }

    /** The held-out accuracy in %, the correctly rounded {@code 100 correct / heldOut} (89.76, not 89.75999...). */
    public double percent() {
        return 100.0 * correct / heldOut;
    }

    /** Seconds per training epoch. */
    public double secondsPerEpoch() {
        return seconds / epochLoss.size();
    }
}
