package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.search.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A search that stops with tasks still running, followed on the same host and port by a search of the same
 * candidates with other settings: the second gets only its own answers. (Hazelcast delivers the first search's late
 * answers to whichever member holds its address, matched by call number, in most runs of this test; they must be
 * recognised and dropped.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StaleAnswersTest {

    @Test
    void aSearchAtTheAddressOfAStoppedOneGetsOnlyItsOwnAnswers() {
        ClusterConfig cluster = Loopback.cluster();
        GatedProblems problems = new GatedProblems();
        List<Architecture> candidates = GatedProblems.CANDIDATES.stream().map(GatedProblems.SPACE::parse).toList();
        try (Worker worker = Worker.start(cluster, GatedProblems.CANDIDATES.size(), "test", problems::problem,
                line -> { })) {
            // the first search stops on its failing candidate while the others run (they wait for the gate)
            List<String> firstWarnings = new ArrayList<>();
            String address;
            try (ClusterEvaluator first = ClusterEvaluator.connect(Loopback.execution(cluster, 0), "first", Map.of(),
                    "test", firstWarnings::add)) {
                address = first.address();
                ClusterException stop = assertThrows(ClusterException.class, () -> first.evaluate(candidates, 0));
                assertTrue(stop.getMessage().contains("this candidate fails on purpose"), stop.getMessage());
                assertEquals(0, problems.started.getCount(), "the other candidates are running");
            }
            assertEquals(List.of((GatedProblems.CANDIDATES.size() - 1) + " candidate(s) still running on workers "
                    + "after execution.close_wait_s = 0 s; leaving the cluster without their answers"), firstWarnings);

            // the second search binds the same address and evaluates the same candidates with other settings
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            List<String> warnings = Collections.synchronizedList(new ArrayList<>());
            try (ClusterEvaluator second = ClusterEvaluator.connect(Loopback.execution(Loopback.searchesOn(cluster,
                    port), 30), "second", Map.of(), "test", warnings::add)) {
                assertEquals(address, second.address(), "the second search took the first one's address");
                List<Evaluation> results = second.evaluate(candidates, 0);
                for (int i = 0; i < candidates.size(); i++) {
                    Architecture a = candidates.get(i);
                    assertEquals(a.id(), results.get(i).arch());
                    assertEquals(a.macs(), results.get(i).accuracy(), "candidate " + i + " scored by the second "
                            + "search's settings (MACs), not the first's (parameters); warnings: " + warnings);
                }
            }
            // Hazelcast usually delivers the first search's late answers here, matched to this search's tasks by call
            // number (the race this test sets up; without submission ids they were recorded as this search's scores
            // in 4 of 5 runs); whether they arrive or not, each one must be dropped and said so
            for (String w : warnings) {
                assertTrue(w.matches("candidate \\S+ on worker \\[127\\.0\\.0\\.1]:\\d+ received an answer meant for "
                        + "another submission \\(Scored [0-9a-f-]+; .*\\); dropped it and resubmitting the "
                        + "candidate"), w);
            }
        }
    }
}
