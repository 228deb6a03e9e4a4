package org.edgenas.engine;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Sigmoid;

/**
 * A SHA-256 digest of every number one small network computes: its output, every weight, bias and input gradient,
 * and their log scales, in training mode and in SynFlow mode. The network has each kind of kernel: stride-1
 * (shifted), pointwise and strided grouped (packed) convolutions with bias, depthwise convolutions (stride 1 and 2),
 * batch norm, ReLU, ReLU6, hard sigmoid, sigmoid, a squeeze-and-excitation channel multiply, sums, average and max
 * pooling, global average pooling and linear layers, at sizes that leave vector tails (20 x 20 planes, batch 6).
 * {@link #main} prints the digest for each thread count given, so that another JVM can be compared with this one.
 */
public final class EngineDigest {

    private static final int BATCH = 6;

    /** When set, one input value moves by one ulp (to check that the digest notices). */
    static final ThreadLocal<Boolean> PERTURB = ThreadLocal.withInitial(() -> false);

    private EngineDigest() {
    }

    /** Prints the vector width in floats, then one digest per argument (a thread count), one per line. */
    public static void main(String[] args) {
        System.out.println(Gemm.LANES);
        for (String a : args) {
            System.out.println(digest(Integer.parseInt(a)));
        }
    }

    static Architecture network() {
        GraphBuilder g = GraphBuilder.on(Shape.of(3, 20, 20));
        int x = g.add("conv3", new Conv2d(3, 8, 3, 1, 1, 1, true), Architecture.INPUT);
        x = g.add("bn1", BatchNorm.of(8), x);
        int r = g.add("relu1", ReLU.of(), x);
        int p = g.add("conv1", new Conv2d(8, 8, 1, 1, 0, 1, true), r);
        int s = g.add("sum", Add.of(), r, p);
        s = g.add("dw", Conv2d.depthwise(8, 3, 1), s);
        s = g.add("relu6", ReLU6.of(), s);
        int se = g.add("se.pool", GlobalAvgPool.of(), s);
        se = g.add("se.reduce", new Conv2d(8, 4, 1, 1, 0, 1, true), se);
        se = g.add("se.relu", ReLU.of(), se);
        se = g.add("se.expand", new Conv2d(4, 8, 1, 1, 0, 1, true), se);
        se = g.add("se.gate", HardSigmoid.of(), se);
        s = g.add("se.scale", ChannelMul.of(), s, se);
        s = g.add("avg", AvgPool.of(3, 1, 1), s);
        int pooled = g.add("max", MaxPool.of(3, 2, 1), s);
        s = g.add("strided", new Conv2d(8, 16, 3, 2, 1, 2, true), pooled);
        s = g.add("bn2", BatchNorm.of(16), s);
        s = g.add("relu2", ReLU.of(), s);
        int flat = g.add("fc-flat", new Linear(16 * 5 * 5, 10, true), s);
        int gap = g.add("gap", GlobalAvgPool.of(), s);
        gap = g.add("fc-pooled", new Linear(16, 10, true), gap);
        int dw2 = g.add("dw-strided", Conv2d.depthwise(8, 3, 2), pooled);
        dw2 = g.add("sigmoid", Sigmoid.of(), dw2);
        dw2 = g.add("fc-dw", new Linear(8 * 5 * 5, 10, true), dw2);
        g.add("logits", Add.of(), flat, gap, dw2);
        return g.build("determinism-fixture");
    }

    /** The digest of both passes on {@code threads} threads. */
    static String digest(int threads) {
        Architecture a = network();
        MessageDigest md = sha256();
        Workers workers = Workers.of(threads);
        SplittableRandom random = new SplittableRandom(11);
        float[] images = gaussian(random, BATCH * (int) a.input().elements());
        float[] outputGradient = gaussian(random, BATCH * (int) a.output().elements());
        if (PERTURB.get()) {
            images[images.length / 2] = Math.nextUp(images[images.length / 2]);
        }
        Weights weights = Weights.kaimingNormal(a, 5);
        Network net = Network.compile(a, BATCH, weights, Mode.GRADIENTS, workers);
        net.forward(images, 0, (node, values, logScale) -> { });
        net.backward(outputGradient, 0);
        add(md, a, net);

        Network synflow = Network.compile(a, 1, weights.abs(), Mode.SYNFLOW, workers);
        float[] ones = new float[(int) a.input().elements()];
        java.util.Arrays.fill(ones, 1f);
        synflow.forward(ones, 0, (node, values, logScale) -> { });
        float[] seed = new float[(int) a.output().elements()];
        java.util.Arrays.fill(seed, 1f);
        synflow.backward(seed, 0);
        add(md, a, synflow);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void add(MessageDigest md, Architecture a, Network net) {
        add(md, net.output());
        add(md, net.outputLogScale());
        for (int i = 0; i < a.nodes().size(); i++) {
            add(md, net.weightGradient(i));
            add(md, net.weightGradientLogScale(i));
            add(md, net.biasGradient(i));
            add(md, net.biasGradientLogScale(i));
        }
        add(md, net.inputGradient());
        add(md, net.inputGradientLogScale());
    }

    private static void add(MessageDigest md, float[] v) {
        if (v == null) {
            md.update((byte) 0);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (float f : v) {
            b.putInt(Float.floatToRawIntBits(f));
        }
        md.update(b.array());
    }

    private static void add(MessageDigest md, double v) {
        md.update(ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits(v)).array());
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
