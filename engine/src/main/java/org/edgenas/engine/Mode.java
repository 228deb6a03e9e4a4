package org.edgenas.engine;

/**
 * How a {@link Network} executes.
 *
 * @param gradients           keep every activation and allocate gradients, so that {@link Network#backward} can run;
 *                            when false, activation buffers are reused as soon as no later layer reads them
 * @param logScaled           after every layer, divide the output (and, backwards, every gradient) by a power of two
 *                            that brings its largest magnitude into [1, 2), and carry the factor as a natural-log
 *                            scale beside the tensor, so values of any magnitude (e.g. SynFlow's products of
 *                            absolute weights through a deep network) neither overflow nor underflow. Batch
 *                            normalisation, ReLU, pooling and sums are positively homogeneous, so only biases and
 *                            the batch-norm epsilon need the scale explicitly.
 * @param batchNormAsIdentity run batch-norm layers as the identity, as SynFlow implementations do
 *                            (Tanaka et al. 2020; Abdelfattah et al. 2021)
 */
public record Mode(boolean gradients, boolean logScaled, boolean batchNormAsIdentity) {

    /** Forward passes only, batch statistics in batch norm (training-mode normalisation), no rescaling. */
    public static final Mode FORWARD = new Mode(false, false, false);

    /** Forward and backward passes, batch statistics, no rescaling. */
    public static final Mode GRADIENTS = new Mode(true, false, false);

    /** What SynFlow needs: forward and backward passes, log-scaled tensors, batch norm bypassed. */
    public static final Mode SYNFLOW = new Mode(true, true, true);
}
