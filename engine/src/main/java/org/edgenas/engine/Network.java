package org.edgenas.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.Node;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.Zero;

/**
 * An {@link Architecture} compiled for execution at a fixed batch size: every activation, gradient and scratch
 * buffer is allocated here, once, so forward and backward passes allocate nothing but a few task objects per layer.
 * Tensors are float arrays in NCHW order ({@code batch x channels x height x width}); a linear layer flattens its
 * input as PyTorch does.
 *
 * <p>Semantics follow PyTorch: batch norm normalises as {@link Mode#batchNorm()} says ({@code eps = 1e-5}); average
 * pooling excludes padding from the count ({@code count_include_pad=False}, as NAS-Bench-201 uses it); max pooling pads with negative infinity and sends a gradient to the first maximum of a
 * window; ReLU's derivative at 0 is 0, ReLU6's at 0 and 6 is 0, hard sigmoid's at -3 and 3 is 0.
 *
 * <p>Every tensor carries a natural-log scale: its true value is {@code values x exp(logScale)}. The scale stays 0
 * unless the {@link Mode} is {@linkplain Mode#logScaled() log-scaled}.
 *
 * @apiNote Not thread-safe: one network runs one pass at a time (its layers run on its {@link Workers}). Compile one
 * network per concurrent caller.
 *
 * {@snippet :
 * Network net = Network.compile(arch, 64, Weights.kaimingNormal(arch, 0), Mode.FORWARD, Workers.single());
 * net.forward(images, 0, ActivationListener.NONE);
 * float[] logits = net.output();
 * }
 */
public final class Network {

    /** Batch-norm epsilon, as PyTorch's default. */
    static final float EPSILON = 1e-5f;

    private static final double LN2 = StrictMath.log(2);

