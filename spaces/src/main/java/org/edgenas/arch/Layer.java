package org.edgenas.arch;

import java.util.List;

/**
 * One operation of a network graph. Layers are immutable values; their costs depend on the input shapes,
 * which an {@link Architecture} infers once.
 *
 * <p>Counting rules, per image (batch 1):
 * <ul>
 *   <li>MACs count multiply-accumulates of convolutions and fully connected layers only:
 *       conv MACs = H_out x W_out x (C_in / groups) x k^2 x C_out; linear MACs = in x out.
 *       Bias additions, batch norm, activations, pooling and sums are not MACs (they are
 *       {@linkplain #elementOps element operations}), which is how NAS-Bench-201 counts FLOPs.</li>
 *   <li>Parameters count trainable weights, biases and batch-norm scale/shift (not running statistics).</li>
 * </ul>
 */
public sealed interface Layer permits Conv2d, Linear, BatchNorm, ReLU, ReLU6, HardSigmoid, Sigmoid, AvgPool, MaxPool,
        GlobalAvgPool, Add, ChannelMul, Zero, Identity {

    /** Short kind name used in reports and energy profiles, e.g. {@code conv2d}, {@code linear}. */
    String kind();

    /**
     * The output shape for these input shapes.
     *
     * @throws ShapeException if the inputs do not fit this layer; the message names the mismatch
     */
    Shape outputShape(List<Shape> inputs);

    /** Multiply-accumulate operations per image. */
    default long macs(List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Non-MAC arithmetic per image (one per output element touched: add, compare, scale); 0 for data movement only. */
    default long elementOps(List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Trainable parameters (weights, biases, batch-norm affine). */
    default long params() {
        return 0;
    }

    /** Number of input tensors this layer takes, or -1 for any number of at least one. */
    default int arity() {
        return 1;
    }

    /** Checks that exactly one input is given, naming the layer otherwise. */
    static Shape single(Layer layer, List<Shape> inputs) {
        if (inputs.size() != 1) {
            throw new ShapeException(layer.kind() + " takes one input, got " + inputs.size());
        }
        return inputs.getFirst();
    }

    /** Output shape of a square pooling window over one input: channels kept, both axes slid. */
    static Shape pooled(Layer layer, List<Shape> inputs, int kernel, int stride, int padding) {
        Shape in = single(layer, inputs);
        return Shape.of(in.channels(), slide(layer, "height", in.height(), kernel, stride, padding),
                slide(layer, "width", in.width(), kernel, stride, padding));
    }

    /** Output size of a sliding window along one axis; throws if the window does not fit. */
    static int slide(Layer layer, String axis, int in, int kernel, int stride, int padding) {
        int span = in + 2 * padding - kernel;
        if (span < 0) {
            throw new ShapeException(layer + ": kernel " + kernel + " does not fit input " + axis + " " + in
                    + " with padding " + padding);
        }
        return span / stride + 1;
    }
}
