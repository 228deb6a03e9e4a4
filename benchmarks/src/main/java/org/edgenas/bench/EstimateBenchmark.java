package org.edgenas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.space.Genotype;
import org.edgenas.space.nb201.Nb201Space;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claim: estimating a whole NB201 network's energy on the TX2 profile, decoding included, costs microseconds, so the
 * energy objective is never the bottleneck of a search. Unit: estimates per second on one thread.
 * The baseline {@code decodeOnly} isolates the cost of building the architecture graph.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class EstimateBenchmark {

    private final Nb201Space space = Nb201Space.cifar10();
    private EnergyModel tx2;
    private Genotype[] genotypes;
    private int next;

    @Setup
    public void setUp() {
        tx2 = Boards.model(Boards.load("jetson-tx2"));
        Random r = new Random(1);
        genotypes = new Genotype[1024];
        for (int i = 0; i < genotypes.length; i++) {
            genotypes[i] = Genotype.of(r.nextInt(5), r.nextInt(5), r.nextInt(5), r.nextInt(5), r.nextInt(5),
                    r.nextInt(5));
        }
    }

    /** Decode a genotype and estimate its energy per image at batch 1 (what a search does per candidate). */
    @Benchmark
    public double decodeAndEstimate() {
        return tx2.estimate(space.decode(genotypes[next++ & 1023]), 1).energyMj();
    }

    /** Baseline: decode only (graph, shapes and per-layer costs). */
    @Benchmark
    public long decodeOnly() {
        return space.decode(genotypes[next++ & 1023]).macs();
    }
}
