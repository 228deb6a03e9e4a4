package org.edgenas.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Shape;
import org.edgenas.engine.ActivationListener;
import org.edgenas.engine.Mode;
import org.edgenas.engine.Network;
import org.edgenas.engine.Weights;
import org.edgenas.engine.Workers;
import org.edgenas.space.Genotype;
import org.edgenas.space.nb201.Nb201Space;

/**
 * Claim: one engine build is as fast as another, measured so that a shared, busy machine cannot decide the answer.
 * Both builds run in this JVM, each in a class loader of its own (its engine, spaces and core jars, plus this
 * class); every round runs each workload once on each build, in alternating order, and records the calling thread's
 * CPU time (the engine runs on that one thread). The report is, per workload, the median CPU milliseconds per
 * operation of each build and the median and quartiles of the per-round ratio B / A. Workloads: one 3x3 convolution
 * layer forward over 64 images at NB201's three stage shapes (ConvBenchmark's), the NB201 forward pass at batch 64
 * that NASWOT runs, and the forward and backward log-scaled pass at batch 1 that SynFlow runs, over 8 fixed NB201
 * architectures.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *   -cp "benchmarks/target/edgenas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.edgenas.bench.EnginePairedHarness ROUNDS WARMUP LIB_A LIB_B
 * </pre>
 * where {@code LIB_A} and {@code LIB_B} are folders holding {@code edgenas-engine-*.jar}, {@code edgenas-spaces-*.jar}
 * and {@code edgenas-core-*.jar} of the two builds (e.g. {@code benchmarks/target/lib} of two checkouts).
 */
public final class EnginePairedHarness {

    private EnginePairedHarness() {
    }

    /** Runs the comparison; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: EnginePairedHarness ROUNDS WARMUP LIB_A LIB_B");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        IntConsumer[] builds = {load(args[2]), load(args[3])};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int w = Workload.NAMES.length;
        long[][][] t = new long[2][w][rounds];
        for (int r = -warmup; r < rounds; r++) {
            for (int k = 0; k < w; k++) {
                for (int o = 0; o < 2; o++) {
                    int b = Math.floorMod(r + k + o, 2); // which build goes first alternates
                    long start = mx.getCurrentThreadCpuTime();
                    builds[b].accept(k);
                    long spent = mx.getCurrentThreadCpuTime() - start;
                    if (r >= 0) {
                        t[b][k][r] = spent;
                    }
                }
            }
        }
        System.out.printf("%-50s %10s %10s %8s %8s %8s%n", "workload (CPU ms per op, median)", "A", "B", "B/A",
                "q25", "q75");
        for (int k = 0; k < w; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = (double) t[1][k][r] / t[0][k][r];
            }
            Arrays.sort(ratio);
            System.out.printf("%-50s %10.2f %10.2f %8.3f %8.3f %8.3f%n", Workload.NAMES[k], median(t[0][k]) / 1e6,
                    median(t[1][k]) / 1e6, ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        }
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** The workloads of the build in {@code lib}, loaded with this jar's {@link Workload} in a loader of their own. */
    private static IntConsumer load(String lib) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(EnginePairedHarness.class.getProtectionDomain().getCodeSource().getLocation());
        for (String module : new String[] {"engine", "spaces", "core"}) {
            File[] jars = new File(lib).listFiles((d, n) -> n.startsWith("edgenas-" + module + "-")
                    && n.endsWith(".jar") && !n.contains("tests"));
            if (jars == null || jars.length != 1) {
                throw new IllegalArgumentException(lib + ": expected one edgenas-" + module + "-*.jar");
            }
            urls.add(jars[0].toURI().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return (IntConsumer) Class.forName(Workload.class.getName(), true, loader).getConstructor().newInstance();
    }

    /** The workloads, on one engine thread; {@code accept(k)} runs workload {@code k} once. */
    public static final class Workload implements IntConsumer {

        static final String[] NAMES = {"conv 3x3 16 ch 32x32, batch 64, forward",
            "conv 3x3 32 ch 16x16, batch 64, forward", "conv 3x3 64 ch 8x8, batch 64, forward",
            "NB201 forward, batch 64 (NASWOT), 8 archs", "NB201 fwd+bwd log-scaled, batch 1 (SynFlow), 8 archs"};

        private final List<Runnable> work = new ArrayList<>();

        public Workload() {
            for (int[] cs : new int[][] {{16, 32}, {32, 16}, {64, 8}}) {
                GraphBuilder g = GraphBuilder.on(Shape.of(cs[0], cs[1], cs[1]));
                g.add("conv", Conv2d.of(cs[0], cs[0], 3, 1), Architecture.INPUT);
                Architecture a = g.build("conv");
                Network net = Network.compile(a, 64, Weights.kaimingNormal(a, 0), Mode.FORWARD, Workers.single());
                float[] x = gaussian(64 * (int) a.input().elements(), 1);
                work.add(() -> net.forward(x, 0, ActivationListener.NONE));
            }
            Nb201Space space = Nb201Space.cifar10();
            Random random = new Random(7);
            List<Runnable> forward = new ArrayList<>();
            List<Runnable> synflow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int[] genes = new int[6];
                for (int e = 0; e < genes.length; e++) {
                    genes[e] = 1 + random.nextInt(4); // never 'none': every network computes something
                }
                Architecture a = space.decode(Genotype.of(genes));
                Network f = Network.compile(a, 64, Weights.kaimingNormal(a, 0), Mode.FORWARD, Workers.single());
                float[] x = gaussian(64 * (int) a.input().elements(), 2);
                forward.add(() -> f.forward(x, 0, ActivationListener.NONE));
                Network s = Network.compile(a, 1, Weights.kaimingNormal(a, 0).abs(), Mode.SYNFLOW, Workers.single());
                float[] ones = new float[(int) a.input().elements()];
                Arrays.fill(ones, 1f);
                float[] seed = new float[(int) a.output().elements()];
                Arrays.fill(seed, 1f);
                synflow.add(() -> {
                    s.forward(ones, 0, ActivationListener.NONE);
                    s.backward(seed, 0);
                });
            }
            work.add(() -> forward.forEach(Runnable::run));
            work.add(() -> synflow.forEach(Runnable::run));
        }

        @Override
        public void accept(int k) {
            work.get(k).run();
        }

        private static float[] gaussian(int n, long seed) {
            Random r = new Random(seed);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return v;
        }
    }
}
