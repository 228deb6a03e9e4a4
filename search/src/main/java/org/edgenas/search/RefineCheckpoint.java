package org.edgenas.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.io.AtomicFiles;

/**
 * A {@link Refinement}'s progress, saved after every re-scored candidate so that an interrupted refinement continues
 * where it stopped: which candidates it selected and the scores of those done so far.
 *
 * @param file        where it is saved, or null for nowhere
 * @param fingerprint what decides the refinement's result (the search's fingerprint and the refine settings); a
 *                    resumed refinement must have the same
 * @param selected    architecture strings of the selected candidates, empty until they are chosen
 * @param accuracy    scores of the first candidates, in order
 */
public record RefineCheckpoint(Path file, String fingerprint, List<String> selected, List<Double> accuracy) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The saved form. */
    private record Saved(String fingerprint, List<String> selected, List<Double> accuracy) {
    }

    public RefineCheckpoint {
        selected = List.copyOf(selected);
        accuracy = List.copyOf(accuracy);
    }

    /** Saves nothing and resumes nothing. */
    public static RefineCheckpoint none() {
        return new RefineCheckpoint(null, "", List.of(), List.of());
    }

    /**
     * Progress saved in {@code file}: continued from the file when {@code resume} and it exists, else started
     * afresh.
     *
     * @throws ConfigException if the file to resume from is not such a checkpoint or was written, with candidates
     *                         already re-scored, for another search or other refine settings (one that re-scored
     *                         none is started afresh)
     */
    public static RefineCheckpoint of(Path file, String fingerprint, boolean resume) {
        if (!resume || !Files.isRegularFile(file)) {
            return new RefineCheckpoint(file, fingerprint, List.of(), List.of());
        }
        Saved saved;
        try {
            saved = JSON.readValue(file.toFile(), Saved.class);
        } catch (IOException e) {
            throw new ConfigException(file + ": not a valid refine checkpoint: " + e.getMessage(), e);
        }
        if (!fingerprint.equals(saved.fingerprint())) {
            if (saved.accuracy() == null || saved.accuracy().isEmpty()) {
                // nothing was re-scored under the old settings (e.g. the evaluator failed at once): nothing to lose
                return new RefineCheckpoint(file, fingerprint, List.of(), List.of());
            }
            throw new ConfigException(file + ": was written for another search or other refine settings; resume "
                    + "with the same config file and seed");
        }
        return new RefineCheckpoint(file, fingerprint, saved.selected(), saved.accuracy());
    }

    /**
     * This progress for a refinement of {@code candidates}, saved.
     *
     * @throws ConfigException if it already holds another selection
     */
    RefineCheckpoint begin(List<String> candidates) {
        if (!selected.isEmpty() && !selected.equals(candidates)) {
            throw new ConfigException(file + ": selected other candidates than this search's front gives; refine "
                    + "again from the start (delete the file)");
        }
        RefineCheckpoint c = new RefineCheckpoint(file, fingerprint, candidates, accuracy);
        c.save();
        return c;
    }

    /** This progress with the next candidate's score, saved. */
    RefineCheckpoint with(double score) {
        List<Double> more = new ArrayList<>(accuracy);
        more.add(score);
        RefineCheckpoint c = new RefineCheckpoint(file, fingerprint, selected, more);
        c.save();
        return c;
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(new Saved(fingerprint, selected, accuracy)) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("a refine checkpoint is plain JSON", e);
        }
    }
}
