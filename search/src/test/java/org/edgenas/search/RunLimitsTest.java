package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.edgenas.arch.Architecture;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;

/** A wall-time budget stops a search at a generation boundary; a proxy past its time limit fails its candidate. */
class RunLimitsTest {

    private static final SearchSpace NB201 = SearchSpaces.create("nb201", Parameters.empty());

    /**
     * Parameters as the score, after {@code delayMs}; if {@code hang}, architectures whose first edge is a 3x3
     * convolution never finish until released.
     */
    private static final class HangingProxy implements AccuracyProxy {
        final CountDownLatch release = new CountDownLatch(1);
        final long delayMs;
        final boolean hang;

        HangingProxy(long delayMs, boolean hang) {
            this.delayMs = delayMs;
            this.hang = hang;
        }

        static boolean hangs(String arch) {
            return arch.startsWith("|nor_conv_3x3~0|+");
        }

        @Override
        public String name() {
            return "hanging";
        }

        @Override
        public double score(Architecture a) {
            try {
                if (hang && hangs(a.id())) {
                    release.await();
                } else if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return a.params();
        }
    }

    private static Problem problem(AccuracyProxy proxy, Duration timeout) {
        return new Problem(NB201, proxy, Boards.model(Boards.load("jetson-tx2")), 1,
                List.of(Objective.ACCURACY, Objective.ENERGY_MJ), Constraints.none(), timeout);
    }

    @Test
    void aCandidatePastTheProxysTimeLimitIsRecordedAsFailedWithItsModelledCost() {
        HangingProxy proxy = new HangingProxy(0, true);
        try {
            Problem p = problem(proxy, Duration.ofSeconds(1));
            Architecture slow = NB201.parse("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|");
            Architecture quick = NB201.parse("|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|");
            Evaluation failed = p.evaluate(slow, 0);
            assertTrue(failed.failed() && failed.worthless() && p.timedOut(failed), failed.toString());
            assertEquals(p.energy().estimate(slow, 1).energyMj(), failed.energyMj(), "modelled energy kept");
            Evaluation ok = p.evaluate(quick, 0);
            assertEquals(quick.params(), ok.accuracy());
            assertFalse(ok.failed() || p.timedOut(ok));
        } finally {
            proxy.release.countDown();
        }
    }

    @Test
    void aSearchWarnsAboutEveryTimedOutCandidateInOrderAndLeavesThemOffTheFront() {
        HangingProxy proxy = new HangingProxy(0, true);
        List<String> warnings = new ArrayList<>();
        try (Problem p = problem(proxy, Duration.ofMillis(500))) {
            SearchResult r = Search.run(p, new SearchSettings(RandomSearch.of(), 10, 20, 100, 2, 3),
                    new SearchListener() {
                        @Override
                        public void progress(Progress progress) {
                        }

                        @Override
                        public void warning(String message) {
                            warnings.add(message);
                        }
                    });
            List<Evaluation> failed = r.evaluated().stream().filter(Evaluation::failed).toList();
            assertFalse(failed.isEmpty(), "some candidates start with a 3x3 convolution");
            assertEquals(failed.stream().map(Evaluation::arch).toList(),
                    r.evaluated().stream().map(Evaluation::arch).filter(HangingProxy::hangs).toList(),
                    "exactly the hanging ones failed");
            assertEquals(failed.stream().map(e -> "candidate " + e.arch() + " ran past proxy.timeout_s = 0.5 s; "
                    + "recorded as failed (accuracy -inf, infeasible)").toList(), warnings);
            assertTrue(r.front().stream().noneMatch(Evaluation::failed));
        } finally {
            proxy.release.countDown();
        }
    }

    @Test
    void aWallTimeBudgetStopsTheSearchAtTheEndOfAGeneration() {
        // each candidate takes 20 ms on one thread: a generation of 10 takes at least 0.2 s, the whole budget 20 s
        HangingProxy proxy = new HangingProxy(20, false);
        try (Problem p = new Problem(NB201, proxy, Boards.model(Boards.load("jetson-tx2")), 1,
                List.of(Objective.ACCURACY, Objective.ENERGY_MJ), Constraints.none())) {
            SearchSettings s = new SearchSettings(RandomSearch.of(), 10, 1000, 1000, 1, 5)
                    .withMaxWallTime(Duration.ofMillis(300));
            List<Integer> generations = new ArrayList<>();
            SearchResult r = Search.run(p, s, progress -> generations.add(progress.generation()));
            assertEquals(StopReason.MAX_WALL_TIME, r.stopReason());
            assertTrue(r.evaluated().size() < 1000, "stopped early: " + r.evaluated().size());
            assertTrue(r.generations() >= 2, "0.3 s pass during the second generation at the earliest");
            assertEquals(generations.getLast(), r.generations());
            assertTrue(r.evaluated().stream().allMatch(e -> e.generation() < r.generations()),
                    "every evaluation belongs to a completed generation");
        } finally {
            proxy.release.countDown();
        }
    }
}
