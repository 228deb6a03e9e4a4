package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.arch.Architecture;
import org.junit.jupiter.api.Test;

class ScoreCacheTest {

    private final Architecture a = NaswotProxyTest.SMALL.parse(NaswotProxyTest.MIXED);
    private final Architecture b = NaswotProxyTest.SMALL.parse(NaswotProxyTest.ALL_NONE);
    private final Architecture c = NaswotProxyTest.SMALL.parse(
            "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|");

    @Test
    void aSecondRequestWhileTheFirstComputesWaitsForItsResult() throws Exception {
        ScoreCache cache = new ScoreCache(10);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Double> first = CompletableFuture.supplyAsync(() -> cache.score("k", a, x -> {
            computed.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 42.0;
        }));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        double[] second = new double[1];
        Thread other = Thread.ofPlatform().start(() -> second[0] = cache.score("k", a, x -> {
            computed.incrementAndGet();
            return -1.0;
        }));
        // the second request has either computed (wrongly) and finished, or is waiting for the first
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (other.getState() != Thread.State.WAITING && other.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.countDown();
        other.join();
        assertEquals(42.0, first.get());
        assertEquals(42.0, second[0]);
        assertEquals(1, computed.get());
    }

    @Test
    void failuresAreNotCached() {
        ScoreCache cache = new ScoreCache(10);
        assertThrows(IllegalStateException.class, () -> cache.score("k", a, x -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, cache.size());
        assertEquals(7.0, cache.score("k", a, x -> 7.0));
    }

    @Test
    void differentKeysNeverShareAScore() {
        ScoreCache cache = new ScoreCache(10);
        assertEquals(1.0, cache.score(new Object(), a, x -> 1.0));
        assertEquals(2.0, cache.score(new Object(), a, x -> 2.0));
        assertEquals(1.0, cache.score("same", a, x -> 1.0));
        assertEquals(1.0, cache.score("same", a, x -> 3.0), "an equal key is the same proxy");
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedScoreIsDropped() {
        ScoreCache cache = new ScoreCache(2);
        AtomicInteger computed = new AtomicInteger();
        cache.score("k", a, x -> computed.incrementAndGet());
        cache.score("k", b, x -> computed.incrementAndGet());
        cache.score("k", a, x -> computed.incrementAndGet());   // a is now the most recently used
        cache.score("k", c, x -> computed.incrementAndGet());   // drops b
        assertEquals(2, cache.size());
        assertEquals(3, computed.get());
        cache.score("k", a, x -> computed.incrementAndGet());
        assertEquals(3, computed.get(), "a was kept");
        cache.score("k", b, x -> computed.incrementAndGet());
        assertEquals(4, computed.get(), "b was dropped and computed again");
    }
}
