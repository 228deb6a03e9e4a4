package org.edgenas.space;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;

/** Finds search spaces by name among the {@link SearchSpaceProvider}s on the class path. */
public final class SearchSpaces {

    private SearchSpaces() {
    }

    /** Every provider on the class path, by name (built-in ones included). */
    public static Map<String, SearchSpaceProvider> providers() {
        Map<String, SearchSpaceProvider> byName = new TreeMap<>();
        for (SearchSpaceProvider p : ServiceLoader.load(SearchSpaceProvider.class)) {
            SearchSpaceProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two search spaces are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return byName;
    }

    /**
     * The space called {@code name}, configured by {@code parameters}; unknown keys in them are an error.
     *
     * @throws ConfigException if no provider has that name (listing those that exist) or a setting is wrong
     */
    public static SearchSpace create(String name, Parameters parameters) {
        Map<String, SearchSpaceProvider> all = providers();
        SearchSpaceProvider p = all.get(name);
        if (p == null) {
            throw new ConfigException("unknown search space '" + name + "'; available: "
                    + String.join(", ", all.keySet()));
        }
        SearchSpace space = p.create(parameters);
        parameters.requireNoUnknownKeys();
        return space;
    }
}
