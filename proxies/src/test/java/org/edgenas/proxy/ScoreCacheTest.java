package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.arch.Architecture;
import org.junit.jupiter.api.Test;

class ScoreCacheTest {

    private final Architecture a = NaswotProxyTest.SMALL.parse(NaswotProxyTest.MIXED);

    @Test
    void concurrentRequestsComputeOnce() throws Exception {
        ScoreCache cache = ScoreCache.shared(NaswotProxyTest.SMALL, "test-once");
        AtomicInteger computed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] f = new Future<?>[8];
            for (int i = 0; i < f.length; i++) {
                f[i] = pool.submit(() -> cache.score(a, x -> {
                    computed.incrementAndGet();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 42.0;
                }));
            }
            for (Future<?> x : f) {
                assertEquals(42.0, (Double) x.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, computed.get());
    }

    @Test
    void failuresAreNotCached() {
        ScoreCache cache = ScoreCache.shared(NaswotProxyTest.SMALL, "test-failure");
        assertThrows(IllegalStateException.class, () -> cache.score(a, x -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(7.0, cache.score(a, x -> 7.0));
    }

    @Test
    void sameSpaceAndSettingsShareOneCache() {
        assertEquals(ScoreCache.shared(NaswotProxyTest.SMALL, "same"), ScoreCache.shared(NaswotProxyTest.SMALL, "same"));
    }
}
