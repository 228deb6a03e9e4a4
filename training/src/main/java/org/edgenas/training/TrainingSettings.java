package org.edgenas.training;

/**
 * How the {@link Trainer} trains: SGD with momentum and weight decay on mini-batches of a shuffled training set,
 * cross-entropy loss, batch norm in training mode, weights initialised Kaiming-normal from {@code seed}.
 *
 * @param epochs       passes over the training set, at least 1
 * @param batch        images per step (a last partial batch of an epoch is left out), at least 2 (batch norm needs
 *                     two images)
 * @param learningRate initial learning rate, &gt; 0
 * @param momentum     SGD momentum, in [0, 1)
 * @param weightDecay  L2 penalty, &gt;= 0
 * @param schedule     how the learning rate changes over the steps
 * @param seed         seeds the weights and the order of the images
 */
public record TrainingSettings(int epochs, int batch, double learningRate, double momentum, double weightDecay,
                               Schedule schedule, long seed) {

    /** The learning rate over the steps of a run. */
    public enum Schedule {
        /** The initial rate throughout. */
        CONSTANT,
        /** Cosine annealing to 0 per step: {@code lr (1 + cos(pi step / steps)) / 2}. */
        COSINE;

        /** The name used in config files. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TrainingSettings {
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (epochs < 1 || batch < 2 || !(learningRate > 0) || Double.isInfinite(learningRate)
                || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("training needs epochs >= 1, batch >= 2, a positive finite learning "
                    + "rate, momentum in [0, 1) and weight decay >= 0, got " + this);
        }
    }

    /** The learning rate of step {@code step} (from 0) of {@code steps}. */
    public double learningRate(int step, int steps) {
        return switch (schedule) {
            case CONSTANT -> learningRate;
            case COSINE -> learningRate * 0.5 * (1 + StrictMath.cos(Math.PI * step / steps));
        };
    }
}