    /** The most values one of the engine's arrays (a tensor over a batch) may hold: a Java array's limit. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Architecture architecture;
    private final int batch;
    private final Weights weights;
    private final Mode mode;
    private final Workers workers;
    private final Op[] ops;
    private final float[][] values;
    private final double[] scales;
    private final int inputSize;
    private final Scratch[] scratch;
    private final float[] padded;
    private final float[] outputGradientT;
    private final float[][] gradients;
    private final double[] gradientScales;
    private final float[][] weightGradients;
    private final float[][] biasGradients;
    private final double[] weightGradientScales;
    private final double[] biasGradientScales;
    private final float[] inputGradient;
    private double inputGradientScale;
    private float[] input;
    private double inputScale;
    private boolean forwardDone;

    private Network(Architecture architecture, int batch, Weights weights, Mode mode, Workers workers) {
        this.architecture = architecture;
        this.batch = batch;
        this.weights = mode.batchNorm() == Mode.BatchNorm.TRAIN ? weights.copy() : weights;
        this.mode = mode;
        this.workers = workers;
        List<Node> nodes = architecture.nodes();
        int n = nodes.size();
        ops = new Op[n];
        for (Node node : nodes) {
            ops[node.index()] = op(node, architecture, batch);
        }
        values = mode.gradients() ? ownBuffers(architecture, batch) : sharedBuffers(architecture, batch);
        scales = new double[n];
        inputSize = (int) architecture.input().elements() * batch;
        Scratch.Sizes sizes = new Scratch.Sizes();
        for (Op op : ops) {
            op.reserve(sizes, mode.gradients());
        }
        scratch = new Scratch[workers.threads()];
        for (int s = 0; s < scratch.length; s++) {
            scratch[s] = new Scratch(sizes);
        }
        padded = new float[sizes.padded];
        outputGradientT = new float[sizes.outputT];
        if (mode.gradients()) {
            gradients = ownBuffers(architecture, batch);
            gradientScales = new double[n];
            weightGradients = new float[n][];
            biasGradients = new float[n][];
            for (int i = 0; i < n; i++) {
                weightGradients[i] = weights.weight(i) == null ? null : new float[weights.weight(i).length];
                biasGradients[i] = weights.bias(i) == null ? null : new float[weights.bias(i).length];
            }
            weightGradientScales = new double[n];
            biasGradientScales = new double[n];
            inputGradient = new float[inputSize];
        } else {
            gradients = null;
            gradientScales = null;
            weightGradients = null;
            biasGradients = null;
            weightGradientScales = null;
            biasGradientScales = null;
            inputGradient = null;
        }
    }

    /**
     * Compiles {@code architecture} for batches of {@code batch} images.
     *
     * @param weights the parameters, e.g. {@link Weights#kaimingNormal}; must be made for this architecture. A network
     *                compiled for {@link Mode#TRAINING} trains a copy (see {@link #snapshot()}).
     * @throws IllegalArgumentException if {@code batch} is not positive or the weights do not fit
     * @throws org.edgenas.config.ConfigException if a tensor would exceed {@link Integer#MAX_VALUE} elements
     */
    public static Network compile(Architecture architecture, int batch, Weights weights, Mode mode, Workers workers) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(workers, "workers");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (weights.nodes() != architecture.nodes().size()) {
            throw new IllegalArgumentException("weights cover " + weights.nodes() + " nodes, the architecture has "
                    + architecture.nodes().size());
        }
        long largest = architecture.input().elements();
        for (int i = 0; i < architecture.nodes().size(); i++) {
            largest = Math.max(largest, architecture.shape(i).elements());
        }
        if (largest * batch > MAX_ARRAY) {
            throw new org.edgenas.config.ConfigException(architecture.id() + ": a tensor of " + largest
                    + " values per image x batch " + batch + " does not fit the engine's arrays; use a smaller batch "
                    + "or input");
        }
        return new Network(architecture, batch, weights, mode, workers);
    }

    /**
     * Runs the network on {@code images}.
     *
     * @param images        {@code batch x C x H x W} input values (read, not copied: leave them unchanged until the
     *                      pass and any backward pass are done)
     * @param imageLogScale natural-log scale of {@code images} (0 for plain values)
     * @param listener      sees every layer's output as it is computed
     * @throws IllegalArgumentException if {@code images} has the wrong length
     */
    public void forward(float[] images, double imageLogScale, ActivationListener listener) {
        if (images.length != inputSize) {
            throw new IllegalArgumentException("input must hold batch " + batch + " x " + architecture.input()
                    + " = " + inputSize + " values, got " + images.length);
        }
        input = images;
        inputScale = imageLogScale;
        for (Op op : ops) {
            int i = op.node().index();
            double scale = op.forward(this);
            if (mode.logScaled()) {
                scale += normalise(values[i], size(i));
            }
            scales[i] = scale;
            listener.activation(op.node(), values[i], scale);
        }
        forwardDone = true;
    }

    /**
     * Back-propagates {@code outputGradient} (the gradient of some scalar with respect to the output) to every
     * parameter and to the input. Afterwards {@link #weightGradient}, {@link #biasGradient} and
     * {@link #inputGradient} hold it.
     *
     * @param logScale natural-log scale of {@code outputGradient}
     * @throws IllegalStateException if the network was not compiled for gradients or no forward pass ran
     */
    public void backward(float[] outputGradient, double logScale) {
        if (!mode.gradients()) {
            throw new IllegalStateException("compiled without gradients; use a Mode with gradients");
        }
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        int last = ops.length - 1;
        if (outputGradient.length != size(last)) {
            throw new IllegalArgumentException("output gradient must hold " + size(last) + " values, got "
                    + outputGradient.length);
        }
        for (int i = 0; i < ops.length; i++) {
            Arrays.fill(gradients[i], 0f);
            gradientScales[i] = Double.NEGATIVE_INFINITY;
            clear(weightGradients[i]);
            clear(biasGradients[i]);
            weightGradientScales[i] = Double.NEGATIVE_INFINITY;
            biasGradientScales[i] = Double.NEGATIVE_INFINITY;
        }
        Arrays.fill(inputGradient, 0f);
        inputGradientScale = Double.NEGATIVE_INFINITY;
        System.arraycopy(outputGradient, 0, gradients[last], 0, outputGradient.length);
        gradientScales[last] = logScale;
        for (int i = last; i >= 0; i--) {
            if (gradientScales[i] == Double.NEGATIVE_INFINITY) {
                continue; // no path from the output reaches this node: its gradient is zero
            }
            if (mode.logScaled()) {
                gradientScales[i] += normalise(gradients[i], size(i));
            }
            ops[i].backward(this);
        }
    }

    /** The network's output after {@link #forward}: {@code batch x output elements} values. */
    public float[] output() {
        return values[ops.length - 1];
    }

    /** Natural-log scale of {@link #output()}. */
    public double outputLogScale() {
        return scales[ops.length - 1];
    }

    /** Gradient of node {@code node}'s weight (or batch-norm scale) after {@link #backward}, or {@code null}. */
    public float[] weightGradient(int node) {
        return requireGradients()[node];
    }

    /** Natural-log scale of {@link #weightGradient}; negative infinity where the gradient is zero. */
    public double weightGradientLogScale(int node) {
        requireGradients();
        return weightGradientScales[node];
    }

    /** Gradient of node {@code node}'s bias (or batch-norm shift) after {@link #backward}, or {@code null}. */
    public float[] biasGradient(int node) {
        requireGradients();
        return biasGradients[node];
    }

    /** Natural-log scale of {@link #biasGradient}; negative infinity where the gradient is zero. */
    public double biasGradientLogScale(int node) {
        requireGradients();
        return biasGradientScales[node];
    }

    /** Gradient with respect to the input images after {@link #backward}. */
    public float[] inputGradient() {
        requireGradients();
        return inputGradient;
    }

    /** Natural-log scale of {@link #inputGradient()}; negative infinity where the gradient is zero. */
    public double inputGradientLogScale() {
        requireGradients();
        return inputGradientScale;
    }

    // ---- access for ops (package-private) ----

    Workers workers() {
        return workers;
    }

    Scratch scratch(int slot) {
        return scratch[slot];
    }

    /** The network-wide buffer for a zero-padded copy of a convolution's input. */
    float[] padded() {
        return padded;
    }

    /** The network-wide buffer for a layer's output gradient, transposed per image and group. */
    float[] outputGradientT() {
        return outputGradientT;
    }

    /** The weights the network runs with: for {@link Mode#TRAINING}, its private copy, changed by training. */
    Weights weights() {
        return weights;
    }

    /**
     * A copy of the weights as they are now: for a network compiled for {@link Mode#TRAINING}, the parameters
     * {@link Sgd} has trained and the running statistics its forward passes have tracked.
     */
    public Weights snapshot() {
        return weights.copy();
    }

    Mode mode() {
        return mode;
    }

    /** Output values of node {@code node}, or the input for {@link Architecture#INPUT}. */
    float[] value(int node) {
        return node == Architecture.INPUT ? input : values[node];
    }

    /** Natural-log scale of {@link #value}. */
    double scale(int node) {
        return node == Architecture.INPUT ? inputScale : scales[node];
    }

    /** The output gradient of node {@code node}. */
    float[] gradient(int node) {
        return node == Architecture.INPUT ? inputGradient : gradients[node];
    }

    /** Natural-log scale of {@link #gradient}. */
    double gradientScale(int node) {
        return node == Architecture.INPUT ? inputGradientScale : gradientScales[node];
    }

    /**
     * Prepares node {@code node}'s gradient to receive a contribution whose natural-log scale is
     * {@code contributionScale}, and returns the factor to multiply the contribution's values by before adding
     * them. If the contribution is larger, the gradient accumulated so far is rescaled down to its scale.
     */
    float gradientFactor(int node, double contributionScale) {
        double current = gradientScale(node);
        if (current == Double.NEGATIVE_INFINITY) {
            setGradientScale(node, contributionScale);
            return 1f;
        }
        if (contributionScale > current) {
            float down = (float) StrictMath.exp(current - contributionScale);
            float[] g = gradient(node);
            for (int i = 0; i < g.length; i++) {
                g[i] *= down;
            }
            setGradientScale(node, contributionScale);
            return 1f;
        }
        return (float) StrictMath.exp(contributionScale - current);
    }

    /** Writable gradient of node {@code node}'s weight. */
    float[] weightGradientBuffer(int node, double logScale) {
        weightGradientScales[node] = logScale;
        return weightGradients[node];
    }

    /** Writable gradient of node {@code node}'s bias. */
    float[] biasGradientBuffer(int node, double logScale) {
        biasGradientScales[node] = logScale;
        return biasGradients[node];
    }

    /** Elements of node {@code node}'s output for the whole batch. */
    int size(int node) {
        return node == Architecture.INPUT ? inputSize : (int) architecture.shape(node).elements() * batch;
    }

    private void setGradientScale(int node, double s) {
        if (node == Architecture.INPUT) {
            inputGradientScale = s;
        } else {
            gradientScales[node] = s;
        }
    }

    private float[][] requireGradients() {
        if (weightGradients == null) {
            throw new IllegalStateException("compiled without gradients; use a Mode with gradients");
        }
        return weightGradients;
    }

    private static void clear(float[] a) {
        if (a != null) {
            Arrays.fill(a, 0f);
        }
    }

    /**
     * Divides {@code v[0..n)} by the power of two that brings its largest magnitude into [1, 2) (exact in binary
     * floating point) and returns the natural log of that power; 0 for an all-zero tensor.
     */
    private static double normalise(float[] v, int n) {
        float max = Vectors.maxAbs(v, n);
        if (max == 0f || !Float.isFinite(max)) {
            return 0;
        }
        int e = Math.getExponent(max);
        if (e == 0) {
            return 0;
        }
        Vectors.scale(v, n, Math.scalb(1f, -e));
        return e * LN2;
    }

    private static Op op(Node node, Architecture a, int batch) {
        var in = a.inputShapes(node.index());
        var out = a.shape(node.index());
        return switch (node.layer()) {
            case Conv2d c -> c.isDepthwise() ? new DepthwiseConvOp(node, c, in.getFirst(), out, batch)
                    : new ConvOp(node, c, in.getFirst(), out, batch);
            case Linear l -> new LinearOp(node, l, batch);
            case BatchNorm b -> new BatchNormOp(node, out, batch);
            case ReLU r -> new ReluOp(node);
            case ReLU6 r -> new ActivationOp(node, ActivationOp.Function.RELU6);
            case HardSigmoid h -> new ActivationOp(node, ActivationOp.Function.HARD_SIGMOID);
            case Sigmoid s -> new ActivationOp(node, ActivationOp.Function.SIGMOID);
            case AvgPool p -> new PoolOp(node, p.kernel(), p.stride(), p.padding(), false, in.getFirst(), out, batch);
            case MaxPool p -> new PoolOp(node, p.kernel(), p.stride(), p.padding(), true, in.getFirst(), out, batch);
            case GlobalAvgPool g -> new GlobalAvgPoolOp(node, in.getFirst(), batch);
            case Add s -> new AddOp(node);
            case ChannelMul m -> new ChannelMulOp(node, in.getFirst(), batch);
            case Zero z -> new ZeroOp(node);
            case Identity id -> new IdentityOp(node);
        };
    }

    private static float[][] ownBuffers(Architecture a, int batch) {
        float[][] b = new float[a.nodes().size()][];
        for (int i = 0; i < b.length; i++) {
            b[i] = new float[(int) a.shape(i).elements() * batch];
        }
        return b;
    }

    /**
     * Buffers shared by nodes whose lifetimes do not overlap: a node's buffer returns to a pool of its size after
     * the last node that reads it, so a forward pass needs only as many buffers as are live at once.
     */
    private static float[][] sharedBuffers(Architecture a, int batch) {
        int n = a.nodes().size();
        int[] lastUse = new int[n];
        for (int i = 0; i < n; i++) {
            lastUse[i] = i;
        }
        lastUse[n - 1] = n;
        for (Node node : a.nodes()) {
            for (int in : node.inputs()) {
                if (in != Architecture.INPUT) {
                    lastUse[in] = Math.max(lastUse[in], node.index());
                }
            }
        }
        List<List<Integer>> releasedAfter = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            releasedAfter.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (lastUse[i] < n) {
                releasedAfter.get(lastUse[i]).add(i);
            }
        }
        Map<Integer, Deque<float[]>> free = new HashMap<>();
        float[][] b = new float[n][];
        for (int i = 0; i < n; i++) {
            int size = (int) a.shape(i).elements() * batch;
            Deque<float[]> pool = free.computeIfAbsent(size, k -> new ArrayDeque<>());
            b[i] = pool.isEmpty() ? new float[size] : pool.pop();
            for (int released : releasedAfter.get(i)) {
                free.computeIfAbsent(b[released].length, k -> new ArrayDeque<>()).push(b[released]);
            }
        }
        return b;
    }
}
