package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.search.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A candidate without an answer {@code task_timeout_s} after it was sent counts as lost with its worker: it is
 * resubmitted within {@code max_attempts}, and its late answer is ignored; past its attempts the run stops naming it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskTimeoutTest {

    private static final List<Architecture> CANDIDATES = GatedProblems.CANDIDATES.subList(0, 3).stream()
            .map(GatedProblems.SPACE::parse).toList();

    private static Execution.Cluster execution(ClusterConfig cluster, int maxAttempts) {
        return new Execution.Cluster(cluster, maxAttempts, FailurePolicy.STOP, 1, 60, 1, 0);
    }

    @Test
    void aCandidateWithoutAnAnswerInTimeIsResubmittedAndItsLateAnswerIgnored() {
        ClusterConfig cluster = Loopback.cluster();
        GatedProblems problems = new GatedProblems();
        List<String> warnings = new ArrayList<>();
        try (Worker worker = Worker.start(cluster, 2, "test", problems::problem, line -> { });
             ClusterEvaluator search = ClusterEvaluator.connect(execution(cluster, 2), "hang-once", Map.of(),
                     "test", warnings::add)) {
            List<Evaluation> results = search.evaluate(CANDIDATES, 0);
            for (int i = 0; i < CANDIDATES.size(); i++) {
                assertEquals(CANDIDATES.get(i).params(), results.get(i).accuracy(), "candidate " + i);
            }
            assertEquals(List.of("candidate " + GatedProblems.FAILING + " lost on worker " + worker.address()
                    + " (no answer within execution.task_timeout_s = 1 s); resubmitting, attempt 2 of 2"), warnings);
            problems.open(); // the hung evaluation answers now, for a submission given up: it changes nothing
            assertEquals(results, search.evaluate(CANDIDATES, 0));
        } finally {
            problems.open();
        }
    }

    @Test
    void aCandidateTimingOutOnItsLastAttemptStopsTheRun() {
        ClusterConfig cluster = Loopback.cluster();
        GatedProblems problems = new GatedProblems();
        try (Worker worker = Worker.start(cluster, 2, "test", problems::problem, line -> { });
             ClusterEvaluator search = ClusterEvaluator.connect(execution(cluster, 1), "hang-once", Map.of(),
                     "test", line -> { })) {
            ClusterException x = assertThrows(ClusterException.class, () -> search.evaluate(CANDIDATES, 0));
            assertEquals("candidate " + GatedProblems.FAILING + " was lost 1 time(s), with worker(s) "
                    + worker.address() + " (no answer within execution.task_timeout_s = 1 s); giving up after "
                    + "execution.max_attempts = 1", x.getMessage());
        } finally {
            problems.open();
        }
    }
}
