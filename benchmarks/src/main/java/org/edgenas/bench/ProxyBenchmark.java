package org.edgenas.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.space.Genotype;
import org.edgenas.space.Genotypes;
import org.edgenas.space.nb201.Nb201Space;
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
 * Claim: a computed proxy scores one NAS-Bench-201 architecture (CIFAR-10 shape, 32 x 32 x 3) in well under a second
 * on this machine's 2 cores. Unit: milliseconds per architecture, sampled; read the p0.50 line as the median.
 *
 * <p>Every call scores a different architecture (all 15,625, shuffled), so the proxies' score cache never hits and
 * the distribution covers the space's range of sizes. {@code threads} is the number of threads one architecture's
 * passes run on; {@code batch} is NASWOT's mini-batch (its default; SynFlow always runs one image). The ensemble is its
 * default members, naswot + logsynflow + flops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class ProxyBenchmark {

    @Param({"naswot", "synflow", "logsynflow", "ensemble"})
    public String proxy;

    @Param({"1", "2"})
    public int threads;

    @Param({"64"})
    public int batch;

    private AccuracyProxy scorer;
    private List<Architecture> archs;
    private int next;

    @Setup
    public void setUp() {
        Nb201Space space = Nb201Space.cifar10();
        Map<String, Object> settings = new TreeMap<>();
        settings.put("threads", threads);
        if (proxy.equals("naswot") || proxy.equals("ensemble")) {
            settings.put("batch", batch);
        }
        scorer = AccuracyProxies.create(proxy, Parameters.of(settings), space);
        List<Genotype> all = new ArrayList<>();
        Genotypes.all(space.choices()).forEach(all::add);
        Collections.shuffle(all, new Random(1));
        archs = new ArrayList<>(all.size());
        for (Genotype g : all) {
            archs.add(space.decode(g));
        }
    }

    /** Score the next, never-seen architecture. */
    @Benchmark
    public double score() {
        return scorer.score(archs.get(next++ % archs.size()));
    }
}
