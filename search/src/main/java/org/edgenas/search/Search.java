package org.edgenas.search;

import java.util.List;

/**
 * Runs a multi-objective search. The algorithm ({@link SearchSettings#algorithm()}) runs on the calling thread with a
 * random generator seeded from the settings; only the evaluation of each generation's new architectures runs on
 * {@code threads} threads (or elsewhere, see {@link CandidateEvaluator}), and its results are recorded in the order
 * proposed. So the same problem, settings and seed give the same evaluations, in the same order, and the same front,
 * for any thread count. A search stops when its unique-evaluation budget is spent
 * ({@link Algorithm#budget}), after {@code maxGenerations} generations, at the end of the generation during which its
 * wall time passed {@code maxWallTime} (the one stop that depends on the machine), or when its algorithm has nothing
 * left to propose; the result says which ({@link StopReason}).
 */
public final class Search {

    private Search() {
    }

    /** Runs the search, evaluating on {@code settings.threads()} local threads. */
    public static SearchResult run(Problem problem, SearchSettings settings, SearchListener listener) {
        try (LocalEvaluator local = new LocalEvaluator(problem, settings.threads())) {
            return run(problem, settings, listener, local);
        }
    }

    /** Runs the search, evaluating candidates with {@code evaluator}, and returns every evaluation and the front. */
    public static SearchResult run(Problem problem, SearchSettings settings, SearchListener listener,
                                   CandidateEvaluator evaluator) {
        return run(problem, settings, listener, evaluator, Persistence.NONE, List.of());
    }

    /**
     * Runs the search, saving checkpoints as it goes (resumable algorithms; see {@link SearchRun#checkpoint}) and
     * continuing from {@code persistence.resume()} when given: the result is then the same as that of an
     * uninterrupted run.
     *
     * @param reference the known front the progress's hypervolume is relative to, or empty ({@link QualityScale})
     */
    public static SearchResult run(Problem problem, SearchSettings settings, SearchListener listener,
                                   CandidateEvaluator evaluator, Persistence persistence, List<Evaluation> reference) {
        long start = System.nanoTime();
        Algorithm algorithm = settings.algorithm();
        int budget = algorithm.budget(settings, problem.space());
        EvaluationLog log = new EvaluationLog(problem, evaluator, budget, reference, listener);
        Checkpoint resume = persistence.resume();
        if (resume != null) {
            log.restore(resume.evaluated());
            if (resume.complete()) {
                return result(log, problem, resume.generation(), budget, resume.stopReason(), start);
            }
        }
        SearchRun run = new SearchRun(problem, settings, log, listener, persistence, start);
        int generations = algorithm.run(run);
        listener.finished();
        StopReason reason = run.timeUp() ? StopReason.MAX_WALL_TIME
                : log.exhausted() ? StopReason.MAX_EVALUATIONS
                : generations >= settings.maxGenerations() ? StopReason.MAX_GENERATIONS
                : StopReason.ALGORITHM_DONE;
        persistence.save(new Checkpoint(algorithm.name(), persistence.fingerprint(), generations, List.of(),
                List.of(), 0, log.evaluated(), true, reason));
        return result(log, problem, generations, budget, reason, start);
    }

    private static SearchResult result(EvaluationLog log, Problem problem, int generations, int budget,
                                       StopReason reason, long start) {
        List<Evaluation> evaluated = log.evaluated();
        return new SearchResult(evaluated, Pareto.front(evaluated, problem.objectives()), generations,
                (System.nanoTime() - start) / 1e9, budget, reason);
    }
}
