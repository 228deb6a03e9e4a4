package org.edgenas.proxy;

import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;
import org.edgenas.space.SearchSpace;

/** Finds accuracy proxies by name among the {@link ProxyProvider}s on the class path. */
public final class AccuracyProxies {

    private AccuracyProxies() {
    }

    /** Every provider on the class path, by name. */
    public static Registry<ProxyProvider> registry() {
        return Registry.load(ProxyProvider.class, "proxy");
    }

    /**
     * The proxy called {@code name} for {@code space}, in a context of its own (its scores are shared with no other
     * proxy); unknown keys in {@code parameters} are an error.
     *
     * @throws ConfigException if no provider has that name (listing those that exist) or a setting is wrong
     */
    public static AccuracyProxy create(String name, Parameters parameters, SearchSpace space) {
        AccuracyProxy proxy = ProxyContext.of(space).create(name, parameters);
        parameters.requireNoUnknownKeys();
        return proxy;
    }
}
