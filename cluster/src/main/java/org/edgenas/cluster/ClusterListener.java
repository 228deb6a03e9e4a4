package org.edgenas.cluster;

/**
 * What a {@link ClusterEvaluator} reports while it evaluates: lines for the user, and (for those who watch closely,
 * such as tests that must act while a candidate is running) each candidate it sends to a worker. Called on the
 * search's thread.
 */
@FunctionalInterface
public interface ClusterListener {

    /**
     * A line for the user: a candidate resubmitted (its worker left, it timed out, or an answer meant for another
     * search arrived in its place), a failure recorded as infeasible, candidates left running at the end.
     */
    void warning(String line);

    /**
     * Candidate {@code arch} was just handed to the worker at {@code worker} ({@code [host]:port}); its answer is not
     * handled before this method returns.
     */
    default void submitted(String arch, String worker) {
    }

    /** The files the search's config names were sent to the worker at {@code worker}: {@code files} of them. */
    default void filesSent(String worker, int files, long bytes) {
    }
}
