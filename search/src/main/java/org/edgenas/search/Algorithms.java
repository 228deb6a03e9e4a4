package org.edgenas.search;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;

/** Finds search algorithms by name among the {@link AlgorithmProvider}s on the class path. */
public final class Algorithms {

    /** The built-in algorithms, in the order listings show them (plug-ins follow, by name). */
    private static final List<String> BUILT_IN = List.of(Nsga2.NAME, RandomSearch.NAME, RegularizedEvolution.NAME,
            Exhaustive.NAME);

    private Algorithms() {
    }

    /** Every provider on the class path, by name (built-in ones included). */
    public static Registry<AlgorithmProvider> registry() {
        return Registry.load(AlgorithmProvider.class, "algorithm");
    }

    /** The names of the algorithms of {@code registry}: the built-in ones first, then plug-ins by name. */
    public static List<String> names(Registry<AlgorithmProvider> registry) {
        List<String> out = new ArrayList<>(BUILT_IN.stream().filter(registry.names()::contains).toList());
        registry.names().stream().filter(n -> !BUILT_IN.contains(n)).forEach(out::add);
        return out;
    }

    /**
     * The algorithm called {@code name}, configured by {@code search}; unknown keys in it are an error.
     *
     * @throws ConfigException if no provider has that name (listing those that exist) or a setting is wrong
     */
    public static Algorithm create(String name, Parameters search, int population) {
        Registry<AlgorithmProvider> algorithms = registry();
        Algorithm algorithm = algorithms.make(algorithms.get(name), p -> p.create(search, population));
        search.requireNoUnknownKeys();
        return algorithm;
    }
}
