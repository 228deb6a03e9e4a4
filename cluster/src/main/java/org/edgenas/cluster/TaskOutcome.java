package org.edgenas.cluster;

import java.io.Serializable;
import java.util.UUID;
import org.edgenas.search.Evaluation;

/**
 * What a worker sends back for one candidate: its evaluation, or why there is none. Every outcome echoes the
 * {@linkplain #submission() submission id} of the task it answers, so that the search can tell its own answers from
 * any other (see {@link ClusterEvaluator}).
 */
sealed interface TaskOutcome extends Serializable {

    /** The id of the submission this outcome answers, as the task carried it. */
    UUID submission();

    /** The candidate was evaluated; the fields of its {@link Evaluation}, bit for bit. */
    record Scored(UUID submission, String arch, double accuracy, double energyMj, double latencyMs, long macs,
                  long params, double violation, int generation) implements TaskOutcome {

        static Scored of(UUID submission, Evaluation e) {
            return new Scored(submission, e.arch(), e.accuracy(), e.energyMj(), e.latencyMs(), e.macs(), e.params(),
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
    record Failed(UUID submission, String cause) implements TaskOutcome {
    }

    /**
     * The worker lacks files the search's config names; the search sends them and submits the task again.
     *
     * @param digests the digests of the missing files' contents
     */
    record MissingFiles(UUID submission, java.util.Set<String> digests) implements TaskOutcome {

        public MissingFiles {
            digests = java.util.Set.copyOf(digests);
        }
    }

    /**
     * The worker cannot evaluate this search's candidates at all (it cannot build the problem, or runs another EdgeNAS
     * version): no candidate's fault, so the run stops whatever its failure policy.
     *
     * @param cause what went wrong, for the user
     */
    record Unable(UUID submission, String cause) implements TaskOutcome {
    }
}
