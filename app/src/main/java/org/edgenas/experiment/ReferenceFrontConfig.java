package org.edgenas.experiment;

import java.util.List;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.search.Evaluation;
import org.edgenas.space.SearchSpace;

/**
 * The top-level key {@code reference_front}: a known (true) front, a {@code front.csv} of an exhaustive run, drawn in
 * the plots and compared with in {@code run.json}; optional.
 *
 * @param path  the file as given, or null when there is none
 * @param front its rows, architectures checked against the space (empty when there is none)
 */
public record ReferenceFrontConfig(String path, List<Evaluation> front) implements ConfigPart {

    public ReferenceFrontConfig {
        front = List.copyOf(front);
    }

    /** No reference front. */
    public static ReferenceFrontConfig none() {
        return new ReferenceFrontConfig(null, List.of());
    }

    /**
     * Reads {@code reference_front} of {@code top}, if present, and the file it names.
     *
     * @throws ConfigException at the key if the file is missing or malformed, or names architectures not of the space
     */
    public static ReferenceFrontConfig read(Parameters top, SearchSpace space) {
        String path = top.string("reference_front", null);
        if (path == null) {
            return none();
        }
        try {
            return new ReferenceFrontConfig(path, ReferenceFront.read(top.file("reference_front", ""), space));
        } catch (ConfigException e) {
            throw top.error("reference_front", e.getMessage());
        }
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        if (path != null) {
            resolved.put("reference_front", path);
        }
    }
}
