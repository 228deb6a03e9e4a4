package org.edgenas.search;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a search.
 *
 * @param evaluated   every unique architecture evaluated, in the order first evaluated
 * @param front       the evaluated architectures that may be on a front ({@link Pareto#eligible}: feasible, scored)
 *                    and that no other such architecture dominates
 * @param generations generations run (the initial population counts as one)
 * @param seconds     wall time, s
 * @param budget      the budget of unique architectures it had: {@code max_evaluations} capped by the space
 * @param stopReason  why it stopped
 */
public record SearchResult(List<Evaluation> evaluated, List<Evaluation> front, int generations, double seconds,
                           int budget, StopReason stopReason) {

    public SearchResult {
        evaluated = List.copyOf(evaluated);
        front = List.copyOf(front);
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /**
     * A result made outside {@link Search#run} (e.g. from a list of evaluations): its budget is the number
     * evaluated, which it spent.
     */
    public SearchResult(List<Evaluation> evaluated, List<Evaluation> front, int generations, double seconds) {
        this(evaluated, front, generations, seconds, evaluated.size(), StopReason.MAX_EVALUATIONS);
    }

    /**
     * The evaluated architectures the proxy scored {@code -inf} (worthless; on no front); a failed candidate (whose
     * evaluation did not finish, recorded with {@code -inf} too) is counted as failed, not here.
     */
    public long worthless() {
        return evaluated.stream().filter(e -> e.worthless() && !e.failed()).count();
    }

    /** The evaluated architectures that meet every constraint. */
    public long feasible() {
        return evaluated.stream().filter(Evaluation::feasible).count();
    }
}
