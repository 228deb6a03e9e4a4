package org.edgenas.experiment;

import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;

/**
 * The {@code space} section: a search space by name, the other keys being its provider's settings; {@code space: nb201}
 * is short for {@code space: {name: nb201}} (and is recorded in that form).
 *
 * @param section the section as given (its {@code name} included); the provider's defaults stay its own
 * @param space   the space it describes
 */
public record SpaceConfig(Map<String, Object> section, SearchSpace space) implements ConfigPart {

    public SpaceConfig {
        section = ExperimentConfig.copy(section);
    }

    /**
     * Reads {@code space} of {@code top} and builds the space.
     *
     * @throws org.edgenas.config.ConfigException if the section is missing, names no known space, or a setting is wrong
     */
    public static SpaceConfig read(Parameters top) {
        Parameters section = top.namedSection("space", "name");
        ExperimentConfig.requireSection(top, "space", "a search space, e.g. space: {name: nb201}");
        SearchSpace space = SearchSpaces.registry().get(section, "name").create(section);
        section.requireNoUnknownKeys();
        return new SpaceConfig(section.asMap(), space);
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        resolved.put("space", section);
    }
}
