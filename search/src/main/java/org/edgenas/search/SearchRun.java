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
    /** When the last checkpoint was written ({@link System#nanoTime()}), and how long writing it took (0: none). */
    private long lastWriteEnd;
    private long lastWriteNanos;

    /** Runs with at most this many evaluations save a checkpoint after every generation. */
    static final int EVERY_GENERATION_UP_TO = 10_000;

    /** Beyond, a checkpoint waits until this many times its last write's time has passed since that write. */
    static final int TIME_PER_WRITE = 9;

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
     * checkpoints (resumable algorithms only) and one is due ({@link #checkpointDue}): after every generation while
     * the run has evaluated at most {@value #EVERY_GENERATION_UP_TO} architectures; beyond, only once the time since
     * the last checkpoint was written is at least {@value #TIME_PER_WRITE} times what writing it took. A checkpoint
     * holds every evaluation, so writing one after every generation would cost time quadratic in the evaluations;
     * so paced, writing takes at most about a tenth of the run, and an interrupted run loses at most about nine times
     * the last write's time of work (and the generation under way). Which generations are saved never changes a
     * result: a run resumed from any of them ends as the uninterrupted one.
     *
     * @param population  the current population's genes (empty for algorithms without one)
     * @param ages        the generation each individual was created in
     * @param randomState the whole state of the algorithm's random generator (see {@link StateRandom})
     */
    public void checkpoint(int generation, List<int[]> population, List<Long> ages, long randomState) {
        long now = System.nanoTime();
        if (persistence.file() == null || !checkpointDue(log.size(), now - lastWriteEnd, lastWriteNanos)) {
            return;
        }
        persistence.save(new Checkpoint(settings.algorithm().name(), persistence.fingerprint(), generation,
                population, ages, randomState, log.evaluated(), false, null));
        lastWriteEnd = System.nanoTime();
        lastWriteNanos = lastWriteEnd - now;
    }

    /**
     * Whether a checkpoint is due (see {@link #checkpoint}).
     *
     * @param evaluations  architectures evaluated so far
     * @param sinceWritten nanoseconds since the last checkpoint was written (any value if none was)
     * @param writeNanos   nanoseconds the last checkpoint took to write, 0 if none was written
     */
    static boolean checkpointDue(int evaluations, long sinceWritten, long writeNanos) {
        return evaluations <= EVERY_GENERATION_UP_TO || writeNanos == 0 || sinceWritten >= TIME_PER_WRITE * writeNanos;
    }
}
