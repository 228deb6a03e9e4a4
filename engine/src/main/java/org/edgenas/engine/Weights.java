package org.edgenas.engine;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Node;

/**
 * The trainable parameters of an {@link Architecture}, per node, in PyTorch's layouts: a convolution's weight is
 * {@code outChannels x (inChannels / groups) x k x k}, a linear layer's {@code outFeatures x inFeatures}, each with
 * an optional bias; a batch norm has a scale (its "weight") and a shift (its "bias"), and running statistics (mean
 * and variance per channel, PyTorch's buffers: 0 and 1 until trained). Other layers have none.
 *
 * <p>Instances are never changed after they are made; the arrays handed out must be treated as read-only. (A
 * {@link Network} compiled for {@link Mode#TRAINING} trains a private {@linkplain #copy() copy}.)
 */
public final class Weights {

    private final float[][] weight;
    private final float[][] bias;
    private final float[][] runningMean;
    private final float[][] runningVariance;

    private Weights(float[][] weight, float[][] bias, float[][] runningMean, float[][] runningVariance) {
        this.weight = weight;
        this.bias = bias;
        this.runningMean = runningMean;
        this.runningVariance = runningVariance;
    }

    /** Running statistics of an untrained network: mean 0 and variance 1 for every batch-norm channel. */
    private static float[][][] freshStatistics(Architecture architecture) {
        List<Node> nodes = architecture.nodes();
        float[][] mean = new float[nodes.size()][];
        float[][] variance = new float[nodes.size()][];
        for (Node node : nodes) {
            if (node.layer() instanceof BatchNorm bn) {
                mean[node.index()] = new float[bn.channels()];
                variance[node.index()] = new float[bn.channels()];
                java.util.Arrays.fill(variance[node.index()], 1f);
            }
        }
        return new float[][][] {mean, variance};
    }

    /**
     * Kaiming-normal initialisation (He et al. 2015, fan-in mode, ReLU gain): every convolution and linear weight
     * drawn from N(0, 2 / fan_in), fan_in = (inChannels / groups) k^2 or inFeatures; biases 0; batch-norm scale 1,
     * shift 0. Draws come from one {@link SplittableRandom} seeded with {@code seed}, node by node in order, so the
     * same architecture and seed always give the same weights.
     */
    public static Weights kaimingNormal(Architecture architecture, long seed) {
        List<Node> nodes = architecture.nodes();
        float[][] w = new float[nodes.size()][];
        float[][] b = new float[nodes.size()][];
        SplittableRandom random = new SplittableRandom(seed);
        for (Node node : nodes) {
            int i = node.index();
            switch (node.layer()) {
                case Conv2d c -> {
                    int fanIn = c.inChannels() / c.groups() * c.kernel() * c.kernel();
                    w[i] = gaussian(random, c.outChannels() * fanIn, Math.sqrt(2.0 / fanIn));
                    b[i] = c.bias() ? new float[c.outChannels()] : null;
                }
                case Linear l -> {
                    w[i] = gaussian(random, l.outFeatures() * l.inFeatures(), Math.sqrt(2.0 / l.inFeatures()));
                    b[i] = l.bias() ? new float[l.outFeatures()] : null;
                }
                case BatchNorm bn -> {
                    w[i] = new float[bn.channels()];
                    java.util.Arrays.fill(w[i], 1f);
                    b[i] = new float[bn.channels()];
                }
                default -> {
                }
            }
        }
        float[][][] statistics = freshStatistics(architecture);
        return new Weights(w, b, statistics[0], statistics[1]);
    }

    /**
     * Weights given explicitly, one entry per node ({@code null} where a node has none); the arrays are copied.
     *
     * @throws IllegalArgumentException if an array's length does not fit its layer
     */
    public static Weights of(Architecture architecture, List<float[]> weights, List<float[]> biases) {
        List<Node> nodes = architecture.nodes();
        if (weights.size() != nodes.size() || biases.size() != nodes.size()) {
            throw new IllegalArgumentException("need one weight and one bias entry per node (" + nodes.size()
                    + "), got " + weights.size() + " and " + biases.size());
        }
        float[][] w = new float[nodes.size()][];
        float[][] b = new float[nodes.size()][];
        for (Node node : nodes) {
            int i = node.index();
            int[] expected = sizes(node);
            w[i] = checked(node, "weight", weights.get(i), expected[0]);
            b[i] = checked(node, "bias", biases.get(i), expected[1]);
        }
        float[][][] statistics = freshStatistics(architecture);
        return new Weights(w, b, statistics[0], statistics[1]);
    }

    /** These weights with every value replaced by its absolute value (as SynFlow uses them). */
    public Weights abs() {
        return new Weights(map(weight, true), map(bias, true), map(runningMean, false), map(runningVariance, false));
    }

    /** A deep copy, which a training network may change. */
    Weights copy() {
        return new Weights(map(weight, false), map(bias, false), map(runningMean, false), map(runningVariance, false));
    }

    /** The weight (or batch-norm scale) of node {@code node}, or {@code null} if it has none. */
    public float[] weight(int node) {
        return weight[node];
    }

    /** The bias (or batch-norm shift) of node {@code node}, or {@code null} if it has none. */
    public float[] bias(int node) {
        return bias[node];
    }

    /** The running mean of batch-norm node {@code node}'s channels, or {@code null} for other layers. */
    public float[] runningMean(int node) {
        return runningMean[node];
    }

    /** The running variance of batch-norm node {@code node}'s channels, or {@code null} for other layers. */
    public float[] runningVariance(int node) {
        return runningVariance[node];
    }

    /** Number of nodes covered. */
    public int nodes() {
        return weight.length;
    }

    private static int[] sizes(Node node) {
        return switch (node.layer()) {
            case Conv2d c -> new int[] {c.outChannels() * c.inChannels() / c.groups() * c.kernel() * c.kernel(),
                    c.bias() ? c.outChannels() : 0};
            case Linear l -> new int[] {l.outFeatures() * l.inFeatures(), l.bias() ? l.outFeatures() : 0};
            case BatchNorm bn -> new int[] {bn.channels(), bn.channels()};
            default -> new int[] {0, 0};
        };
    }

    private static float[] checked(Node node, String what, float[] values, int expected) {
        if (expected == 0) {
            if (values != null) {
                throw new IllegalArgumentException(node.name() + " (" + node.layer() + ") has no " + what);
            }
            return null;
        }
        Objects.requireNonNull(values, () -> node.name() + " (" + node.layer() + ") needs a " + what);
        if (values.length != expected) {
            throw new IllegalArgumentException(node.name() + " (" + node.layer() + "): " + what + " needs "
                    + expected + " values, got " + values.length);
        }
        return values.clone();
    }

    private static float[] gaussian(SplittableRandom random, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return v;
    }

    /** A deep copy of {@code arrays}, with absolute values when {@code abs}. */
    private static float[][] map(float[][] arrays, boolean abs) {
        float[][] out = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                out[i] = arrays[i].clone();
                for (int j = 0; abs && j < out[i].length; j++) {
                    out[i][j] = Math.abs(out[i][j]);
                }
            }
        }
        return out;
    }
}
