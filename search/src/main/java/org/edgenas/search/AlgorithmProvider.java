package org.edgenas.search;

import org.edgenas.config.Parameters;
import org.edgenas.plugin.Plugin;

/**
 * Makes search algorithms of one kind from the {@code search} section of a config. Register an implementation in
 * {@code META-INF/services/org.edgenas.search.AlgorithmProvider} of a jar on the class path, and configs can name it
 * ({@code search: {algorithm: NAME}}), locally and on cluster workers, with no change to this project.
 *
 * @apiNote {@link #create} reads only the algorithm's own settings through {@link Parameters} (the section's common
 * keys, {@code algorithm}, {@code population}, {@code max_evaluations}, {@code max_generations} and {@code threads},
 * are read by the framework) and must not keep a reference to it. Every setting has a default: the section is read
 * by every installed algorithm, so that a config stays valid, and its settings range-checked, when it switches
 * algorithm (e.g. {@code ./nas run --exhaustive}).
 */
public interface AlgorithmProvider extends Plugin {

    /**
     * The algorithm configured by {@code search}.
     *
     * @param search     the config's {@code search} section
     * @param population the run's population size, for settings bounded by it
     * @throws org.edgenas.config.ConfigException for a mistyped or out-of-range setting
     */
    Algorithm create(Parameters search, int population);
}
