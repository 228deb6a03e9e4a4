package org.edgenas.search;

import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.edgenas.io.AtomicFiles;

/**
 * Where a search saves its state after every generation, and the state it continues from: the one place that decides
 * whether a checkpoint may be resumed (same fingerprint, a resumable algorithm).
 *
 * @param file        checkpoint file written after every generation, or null for none
 * @param fingerprint what decides the run's result (its resolved config without output, threads and execution),
 *                    recorded in every checkpoint
 * @param resume      the checkpoint to continue from, or null to start afresh
 */
public record Persistence(Path file, String fingerprint, Checkpoint resume) {

    /** Neither saves nor resumes. */
    public static final Persistence NONE = new Persistence(null, "", null);

    /**
     * Checkpoints of a run of {@code algorithm} in {@code file}: saved after every generation when the algorithm is
     * resumable, and, when {@code resume} is set, read and checked first.
     *
     * @throws ConfigException if resuming and the algorithm does not resume, the file is missing or not a checkpoint,
     *                         or it was written by a run with another fingerprint
     */
    public static Persistence of(Path file, String fingerprint, Algorithm algorithm, boolean resume) {
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
        Checkpoint from = Checkpoint.read(file);
        if (!from.config().equals(fingerprint) || !from.algorithm().equals(algorithm.name())) {
            throw new ConfigException(file + ": was written by a run with another configuration; resume with the "
                    + "same config file and seed (checkpoint: " + from.config() + ")");
        }
        return new Persistence(file, fingerprint, from);
    }

    void save(Checkpoint c) {
        if (file != null) {
            AtomicFiles.write(file, c.toJson());
        }
    }
}
