package org.edgenas.space;

import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;

/** Finds search spaces by name among the {@link SearchSpaceProvider}s on the class path. */
public final class SearchSpaces {

    private SearchSpaces() {
    }

    /** Every provider on the class path, by name (built-in ones included). */
    public static Registry<SearchSpaceProvider> registry() {
        return Registry.load(SearchSpaceProvider.class, "search space");
    }

    /**
     * The space called {@code name}, configured by {@code parameters}; unknown keys in them are an error.
     *
     * @throws ConfigException if no provider has that name (listing those that exist) or a setting is wrong
     */
    public static SearchSpace create(String name, Parameters parameters) {
        Registry<SearchSpaceProvider> spaces = registry();
        SearchSpace space = spaces.make(spaces.get(name), p -> p.create(parameters));
        parameters.requireNoUnknownKeys();
        return space;
    }
}
