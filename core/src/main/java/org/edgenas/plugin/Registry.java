package org.edgenas.plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.config.Suggestions;

/**
 * The plug-ins of one kind, by name: the one place where names in configs and on the command line are turned into
 * implementations. Immutable once built.
 *
 * {@snippet :
 * Registry<SearchSpaceProvider> spaces = Registry.load(SearchSpaceProvider.class, "search space");
 * SearchSpaceProvider nb201 = spaces.get("nb201");  // ConfigException naming the choices if unknown
 * }
 *
 * @param <P> the plug-in interface
 */
public final class Registry<P extends Plugin> {

    private final String kind;
    private final Map<String, P> byName;

    private Registry(String kind, Map<String, P> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Every implementation of {@code type} on the class path (the thread's context class loader, so plug-in jars the
     * launcher adds are found).
     *
     * @param kind what a plug-in of this type is called in messages, e.g. {@code "search space"}
     * @throws IllegalStateException if two different classes use one name
     */
    public static <P extends Plugin> Registry<P> load(Class<P> type, String kind) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return of(kind, ServiceLoader.load(type, loader == null ? type.getClassLoader() : loader));
    }

    /**
     * A registry of the given plug-ins.
     *
     * @throws IllegalStateException if two different classes use one name
     */
    public static <P extends Plugin> Registry<P> of(String kind, Iterable<? extends P> plugins) {
        Map<String, P> byName = new TreeMap<>();
        for (P p : plugins) {
            P previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two " + kind + "s are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new Registry<>(kind, byName);
    }

    /** What a plug-in of this registry is called in messages, e.g. {@code search space}. */
    public String kind() {
        return kind;
    }

    /** The names, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** The plug-ins, sorted by name. */
    public Collection<P> all() {
        return byName.values();
    }

    /** The plug-in called {@code name}, if there is one. */
    public Optional<P> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The plug-in called {@code name}.
     *
     * @throws ConfigException if there is none: the message suggests the closest name and lists them all
     */
    public P get(String name) {
        P p = byName.get(name);
        if (p == null) {
            throw new ConfigException(unknown(name));
        }
        return p;
    }

    /**
     * The plug-in named by {@code key} of {@code section}.
     *
     * @throws ConfigException naming the file, line and key if the name is missing or unknown
     */
    public P get(Parameters section, String key) {
        String name = section.string(key, null);
        if (name == null) {
            throw section.error(key, "missing; name a " + kind + "; available: " + String.join(", ", names()));
        }
        P p = byName.get(name);
        if (p == null) {
            throw section.error(key, unknown(name));
        }
        return p;
    }

    /** The message for an unknown name: {@code unknown proxy 'nasowt'; did you mean 'naswot'? available: ...}. */
    public String unknown(String name) {
        return "unknown " + kind + " '" + name + "'" + Suggestions.didYouMean(name, names()) + "; available: "
                + String.join(", ", names());
    }

    /** The names as a list, for messages. */
    public List<String> nameList() {
        return List.copyOf(names());
    }
}
