package org.edgenas.search;

import java.util.Map;
import org.edgenas.space.SearchSpace;

/**
 * A multi-objective search algorithm with its settings: the seam where users plug in their own (through an
 * {@link AlgorithmProvider}). It proposes genotypes and hands them to {@link SearchRun#evaluate}, which decodes,
 * memoises and evaluates them, keeps the budget and the front, and tells the listener.
 *
 * @apiNote Implementations are immutable. {@link #run} runs on the calling thread and must be reproducible: the same
 * problem, settings and seed give the same calls to {@link SearchRun#evaluate}, in the same order, whatever evaluates
 * them and on how many threads. It returns when {@link SearchRun#exhausted()} or after
 * {@link SearchSettings#maxGenerations()} generations, or earlier when it has nothing left to propose.
 *
 * {@snippet :
 * Algorithm nsga2 = Algorithms.create("nsga2", Parameters.of(Map.of("mutation_rate", 0.1)), 40);
 * SearchResult r = Search.run(problem, new SearchSettings(nsga2, 40, 500, 1000, 4, 42), SearchListener.NONE);
 * }
 */
public interface Algorithm {

    /** The name configs use, that of its provider, e.g. {@code nsga2}. */
    String name();

    /**
     * Its own settings as config keys and values, defaults filled in (for run.json and checkpoint fingerprints); none
     * by default.
     */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /**
     * Runs the search.
     *
     * @return generations completed (the initial population counts as one)
     */
    int run(SearchRun run);

    /**
     * Whether it offers its state to {@link SearchRun#checkpoint} after every generation and continues from
     * {@link SearchRun#resumeFrom()}, ending with the result of an uninterrupted run.
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Checks, for a resumable algorithm, that an unfinished checkpoint holds the state it writes (e.g. a population of
     * the right size); the framework has already checked the genotypes against the space and the evaluations against
     * the problem. Nothing by default.
     *
     * @throws IllegalArgumentException saying what is wrong, for an error naming the checkpoint file
     */
    default void checkResumable(Checkpoint checkpoint, Problem problem, SearchSettings settings) {
    }

    /**
     * The most unique architectures it may evaluate: by default {@code max_evaluations}, capped by the number of
     * distinct architectures of the space where the space knows it ({@link SearchSpace#architectureCount()}).
     */
    default int budget(SearchSettings settings, SearchSpace space) {
        long architectures = space.architectureCount();
        return architectures >= 0 ? (int) Math.min(settings.maxEvaluations(), architectures)
                : settings.maxEvaluations();
    }
}
