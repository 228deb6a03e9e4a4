package org.edgenas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Shape;
import org.edgenas.engine.ActivationListener;
import org.edgenas.engine.Network;
import org.edgenas.engine.Weights;
import org.edgenas.engine.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claim: the engine runs depthwise convolutions directly (no matrix product over mostly-zero weights), at a
 * GFLOP/s that stays within reach of its dense convolutions although a depthwise conv does k^2 multiply-accumulates
 * per output where a dense one does C k^2, and in a small fraction of the time the same layer takes computed densely.
 * Unit: the {@code flop} counter is useful floating-point operations per second (2 per multiply-accumulate of the
 * layer's own MAC count; the dense layer's MACs for {@code dense}), so {@code flop} / 1e9 is GFLOP/s.
 *
 * <p>{@code kind}: {@code depthwise} (3x3, one filter per channel), {@code dense} (3x3, C -> C channels: the dense
 * conv of the same shape) or {@code pointwise} (1x1, C -> C, the other half of an inverted residual block).
 * {@code shape} is {@code channels x size}: hidden widths of MobileNetV2's stages at 224 x 224 scaled to this CPU
 * (96 x 28, 192 x 14, 384 x 7). {@code pass}: {@code forward}, or {@code train} (forward and backward: weight and
 * input gradients, counted as 3 x the forward MACs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class DepthwiseConvBenchmark {

    @Param({"depthwise", "dense", "pointwise"})
    public String kind;

    @Param({"96x28", "192x14", "384x7"})
    public String shape;

    @Param({"forward", "train"})
    public String pass;

    @Param({"1", "2"})
    public int threads;

    private static final int BATCH = 32;

    private Network net;
    private boolean train;
    private float[] input;
    private float[] outputGradient;
    private long flopsPerPass;

    @Setup
    public void setUp() {
        String[] cs = shape.split("x");
        int c = Integer.parseInt(cs[0]);
        int size = Integer.parseInt(cs[1]);
        Conv2d conv = switch (kind) {
            case "depthwise" -> Conv2d.depthwise(c, 3, 1);
            case "dense" -> Conv2d.of(c, c, 3, 1);
            case "pointwise" -> Conv2d.pointwise(c, c);
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        GraphBuilder g = GraphBuilder.on(Shape.of(c, size, size));
        g.add("conv", conv, Architecture.INPUT);
        Architecture a = g.build(kind + "-" + shape);
        train = pass.equals("train");
        net = Network.compile(a, BATCH, Weights.kaimingNormal(a, 0),
                train ? org.edgenas.engine.Mode.GRADIENTS : org.edgenas.engine.Mode.FORWARD, Workers.of(threads));
        Random r = new Random(1);
        input = new float[BATCH * c * size * size];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        outputGradient = new float[BATCH * (int) a.output().elements()];
        for (int i = 0; i < outputGradient.length; i++) {
            outputGradient[i] = (float) r.nextGaussian();
        }
        flopsPerPass = 2L * a.macs() * BATCH * (train ? 3 : 1);
    }

    /** One pass (forward, or forward and backward) of the layer over the batch. */
    @Benchmark
    public float run(ConvBenchmark.Counters counters) {
        net.forward(input, 0, ActivationListener.NONE);
        counters.flop += flopsPerPass;
        if (train) {
            net.backward(outputGradient, 0);
            return net.inputGradient()[0];
        }
        return net.output()[0];
    }
}
