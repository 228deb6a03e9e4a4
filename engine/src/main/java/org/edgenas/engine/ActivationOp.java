package org.edgenas.engine;

import org.edgenas.arch.Node;

/**
 * The element-wise activations that are not positively homogeneous: ReLU6, hard sigmoid and sigmoid, with
 * PyTorch's definitions and derivatives. On log-scaled input ({@code x = x' e^s}) ReLU6 keeps the scale and clips at
 * {@code 6 e^-s}; the sigmoids read the true value {@code x' e^s} and write plain values (scale 0). Work items are
 * chunks of elements.
 */
final class ActivationOp implements Op {

    /** The function computed. */
    enum Function {
        /** {@code min(max(x, 0), 6)}; the gradient passes where {@code 0 < x < 6}. */
        RELU6,
        /** {@code min(max(x + 3, 0), 6) / 6}; derivative 1/6 where {@code -3 < x < 3}, else 0. */
        HARD_SIGMOID,
        /** {@code 1 / (1 + e^-x)}; derivative {@code y (1 - y)}. */
        SIGMOID
    }

    private final Node node;
    private final int input;
    private final Function function;

    ActivationOp(Node node, Function function) {
        this.node = node;
        this.input = node.inputs().getFirst();
        this.function = function;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        int n = net.size(node.index());
        double scale = net.scale(input);
        float up = up(scale);
        float cap = cap(scale);
        net.workers().run(Chunks.count(n), (item, slot) -> {
            int start = Chunks.start(item);
            int end = Chunks.end(item, n);
            switch (function) {
                case RELU6 -> {
                    for (int i = start; i < end; i++) {
                        y[i] = Math.min(Math.max(x[i], 0f), cap);
                    }
                }
                case HARD_SIGMOID -> {
                    for (int i = start; i < end; i++) {
                        y[i] = Math.min(Math.max(x[i] * up + 3f, 0f), 6f) / 6f;
                    }
                }
                case SIGMOID -> {
                    for (int i = start; i < end; i++) {
                        y[i] = (float) (1 / (1 + StrictMath.exp(-(double) x[i] * up)));
                    }
                }
            }
        });
        return function == Function.RELU6 ? scale : 0;
    }

    /**
     * The masks and derivatives are computed from the input exactly as the forward pass computed the output (the
     * output itself may since have been rescaled by a power of two in log-scaled mode).
     */
    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] x = net.value(input);
        float[] gy = net.gradient(self);
        float factor = net.gradientFactor(input, net.gradientScale(self));
        float[] dx = net.gradient(input);
        int n = net.size(self);
        double scale = net.scale(input);
        float up = up(scale);
        float cap = cap(scale);
        net.workers().run(Chunks.count(n), (item, slot) -> {
            int start = Chunks.start(item);
            int end = Chunks.end(item, n);
            switch (function) {
                case RELU6 -> {
                    for (int i = start; i < end; i++) {
                        if (x[i] > 0f && x[i] < cap) {
                            dx[i] += factor * gy[i];
                        }
                    }
                }
                case HARD_SIGMOID -> {
                    float sixth = factor / 6f;
                    for (int i = start; i < end; i++) {
                        float shifted = x[i] * up + 3f;
                        if (shifted > 0f && shifted < 6f) {
                            dx[i] += sixth * gy[i];
                        }
                    }
                }
                case SIGMOID -> {
                    for (int i = start; i < end; i++) {
                        float y = (float) (1 / (1 + StrictMath.exp(-(double) x[i] * up)));
                        dx[i] += factor * gy[i] * y * (1f - y);
                    }
                }
            }
        });
    }

    /** The factor that turns a stored input value at log scale {@code scale} into its true value. */
    private static float up(double scale) {
        return (float) StrictMath.exp(scale);
    }

    /** ReLU6's clip, 6, in the stored units of an input at log scale {@code scale}. */
    private static float cap(double scale) {
        return (float) (6 * StrictMath.exp(-scale));
    }
}
