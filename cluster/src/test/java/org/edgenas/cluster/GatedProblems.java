package org.edgenas.cluster;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.search.Constraints;
import org.edgenas.search.Objective;
import org.edgenas.search.Problem;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.nb201.Nb201Space;

/**
 * Problems for in-process workers whose proxy the test controls, built from a "config" that is just a name:
 * <ul>
 *   <li>{@code first}: scores an architecture by its parameter count, but only once the gate opens; each evaluation
 *       counts {@link #started} down first. The architecture {@link #FAILING} instead waits until
 *       {@link #RUNNING_BEFORE_FAILURE} others are running, then throws.</li>
 *   <li>{@code second}: opens the gate, then scores an architecture by its multiply-accumulate count.</li>
 *   <li>{@code hang-once}: scores an architecture by its parameter count, except that the first evaluation of
 *       {@link #FAILING} hangs until the gate opens (a worker stuck on one task).</li>
 *   <li>{@code misread}: reads every candidate string with its edges rotated by one, as a worker with other space
 *       settings might, and scores by parameters.</li>
 * </ul>
 * So a search of {@code first} stops (its failure under {@code on_failure: stop}) with evaluations still running,
 * which finish only when a search of {@code second} is running on the same workers.
 */
final class GatedProblems {

    static final SearchSpace SPACE = Nb201Space.cifar10();

    static final String FAILING = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    static final List<String> CANDIDATES = List.of(FAILING,
            "|nor_conv_1x1~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|",
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|",
            "|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
            "|nor_conv_1x1~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|nor_conv_3x3~0|none~1|nor_conv_3x3~2|",
            "|avg_pool_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|",
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
            "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|");

    static final int RUNNING_BEFORE_FAILURE = CANDIDATES.size() - 1;

    private static final EnergyModel ENERGY = Boards.model(Boards.load("jetson-tx2"));

    final CountDownLatch started = new CountDownLatch(RUNNING_BEFORE_FAILURE);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean hung = new java.util.concurrent.atomic.AtomicBoolean();

    /** Opens the gate: every evaluation waiting for it goes on. */
    void open() {
        gate.countDown();
    }

    /** The problem named {@code config} (it names no file). */
    Problem problem(String config, org.edgenas.config.FileResolver files) {
        AccuracyProxy proxy = switch (config) {
            case "first" -> new Proxy(a -> {
                if (a.id().equals(FAILING)) {
                    await(started);
                    throw new IllegalStateException("this candidate fails on purpose");
                }
                started.countDown();
                await(gate);
                return a.params();
            });
            case "second" -> new Proxy(a -> {
                gate.countDown();
                return a.macs();
            });
            case "hang-once" -> new Proxy(a -> {
                if (a.id().equals(FAILING) && !hung.getAndSet(true)) {
                    await(gate);
                }
                return a.params();
            });
            case "misread" -> new Proxy(a -> a.params());
            default -> throw new IllegalArgumentException("no problem " + config);
        };
        SearchSpace space = config.equals("misread") ? new Misreading() : SPACE;
        return new Problem(space, proxy, ENERGY, 1, List.of(Objective.ACCURACY, Objective.ENERGY_MJ),
                Constraints.none());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test's latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** NAS-Bench-201 reading each architecture string with its edges rotated by one. */
    private static final class Misreading implements SearchSpace {
        @Override
        public String name() {
            return SPACE.name();
        }

        @Override
        public List<org.edgenas.space.Choice> choices() {
            return SPACE.choices();
        }

        @Override
        public Architecture build(org.edgenas.space.Genotype genotype) {
            return SPACE.build(genotype);
        }

        @Override
        public org.edgenas.space.Genotype encode(String architecture) {
            int[] genes = SPACE.encode(architecture).toArray();
            int[] rotated = new int[genes.length];
            for (int i = 0; i < genes.length; i++) {
                rotated[i] = genes[(i + 1) % genes.length];
            }
            return org.edgenas.space.Genotype.of(rotated);
        }
    }

    private record Proxy(java.util.function.ToDoubleFunction<Architecture> score) implements AccuracyProxy {
        @Override
        public String name() {
            return "gated";
        }

        @Override
        public double score(Architecture architecture) {
            return score.applyAsDouble(architecture);
        }
    }
}
