package org.edgenas.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.edgenas.arch.Architecture;

/**
 * An architecture together with the search space that made it, as exporters write it down.
 *
 * @param space        the search space's name, e.g. {@code nb201}
 * @param settings     the space's settings as given (empty map = the space's defaults); values are plain Java
 *                     ({@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map})
 * @param architecture the network, with shapes and costs (MACs and parameters per image) inferred
 */
public record ExportedNetwork(String space, Map<String, Object> settings, Architecture architecture) {

    public ExportedNetwork {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(architecture, "architecture");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The network {@code architecture} of space {@code space} configured by {@code settings}. */
    public static ExportedNetwork of(String space, Map<String, Object> settings, Architecture architecture) {
        return new ExportedNetwork(space, settings, architecture);
    }
}
