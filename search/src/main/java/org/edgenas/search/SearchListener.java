package org.edgenas.search;

/** Told about a search's progress after each generation (from the searching thread). */
@FunctionalInterface
public interface SearchListener {

    /** Ignores progress. */
    SearchListener NONE = p -> { };

    /** Called after each generation. */
    void progress(Progress progress);

    /**
     * Called with a line about a candidate the user should know of (e.g. one whose proxy ran past its time limit), in
     * evaluation order, from the searching thread. Ignored by default.
     */
    default void warning(String message) {
    }

    /**
     * Called once when the search has stopped, for whatever reason, after its last {@link #progress}: a listener that
     * skipped some progress (e.g. to print at most once a second) shows the last one now. Ignored by default.
     */
    default void finished() {
    }

    /**
     * A search's state after a generation.
     *
     * @param generation  generations completed (1 after the initial population)
     * @param evaluations unique architectures evaluated so far
     * @param budget      the evaluation budget
     * @param frontSize   size of the current Pareto front of all evaluated architectures
     * @param hypervolume that front's hypervolume ratio on the run's {@link QualityScale} (to the reference front's,
     *                    or to the first generation's front's), as the convergence plot and run.json give it; NaN
     *                    until it is known, and for more than two objectives
     * @param seconds     wall time since the search started
     */
    record Progress(int generation, int evaluations, int budget, int frontSize, double hypervolume, double seconds) {
    }
}
