package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An answer to the right submission about another architecture: the worker reads candidates differently. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MisreadCandidateTest {

    @Test
    void aWorkerThatReadsACandidateAsAnotherStopsTheRun() {
        ClusterConfig cluster = Loopback.cluster();
        GatedProblems problems = new GatedProblems();
        Architecture candidate = GatedProblems.SPACE.parse(GatedProblems.CANDIDATES.get(1));
        try (Worker worker = Worker.start(cluster, 1, "test", problems::problem, line -> { });
             ClusterEvaluator search = ClusterEvaluator.connect(Loopback.execution(cluster, 0), "misread", Map.of(),
                     "test", line -> { })) {
            ClusterException x = assertThrows(ClusterException.class, () -> search.evaluate(List.of(candidate), 0));
            assertTrue(x.getMessage().startsWith("worker " + worker.address() + " read candidate " + candidate.id()
                    + " as |"), x.getMessage());
            assertTrue(x.getMessage().endsWith("; run the same EdgeNAS version and space settings everywhere"),
                    x.getMessage());
        }
    }
}
