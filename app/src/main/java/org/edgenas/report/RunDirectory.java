package org.edgenas.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.edgenas.io.AtomicFiles;
import org.edgenas.io.DirectoryLock;
import org.edgenas.search.Checkpoint;

/**
 * A run's output directory, held for the run's duration: checked before any search starts (it can be written; no
 * other run holds it; an interrupted run's checkpoint is not overwritten unless asked), then locked
 * ({@link DirectoryLock}) until {@link #close()}, so that two runs never write into one directory.
 */
public final class RunDirectory implements AutoCloseable {

    /** The checkpoint file of a run, in its output directory. */
    public static final String CHECKPOINT = "checkpoint.json";

    /** How a run treats what an earlier run left in its directory. */
    public enum Start {
        /** A new run: refuses to overwrite the checkpoint of an interrupted run. */
        FRESH,
        /** Continues the run whose checkpoint is there ({@code --resume}). */
        RESUME,
        /** A new run that replaces whatever is there, an interrupted run's checkpoint included ({@code --force}). */
        FORCE
    }

    private final Path dir;
    private final DirectoryLock lock;

    private RunDirectory(Path dir, DirectoryLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Checks {@code dir} for a run without creating or changing anything (for {@code --dry-run}).
     *
     * @param what how the user named it, for messages (e.g. {@code "--out runs/x"})
     * @throws ConfigException naming the directory and what is wrong
     */
    public static void check(Path dir, String what, Start start) {
        AtomicFiles.requireWritableDirectory(dir, what);
        if (start == Start.RESUME && !Files.isRegularFile(dir.resolve(CHECKPOINT))) {
            throw new ConfigException(dir.resolve(CHECKPOINT) + ": no checkpoint to resume from (a run writes "
                    + CHECKPOINT + " into its output directory after every generation)");
        }
        if (Files.isDirectory(dir)) {
            DirectoryLock.requireFree(dir, what);
        }
        requireCheckpointKept(dir, start);
    }

    /**
     * Checks {@code dir} as {@link #check} does, creates it and locks it for this run.
     *
     * @param purpose what the run is, recorded in the lock for a run that is refused (e.g. its command line)
     * @throws ConfigException naming the directory and what is wrong, or the run that holds it
     */
    public static RunDirectory open(Path dir, String what, Start start, String purpose) {
        check(dir, what, start);
        DirectoryLock lock = DirectoryLock.acquire(dir, purpose, what);
        try {
            // checked again under the lock: another run may have left a checkpoint in the meantime
            requireCheckpointKept(dir, start);
            if (start == Start.FORCE) {
                Files.deleteIfExists(dir.resolve(CHECKPOINT));
            }
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot remove " + dir.resolve(CHECKPOINT) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return new RunDirectory(dir, lock);
    }

    /** A fresh run must not overwrite the checkpoint of an interrupted one. */
    private static void requireCheckpointKept(Path dir, Start start) {
        Path checkpoint = dir.resolve(CHECKPOINT);
        if (start == Start.FRESH && Files.exists(checkpoint) && !Checkpoint.recordsFinishedRun(checkpoint)) {
            throw new ConfigException(checkpoint + ": holds an interrupted run; continue it with --resume " + dir
                    + ", or start afresh (replacing it) with --force");
        }
    }

    /** The checkpoint file in it. */
    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    /** Releases the directory. */
    @Override
    public void close() {
        lock.close();
    }
}
