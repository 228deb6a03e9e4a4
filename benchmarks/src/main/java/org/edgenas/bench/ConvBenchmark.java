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
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Claim: the engine's convolution (implicit im2col + Vector API matrix multiply) runs NAS-Bench-201's 3x3 convolutions
 * at a useful fraction of this CPU's peak. Unit: the {@code flop} counter is floating-point operations per second
 * (2 per multiply-accumulate), so {@code flop} / 1e9 is the achieved GFLOP/s; the primary score is forward passes
 * of one convolution layer over a batch of 64 images per second.
 *
 * <p>{@code shape} is {@code channels x size}: the three NB201 stages (16 x 32, 32 x 16, 64 x 8), 3x3 kernels, stride
 * 1, padding 1, channels in = channels out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class ConvBenchmark {

    @Param({"16x32", "32x16", "64x8"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private static final int BATCH = 64;

    private Network net;
    private float[] input;
    private long flopsPerPass;

    /** Floating-point operations done, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long flop;

        @Setup(Level.Iteration)
        public void reset() {
            flop = 0;
        }
    }

    @Setup
    public void setUp() {
        String[] cs = shape.split("x");
        int c = Integer.parseInt(cs[0]);
        int size = Integer.parseInt(cs[1]);
        GraphBuilder g = GraphBuilder.on(Shape.of(c, size, size));
        g.add("conv", Conv2d.of(c, c, 3, 1), Architecture.INPUT);
        Architecture a = g.build("conv3x3-" + shape);
        net = Network.compile(a, BATCH, Weights.kaimingNormal(a, 0), org.edgenas.engine.Mode.FORWARD,
                Workers.of(threads));
        input = new float[BATCH * c * size * size];
        Random r = new Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        flopsPerPass = 2L * a.macs() * BATCH;
    }

    /** One forward pass of the convolution over the batch. */
    @Benchmark
    public float forward(Counters counters) {
        net.forward(input, 0, ActivationListener.NONE);
        counters.flop += flopsPerPass;
        return net.output()[0];
    }
}
