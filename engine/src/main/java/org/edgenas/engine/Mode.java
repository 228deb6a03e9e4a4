package org.edgenas.engine;

/**
 * How a {@link Network} executes.
 *
 * @param gradients keep every activation and allocate gradients, so that {@link Network#backward} can run; when
 *                  false, activation buffers are reused as soon as no later layer reads them
 * @param logScaled after every layer, divide the output (and, backwards, every gradient) by a power of two that
 *                  brings its largest magnitude into [1, 2), and carry the factor as a natural-log scale beside the
 *                  tensor, so values of any magnitude (e.g. SynFlow's products of absolute weights through a deep
 *                  network) neither overflow nor underflow. Batch normalisation, ReLU, pooling and sums are
 *                  positively homogeneous, so only biases, the batch-norm epsilon, ReLU6's clip and the sigmoids
 *                  need the scale explicitly.
 * @param batchNorm what batch-norm layers do
 */
public record Mode(boolean gradients, boolean logScaled, BatchNorm batchNorm) {

    /** What a batch-norm layer normalises with. */
    public enum BatchNorm {
        /** The batch's mean and biased variance (PyTorch's training mode), running statistics left alone. */
        BATCH,
        /**
         * The batch's statistics, as {@link #BATCH}, and the network's running statistics updated after every
         * forward pass as PyTorch does ({@code momentum 0.1}, unbiased variance). The network trains a private copy
         * of its weights (see {@link Network#weights()}).
         */
        TRAIN,
        /** The running statistics of the weights (PyTorch's evaluation mode); forward passes only. */
        RUNNING,
        /** None: the layer passes its input through, as SynFlow implementations do. */
        IDENTITY
    }

    public Mode {
        java.util.Objects.requireNonNull(batchNorm, "batchNorm");
        if (gradients && batchNorm == BatchNorm.RUNNING) {
            throw new IllegalArgumentException("running batch-norm statistics are for inference; a mode with "
                    + "gradients normalises with the batch's");
        }
    }

    /** Forward passes only, batch statistics in batch norm (training-mode normalisation), no rescaling. */
    public static final Mode FORWARD = new Mode(false, false, BatchNorm.BATCH);

    /** Forward and backward passes, batch statistics, no rescaling. */
    public static final Mode GRADIENTS = new Mode(true, false, BatchNorm.BATCH);

    /** Training: forward and backward passes, batch statistics, running statistics updated, no rescaling. */
    public static final Mode TRAINING = new Mode(true, false, BatchNorm.TRAIN);

    /** Inference: forward passes only, batch norm with the running statistics, no rescaling. */
    public static final Mode INFERENCE = new Mode(false, false, BatchNorm.RUNNING);

    /** What SynFlow needs: forward and backward passes, log-scaled tensors, batch norm bypassed. */
    public static final Mode SYNFLOW = new Mode(true, true, BatchNorm.IDENTITY);
}
