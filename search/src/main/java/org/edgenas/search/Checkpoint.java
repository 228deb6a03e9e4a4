package org.edgenas.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.config.ConfigException;

/**
 * A search's state after a generation, saved as JSON so that an interrupted run can continue to the same result.
 *
 * @param algorithm   the algorithm that wrote it
 * @param config      the resolved experiment config (a resumed run must use the same)
 * @param generation  generations completed
 * @param population  genotypes of the current population (empty for algorithms without one)
 * @param ages        the generation each individual of the population was created in
 * @param randomState state of the search's random generator
 * @param evaluated   every evaluation so far, in order
 * @param complete    whether the search had finished
 */
public record Checkpoint(String algorithm, String config, int generation, List<int[]> population, List<Long> ages,
                         long randomState, List<Evaluation> evaluated, boolean complete) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** The checkpoint as JSON text. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a checkpoint file.
     *
     * @throws ConfigException if it is missing or not a checkpoint
     */
    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no checkpoint to resume from (a run writes checkpoint.json into its "
                    + "output directory after every generation)");
        }
        try {
            return MAPPER.readValue(file.toFile(), Checkpoint.class);
        } catch (IOException e) {
            throw new ConfigException(file + ": not a valid checkpoint: " + e.getMessage(), e);
        }
    }
}
