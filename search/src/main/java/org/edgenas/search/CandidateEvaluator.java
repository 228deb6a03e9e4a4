package org.edgenas.search;

import java.util.List;
import org.edgenas.arch.Architecture;

/**
 * Evaluates a batch of architectures for a search: locally on a thread pool ({@link LocalEvaluator}) or elsewhere
 * (e.g. on a cluster). The search hands it each generation's new, distinct architectures.
 *
 * @apiNote {@link #evaluate} returns exactly one evaluation per architecture, in the order given, each equal to
 * {@code problem.evaluate(architecture, generation)}; where or in which order they are computed must not change the
 * result, so that searches stay reproducible.
 */
public interface CandidateEvaluator extends AutoCloseable {

    /** Evaluates {@code architectures}, first seen in {@code generation}. */
    List<Evaluation> evaluate(List<Architecture> architectures, int generation);

    /** Releases threads or connections. */
    @Override
    void close();
}
