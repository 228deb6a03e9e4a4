package org.edgenas.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;
import org.edgenas.engine.Mode;
import org.edgenas.engine.Network;
import org.edgenas.engine.Weights;
import org.edgenas.engine.Workers;
import org.edgenas.proxy.images.ImageSource;

/**
 * {@code naswot}: "Neural Architecture Search without Training" (Mellor et al., ICML 2021). The untrained network
 * (Kaiming-normal weights, batch norm with batch statistics) runs one mini-batch; each ReLU unit (ReLU6 too: it is
 * active where ReLU is) gives every image
 * a binary code bit, and the score is {@code log det K} with {@code K[i][j] = N_A - hamming(c_i, c_j)} over the
 * batch's images ({@link ActivationCodes}). Networks whose images are told apart by many units score higher.
 *
 * <p>The score is negative infinity when the network's output ignores its input (see {@link MemoisedProxy}: its
 * ReLU codes may still tell images apart, but its prediction cannot), and when K is singular, e.g. when every ReLU
 * output is zero for every image (or the network has no ReLU); the search treats it as the worst accuracy. Settings: {@code batch} [64], {@code seed},
 * {@code input}, {@code fit}, {@code threads} (see {@link EngineSettings}).
 */
public final class NaswotProxy extends MemoisedProxy {

    /** Default mini-batch size. */
    public static final int DEFAULT_BATCH = 64;

    /** What decides a NASWOT score besides the architecture (threads do not). */
    private record Key(int batch, long seed, Object input) {
    }

    private final int batch;
    private final long seed;
    private final ImageSource images;
    private final Workers workers;
    private final Map<Shape, float[]> batches = new ConcurrentHashMap<>();

    private NaswotProxy(ProxyContext context, int batch, long seed, ImageSource images, Workers workers) {
        super(context, new Key(batch, seed, images.identity()));
        this.batch = batch;
        this.seed = seed;
        this.images = images;
        this.workers = workers;
        // make the batch for the space's input shape now, so that an unusable image file fails before any search
        Shape shape = EnsembleProxy.sample(context.space(), 1, seed).getFirst().input();
        batches.put(shape, images.batch(shape, batch, EngineSettings.inputSeed(seed)));
    }

    @Override
    public String name() {
        return "naswot";
    }

    @Override
    public void close() {
        workers.close();
    }

    @Override
    protected double compute(Architecture a) {
        float[] x = batches.computeIfAbsent(a.input(), s -> images.batch(s, batch, EngineSettings.inputSeed(seed)));
        Network net = Network.compile(a, batch, Weights.kaimingNormal(a, seed), Mode.FORWARD, workers);
        ActivationCodes codes = new ActivationCodes(batch, workers);
        net.forward(x, 0, (node, values, logScale) -> {
            if (node.layer() instanceof ReLU || node.layer() instanceof ReLU6) {
                codes.add(values, (int) a.shape(node.index()).elements());
            }
        });
        return codes.logDeterminant();
    }

    @Override
    public String toString() {
        return "naswot(batch=" + batch + ", seed=" + seed + ", input=" + images.describe() + ")";
    }

    /** Provider of {@code naswot}. */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "naswot";
        }

        @Override
        public String description() {
            return "NASWOT: log-determinant of the ReLU-code kernel of one mini-batch (settings: batch, seed, input, "
                    + "fit, threads)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            int batch = EngineSettings.batch(p, DEFAULT_BATCH);
            long seed = EngineSettings.seed(p);
            ImageSource images = EngineSettings.input(p);
            int threads = EngineSettings.threads(p);
            return new NaswotProxy(context, batch, seed, images, EngineSettings.workers(name(), threads));
        }
    }
}
