package org.edgenas.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.edgenas.config.FileResolver;
import org.edgenas.config.Parameters;
import org.edgenas.search.Refinement;
import org.edgenas.space.SearchSpace;

/**
 * The {@code refine} section (optional): after the search, re-score {@code top} candidates spread along the front with
 * an expensive {@code evaluator} (an accuracy evaluator section, e.g. {@code {name: train, ...}} or
 * {@code {name: command, ...}}), see {@link Refinement}.
 * <pre>
 * refine:
 *   top: 8                  # candidates re-scored, 1..10000
 *   evaluator: {name: train, images: ..., labels: ..., epochs: 2}
 * </pre>
 *
 * @param section    the section as given, or empty when the config has none
 * @param refinement what to do, or null when the config has no {@code refine} section
 */
public record RefineConfig(Map<String, Object> section, Refinement refinement) implements ConfigPart {

    /** No refinement. */
    public static final RefineConfig NONE = new RefineConfig(Map.of(), null);

    public RefineConfig {
        section = ExperimentConfig.copy(section);
    }

    /**
     * Reads {@code refine} of {@code top} and builds its evaluator for {@code space}.
     *
     * @throws org.edgenas.config.ConfigException naming the key of a missing, wrong or unknown setting
     */
    public static RefineConfig read(Parameters top, SearchSpace space) {
        if (!top.has("refine")) {
            return NONE;
        }
        // the second stage runs where the search runs: its files are read here and not sent to cluster workers
        Parameters r = top.section("refine").withFiles(FileResolver.LOCAL);
        if (!r.has("top")) {
            throw r.error("top", "missing; how many candidates of the front to re-score, e.g. top: 8");
        }
        int count = r.integer("top", 0, 1, 10_000);
        if (!r.has("evaluator")) {
            throw r.error("evaluator", "missing; the evaluator that re-scores them, e.g. evaluator: {name: train, "
                    + "images: ..., labels: ...}");
        }
        Parameters evaluator = r.section("evaluator");
        Refinement refinement = Refinement.of(count, ProxyConfig.build(evaluator, space));
        r.requireNoUnknownKeys();
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("top", count);
        section.put("evaluator", evaluator.asMap());
        return new RefineConfig(section, refinement);
    }

    /** The refinement, if the config asks for one. */
    public Optional<Refinement> get() {
        return Optional.ofNullable(refinement);
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        if (refinement != null) {
            resolved.put("refine", section);
        }
    }
}
