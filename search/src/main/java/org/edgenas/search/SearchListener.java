package org.edgenas.search;

/** Told about a search's progress after each generation (from the searching thread). */
@FunctionalInterface
public interface SearchListener {

    /** Ignores progress. */
    SearchListener NONE = (g, e, b, f, s) -> { };

    /**
     * @param generation  generations completed (1 after the initial population)
     * @param evaluations unique architectures evaluated so far
     * @param budget      the evaluation budget
     * @param frontSize   size of the current Pareto front of all evaluated architectures
     * @param seconds     wall time since the search started
     */
    void generation(int generation, int evaluations, int budget, int frontSize, double seconds);
}
