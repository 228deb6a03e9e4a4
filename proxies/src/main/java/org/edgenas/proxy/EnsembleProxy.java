package org.edgenas.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;
import org.edgenas.space.Genotypes;
import org.edgenas.space.SearchSpace;

/**
 * {@code ensemble}: the mean of its members' z-scores, {@code (s_m(a) - mean_m) / std_m}, where each member's mean
 * and standard deviation are taken over a fixed reference sample of the search space ({@code reference}
 * architectures drawn uniformly with {@code seed}), scored once, on first use.
 *
 * <p>Why a reference sample: the literature's ensembles rank each proxy within the population being compared, but an
 * {@link AccuracyProxy} scores one architecture at a time and must give it the same score whatever else the search
 * has seen, so the scale of each member is fixed in advance instead. A z-score against a fixed sample is an affine
 * map per member, so the ensemble is deterministic, cacheable, and orders architectures as a weighted sum of members
 * would; the weights are simply "one over the member's spread in this space", which puts members of any unit (a
 * log-determinant, a log-sum, MACs) on an equal footing.
 *
 * <p>A member scoring negative infinity makes the ensemble negative infinity. Members with fewer than two finite
 * reference scores, or no spread, contribute 0. Settings: {@code members} [naswot, logsynflow, flops], {@code reference}
 * [{@value #DEFAULT_REFERENCE}], {@code seed}; every other setting is passed on to the members (so {@code batch}
 * reaches {@code naswot}).
 */
public final class EnsembleProxy extends MemoisedProxy {

    /** Default number of reference architectures. */
    public static final int DEFAULT_REFERENCE = 32;

    /** Default members. */
    public static final List<String> DEFAULT_MEMBERS = List.of("naswot", "logsynflow", "flops");

    /** What decides an ensemble score besides the architecture: its members' keys, the sample size and seed. */
    private record Key(List<Object> members, int reference, long seed) {
    }

    private final SearchSpace space;
    private final List<AccuracyProxy> members;
    private final int reference;
    private final long seed;
    private volatile double[][] scale;

    private EnsembleProxy(ProxyContext context, List<AccuracyProxy> members, int reference, long seed) {
        super(context, new Key(members.stream().map(AccuracyProxy::scoreKey).toList(), reference, seed));
        this.space = context.space();
        this.members = List.copyOf(members);
        this.reference = reference;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "ensemble";
    }

    /** The members, in order. */
    public List<AccuracyProxy> members() {
        return members;
    }

    /** Closes the members. */
    @Override
    public void close() {
        members.forEach(AccuracyProxy::close);
    }

    @Override
    protected double compute(Architecture a) {
        double[][] s = scale();
        double sum = 0;
        for (int m = 0; m < members.size(); m++) {
            double v = members.get(m).score(a);
            if (v == Double.NEGATIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            if (s[m][1] > 0) {
                sum += (v - s[m][0]) / s[m][1];
            }
        }
        return sum / members.size();
    }

    /** Per member: {mean, standard deviation} of its finite scores over the reference sample. */
    private double[][] scale() {
        double[][] s = scale;
        if (s == null) {
            synchronized (this) {
                s = scale;
                if (s == null) {
                    s = referenceScale();
                    scale = s;
                }
            }
        }
        return s;
    }

    private double[][] referenceScale() {
        List<Architecture> sample = sample(space, reference, seed);
        double[][] s = new double[members.size()][2];
        for (int m = 0; m < members.size(); m++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (Architecture a : sample) {
                double v = members.get(m).score(a);
                if (Double.isFinite(v)) {
                    sum += v;
                    squares += v * v;
                    n++;
                }
            }
            if (n >= 2) {
                double mean = sum / n;
                s[m][0] = mean;
                s[m][1] = Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
            }
        }
        return s;
    }

    /** {@code count} architectures drawn uniformly (gene by gene, {@link Genotypes#random}) with {@code seed}. */
    static List<Architecture> sample(SearchSpace space, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Architecture> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(space.decode(Genotypes.random(space.choices(), random)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "ensemble(" + members + ", reference=" + reference + ", seed=" + seed + ")";
    }

    /** Provider of {@code ensemble}. */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "ensemble";
        }

        @Override
        public String description() {
            return "mean z-score of member proxies against a fixed reference sample (settings: members, reference, "
                    + "seed, and the members' settings)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            // a list in a config file; "a,b" from the command line
            List<String> names = p.asMap().get("members") instanceof String
                    ? java.util.Arrays.stream(p.string("members", "").split(",")).map(String::strip).toList()
                    : p.strings("members", DEFAULT_MEMBERS);
            int reference = p.integer("reference", DEFAULT_REFERENCE, 2, 100_000);
            long seed = EngineSettings.seed(p);
            var providers = AccuracyProxies.registry();
            List<AccuracyProxy> members = new ArrayList<>();
            for (String name : names) {
                ProxyProvider provider = providers.find(name).orElse(null);
                if (provider == null || name.equals(name()) || name.equals("table")) {
                    List<String> allowed = new ArrayList<>(providers.names());
                    allowed.remove(name());
                    allowed.remove("table");
                    throw p.error("members", "'" + name + "' cannot be a member; allowed: "
                            + String.join(", ", allowed));
                }
                if (members.stream().anyMatch(m -> m.name().equals(name))) {
                    throw p.error("members", "'" + name + "' is listed twice");
                }
                members.add(provider.create(p, context));
            }
            return new EnsembleProxy(context, members, reference, seed);
        }
    }
}
