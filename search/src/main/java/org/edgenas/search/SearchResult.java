package org.edgenas.search;

import java.util.List;

/**
 * The outcome of a search.
 *
 * @param evaluated   every unique architecture evaluated, in the order first evaluated
 * @param front       the feasible evaluated architectures that no evaluated architecture dominates
 * @param generations generations run (the initial population counts as one)
 * @param seconds     wall time, s
 */
public record SearchResult(List<Evaluation> evaluated, List<Evaluation> front, int generations, double seconds) {

    public SearchResult {
        evaluated = List.copyOf(evaluated);
        front = List.copyOf(front);
    }
}
