package org.edgenas.proxy;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;

/** Finds accuracy proxies by name among the {@link ProxyProvider}s on the class path. */
public final class AccuracyProxies {

    private AccuracyProxies() {
    }

    /** Every provider on the class path, by name. */
    public static Map<String, ProxyProvider> providers() {
        Map<String, ProxyProvider> byName = new TreeMap<>();
        for (ProxyProvider p : ServiceLoader.load(ProxyProvider.class)) {
            byName.putIfAbsent(p.name(), p);
        }
        return byName;
    }

    /**
     * The proxy called {@code name} for {@code space}; unknown keys in {@code parameters} are an error.
     *
     * @throws ConfigException if no provider has that name (listing those that exist) or a setting is wrong
     */
    public static AccuracyProxy create(String name, Parameters parameters, SearchSpace space) {
        Map<String, ProxyProvider> all = providers();
        ProxyProvider p = all.get(name);
        if (p == null) {
            throw new ConfigException("unknown proxy '" + name + "'; available: " + String.join(", ", all.keySet()));
        }
        AccuracyProxy proxy = p.create(parameters, space);
        parameters.requireNoUnknownKeys();
        return proxy;
    }
}
