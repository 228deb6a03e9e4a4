package org.edgenas.search;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.edgenas.io.AtomicFiles;

/**
 * Where a search saves its state as it goes ({@link SearchRun#checkpoint}), and the state it continues from: the one
 * place that decides whether a checkpoint may be resumed (same fingerprint, a resumable algorithm, a checkpoint that
 * passes every check of {@link Checkpoint#read(Path, String, Problem, SearchSettings)}).
 *
 * @param file        checkpoint file written as the search goes, or null for none
 * @param fingerprint what decides the run's result (its resolved config without output, threads and execution),
 *                    recorded in every checkpoint
 * @param resume      the checkpoint to continue from, or null to start afresh
 */
public record Persistence(Path file, String fingerprint, Checkpoint resume) {

    /** Neither saves nor resumes. */
    public static final Persistence NONE = new Persistence(null, "", null);

    /**
     * Checkpoints of a run of {@code problem} with {@code settings} in {@code file}: saved as the search goes
     * when its algorithm is resumable, and, when {@code resume} is set, read and checked first.
     *
     * @throws ConfigException if resuming and the algorithm does not resume, the file is missing, or the checkpoint
     *                         fails a check (naming the file and what is wrong)
     */
    public static Persistence of(Path file, String fingerprint, Problem problem, SearchSettings settings,
                                 boolean resume) {
        Algorithm algorithm = settings.algorithm();
        if (!algorithm.resumable()) {
            if (resume) {
                throw new ConfigException("cannot resume: algorithm '" + algorithm.name() + "' does not write "
                        + "checkpoints; run it again from the start");
            }
            return NONE;
        }
        if (!resume) {
            return new Persistence(file, fingerprint, null);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no checkpoint to resume from (a run writes checkpoint.json into its "
                    + "output directory as it goes)");
        }
        return new Persistence(file, fingerprint, Checkpoint.read(file, fingerprint, problem, settings));
    }

    void save(Checkpoint c) {
        if (file != null) {
            AtomicFiles.write(file, c.toJson());
        }
    }
}
