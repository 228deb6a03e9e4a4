package org.edgenas.search;

import java.util.List;
import org.edgenas.space.Genotype;

/**
 * What an {@link Algorithm} works with during one search: the problem and settings, evaluation of proposed genotypes
 * (decoded, memoised by canonical architecture, capped by the budget, evaluated in parallel by the search's
 * evaluator, recorded in the order proposed), progress reports and checkpoints. Used from the algorithm's thread only.
 */
public final class SearchRun {

    private final Problem problem;
    private final SearchSettings settings;
    private final EvaluationLog log;
    private final SearchListener listener;
    private final Persistence persistence;
    private final long start;
    private boolean timeUp;

    SearchRun(Problem problem, SearchSettings settings, EvaluationLog log, SearchListener listener,
              Persistence persistence, long start) {
        this.problem = problem;
        this.settings = settings;
        this.log = log;
        this.listener = listener;
        this.persistence = persistence;
        this.start = start;
    }

    /** What is searched. */
    public Problem problem() {
        return problem;
    }

    /** How much to search, and the seed. */
    public SearchSettings settings() {
        return settings;
    }

    /**
     * Evaluates the genotypes proposed in {@code generation}: the architectures not seen before are evaluated (up to
     * the budget, in the order first named), and one evaluation per genotype is returned, in order: the memoised one
     * for an architecture seen before, null for a new one past the budget.
     */
    public List<Evaluation> evaluate(List<Genotype> genotypes, int generation) {
        return log.evaluate(genotypes, generation);
    }

    /**
     * Whether the search must stop: the budget of unique architectures is spent, or the wall time passed
     * {@code max_wall_time} by the end of the last generation (checked only there, in {@link #generationDone}, so
     * that an algorithm that checks this at generation boundaries stops at one).
     */
    public boolean exhausted() {
        return timeUp || log.exhausted();
    }

    /** Whether the wall time passed {@code max_wall_time} at the end of a generation. */
    boolean timeUp() {
        return timeUp;
    }

    /** Unique architectures evaluated so far. */
    public int evaluations() {
        return log.size();
    }

    /** The budget of unique architectures. */
    public int budget() {
        return log.budget();
    }

    /** The evaluation of architecture {@code arch} (canonical string) if it was evaluated, else null. */
    public Evaluation evaluation(String arch) {
        return log.get(arch);
    }

    /**
     * Tells the listener that {@code generation} generations are complete, and stops the search (see
     * {@link #exhausted()}) if its wall time has passed {@code max_wall_time}.
     */
    public void generationDone(int generation) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (settings.maxWallTime() != null && seconds * 1e9 >= settings.maxWallTime().toNanos()) {
            timeUp = true;
        }
        listener.progress(log.progress(generation, seconds));
    }

    /** The checkpoint a resumed run continues from (its evaluations are already recorded), or null. */
    public Checkpoint resumeFrom() {
        return persistence.resume();
    }

    /** Generations completed before this run started: the resumed checkpoint's, else 0. */
    public int startGeneration() {
        Checkpoint resume = resumeFrom();
        return resume == null ? 0 : resume.generation();
    }

    /**
     * The search's random generator: seeded with {@code search.seed}, or in the state the resumed checkpoint recorded,
     * so that a resumed run draws what the uninterrupted one would have.
     */
    public StateRandom random() {
        Checkpoint resume = resumeFrom();
        return resume == null ? StateRandom.seeded(settings.seed()) : StateRandom.restored(resume.randomState());
    }

    /**
     * Saves the state after {@code generation} generations, with every evaluation so far, if the run keeps
     * checkpoints (resumable algorithms only).
     *
     * @param population  the current population's genes (empty for algorithms without one)
     * @param ages        the generation each individual was created in
     * @param randomState the whole state of the algorithm's random generator (see {@link StateRandom})
     */
    public void checkpoint(int generation, List<int[]> population, List<Long> ages, long randomState) {
        persistence.save(new Checkpoint(settings.algorithm().name(), persistence.fingerprint(), generation,
                population, ages, randomState, log.evaluated(), false, null));
    }
}
