package org.edgenas.cluster;

import java.io.Serializable;
import org.edgenas.search.Evaluation;

/** What a worker sends back for one candidate: its evaluation, or why there is none. */
sealed interface TaskOutcome extends Serializable {

    /** The candidate was evaluated; the fields of its {@link Evaluation}, bit for bit. */
    record Scored(String arch, double accuracy, double energyMj, double latencyMs, long macs, long params,
                  double violation, int generation) implements TaskOutcome {

        static Scored of(Evaluation e) {
            return new Scored(e.arch(), e.accuracy(), e.energyMj(), e.latencyMs(), e.macs(), e.params(),
                    e.violation(), e.generation());
        }

        Evaluation evaluation() {
            return new Evaluation(arch, accuracy, energyMj, latencyMs, macs, params, violation, generation);
        }
    }

    /**
     * The candidate's evaluation threw.
     *
     * @param cause the exception and its causes, each as {@code Class: message}
     */
    record Failed(String cause) implements TaskOutcome {
    }

    /**
     * The worker cannot evaluate this search's candidates at all (it cannot build the problem, or runs another EdgeNAS
     * version): no candidate's fault, so the run stops whatever its failure policy.
     *
     * @param cause what went wrong, for the user
     */
    record Unable(String cause) implements TaskOutcome {
    }
}
