package org.edgenas.proxy;

import java.util.Arrays;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Node;
import org.edgenas.config.Parameters;
import org.edgenas.engine.ActivationListener;
import org.edgenas.engine.Mode;
import org.edgenas.engine.Network;
import org.edgenas.engine.Weights;
import org.edgenas.engine.Workers;

/**
 * {@code synflow} (Tanaka et al., NeurIPS 2020) and {@code logsynflow} (Cavagnero et al., FreeREA 2022): data-free
 * scores of how much "synaptic flow" reaches the output. Every parameter is replaced by its absolute value
 * (Kaiming-normal weights, seeded), batch norm is bypassed (as in the zero-cost-proxy implementations of Abdelfattah
 * et al. 2021, where an all-ones input would otherwise be normalised away), one all-ones image runs forward, and
 * {@code R = sum of the outputs} is differentiated with respect to every convolution and linear weight (biases and
 * batch-norm parameters are not scored).
 * <ul>
 *   <li>{@code synflow} = {@code ln sum |theta * dR/dtheta|}: the natural log of the SynFlow sum, which itself
 *       overflows double precision on deep networks; ranking is the same as by the sum.</li>
 *   <li>{@code logsynflow} = {@code sum |theta * ln(dR/dtheta + 1)|}: FreeREA's variant, whose log compresses the
 *       gradients' dynamic range so that no single layer dominates.</li>
 * </ul>
 * With all weights and the input non-negative, every activation and gradient is non-negative and grows
 * geometrically with depth; the network therefore runs {@linkplain Mode#SYNFLOW log-scaled} (float mantissas with a
 * natural-log scale per tensor) and both scores are assembled in log space, so they never overflow. An architecture
 * whose output ignores its input scores negative infinity (see {@link MemoisedProxy}); any other through which no
 * gradient reaches a weight scores negative infinity ({@code synflow}) or 0 ({@code logsynflow}).
 * Settings: {@code seed}, {@code threads}.
 */
public final class SynflowProxy extends MemoisedProxy {

    /** What decides a score besides the architecture (threads do not). */
    private record Key(boolean logGradients, long seed) {
    }

    private final boolean logGradients;
    private final long seed;
    private final Workers workers;

    private SynflowProxy(ProxyContext context, boolean logGradients, long seed, Workers workers) {
        super(context, new Key(logGradients, seed));
        this.logGradients = logGradients;
        this.seed = seed;
        this.workers = workers;
    }

    @Override
    public String name() {
        return logGradients ? "logsynflow" : "synflow";
    }

    @Override
    public void close() {
        workers.close();
    }

    @Override
    protected double compute(Architecture a) {
        return score(a, Weights.kaimingNormal(a, seed).abs(), logGradients, workers);
    }

    /**
     * The score of {@code a} with the given (non-negative) weights: {@code synflow}, or {@code logsynflow} when
     * {@code logGradients}.
     */
    static double score(Architecture a, Weights weights, boolean logGradients, Workers workers) {
        Network net = Network.compile(a, 1, weights, Mode.SYNFLOW, workers);
        float[] ones = new float[(int) a.input().elements()];
        Arrays.fill(ones, 1f);
        net.forward(ones, 0, ActivationListener.NONE);
        float[] seedGradient = new float[(int) a.output().elements()];
        Arrays.fill(seedGradient, 1f);
        net.backward(seedGradient, 0);
        double logSum = Double.NEGATIVE_INFINITY;
        double logSynflow = 0;
        for (Node node : a.nodes()) {
            if (!(node.layer() instanceof Conv2d || node.layer() instanceof Linear)) {
                continue;
            }
            float[] w = weights.weight(node.index());
            float[] g = net.weightGradient(node.index());
            double scale = net.weightGradientLogScale(node.index());
            if (scale == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (logGradients) {
                for (int i = 0; i < w.length; i++) {
                    if (g[i] > 0) {
                        logSynflow += w[i] * log1pExp(scale + Math.log(g[i]));
                    }
                }
            } else {
                double sum = 0;
                for (int i = 0; i < w.length; i++) {
                    sum += (double) w[i] * g[i];
                }
                if (sum > 0) {
                    logSum = logAddExp(logSum, scale + Math.log(sum));
                }
            }
        }
        return logGradients ? logSynflow : logSum;
    }

    /** {@code ln(1 + e^u)} without overflow. */
    static double log1pExp(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }

    /** {@code ln(e^a + e^b)} without overflow. */
    static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        double hi = Math.max(a, b);
        return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
    }

    @Override
    public String toString() {
        return name() + "(seed=" + seed + ")";
    }

    /** Provider of {@code synflow}. */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "synflow";
        }

        @Override
        public String description() {
            return "SynFlow: ln of sum |theta * dR/dtheta| with |weights| and an all-ones input (settings: seed, "
                    + "threads)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            long seed = EngineSettings.seed(p);
            int threads = EngineSettings.threads(p);
            return new SynflowProxy(context, false, seed, EngineSettings.workers(name(), threads));
        }
    }

    /** Provider of {@code logsynflow}. */
    public static final class LogProvider implements ProxyProvider {
        @Override
        public String name() {
            return "logsynflow";
        }

        @Override
        public String description() {
            return "LogSynFlow (FreeREA): sum |theta * ln(dR/dtheta + 1)| (settings: seed, threads)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            long seed = EngineSettings.seed(p);
            int threads = EngineSettings.threads(p);
            return new SynflowProxy(context, true, seed, EngineSettings.workers(name(), threads));
        }
    }
}
