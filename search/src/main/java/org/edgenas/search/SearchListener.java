package org.edgenas.search;

/** Told about a search's progress after each generation (from the searching thread). */
@FunctionalInterface
public interface SearchListener {

    /** Ignores progress. */
    SearchListener NONE = p -> { };

    /** Called after each generation. */
    void progress(Progress progress);

    /**
     * A search's state after a generation.
     *
     * @param generation  generations completed (1 after the initial population)
     * @param evaluations unique architectures evaluated so far
     * @param budget      the evaluation budget
     * @param frontSize   size of the current Pareto front of all evaluated architectures
     * @param hypervolume hypervolume of that front, objectives normalised by the range of the first generation's
     *                    evaluations (reference point 1.1); NaN for more than two objectives
     * @param seconds     wall time since the search started
     */
    record Progress(int generation, int evaluations, int budget, int frontSize, double hypervolume, double seconds) {
    }
}
