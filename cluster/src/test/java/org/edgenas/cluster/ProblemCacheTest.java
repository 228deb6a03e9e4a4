package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.arch.Architecture;
import org.edgenas.energy.Boards;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.search.Constraints;
import org.edgenas.search.Objective;
import org.edgenas.search.Problem;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/** A worker keeps its 8 most recently used problems and closes the ones it drops (their proxies hold threads). */
class ProblemCacheTest {

    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private final List<String> built = new ArrayList<>();

    private Problem problem(String config, org.edgenas.config.FileResolver files) {
        built.add(config);
        AccuracyProxy proxy = new AccuracyProxy() {
            @Override
            public String name() {
                return "closing";
            }

            @Override
            public double score(Architecture a) {
                return a.params();
            }

            @Override
            public void close() {
                closed.add(config);
            }
        };
        return new Problem(Nb201Space.cifar10(), proxy, Boards.model(Boards.load("jetson-tx2")), 1,
                List.of(Objective.ACCURACY, Objective.ENERGY_MJ), Constraints.none());
    }

    @Test
    void theLeastRecentlyUsedProblemIsClosedWhenANinthArrives() {
        ProblemCache cache = new ProblemCache("v", this::problem);
        Problem first = cache.get("c0", Map.of());
        for (int i = 1; i < 8; i++) {
            cache.get("c" + i, Map.of());
        }
        assertSame(first, cache.get("c0", Map.of()), "c0 is kept and now the most recently used");
        assertEquals(Set.of(), closed);
        cache.get("c8", Map.of());
        assertEquals(Set.of("c1"), closed, "c1 was the least recently used");
        cache.get("c1", Map.of());
        assertEquals(10, built.size(), "c1 is built again, not reused closed");
        assertEquals(Set.of("c1", "c2"), closed);
    }

    @Test
    void theSameConfigWithAChangedFileIsAnotherProblem() {
        ProblemCache cache = new ProblemCache("v", this::problem);
        Problem before = cache.get("c", Map.of("scores.csv", "digest-1"));
        assertSame(before, cache.get("c", Map.of("scores.csv", "digest-1")));
        Problem after = cache.get("c", Map.of("scores.csv", "digest-2"));
        assertEquals(2, built.size(), "a new content of scores.csv builds the problem again");
        assertEquals(false, before == after);
        cache.close();
        assertEquals(Set.of("c"), closed);
    }
}
