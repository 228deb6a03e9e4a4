package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.List;
import org.edgenas.cluster.ClusterEvaluator;
import org.edgenas.cluster.Execution;
import org.edgenas.experiment.Experiment;
import org.edgenas.report.RunWriter;
import org.edgenas.search.CandidateEvaluator;
import org.edgenas.search.LocalEvaluator;

/** Opens the evaluator an experiment's {@code execution} section asks for. */
final class Evaluators {

    private Evaluators() {
    }

    /**
     * Local threads, or the workers of a cluster (joined here, waiting for {@code min_workers}); cluster warnings go to
     * {@code err}, and a line naming the workers to {@code out}.
     */
    static CandidateEvaluator open(Experiment e, PrintWriter out, PrintWriter err) {
        return switch (e.execution()) {
            case Execution.Local l -> new LocalEvaluator(e.problem(), e.settings().threads());
            case Execution.Cluster c -> {
                ClusterEvaluator cluster = ClusterEvaluator.connect(c, e.resolvedJson(), e.files(), RunWriter.version(),
                        line -> {
                            err.println("warning: " + line);
                            err.flush();
                        });
                List<String> workers = cluster.workerAddresses();
                out.println("evaluating on cluster '" + c.network().clusterName() + "': " + workers.size()
                        + " worker(s) " + String.join(", ", workers));
                out.flush();
                yield cluster;
            }
        };
    }
}
