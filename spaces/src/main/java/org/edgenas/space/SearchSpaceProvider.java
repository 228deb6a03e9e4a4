package org.edgenas.space;

import org.edgenas.config.Parameters;
import org.edgenas.plugin.Plugin;

/**
 * Makes search spaces of one kind from their config section. Register an implementation in
 * {@code META-INF/services/org.edgenas.space.SearchSpaceProvider} of a jar on the class path, and configs can name
 * it, with no change to this project.
 *
 * @apiNote {@link #create} reads its settings through {@link Parameters} (which range-checks them and reports unknown
 * keys) and must not keep a reference to it.
 */
public interface SearchSpaceProvider extends Plugin {

    /**
     * A space configured by {@code parameters}.
     *
     * @throws org.edgenas.config.ConfigException for a missing, mistyped, out-of-range or unknown setting
     */
    SearchSpace create(Parameters parameters);
}
