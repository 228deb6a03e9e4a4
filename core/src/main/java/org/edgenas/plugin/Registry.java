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
     * @throws ConfigException if a listed provider cannot be found or made (a broken plug-in jar), fails to give its
     *                         name, or two different classes use one name
     */
    public static <P extends Plugin> Registry<P> load(Class<P> type, String kind) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader<P> services = ServiceLoader.load(type, loader == null ? type.getClassLoader() : loader);
        List<P> found = new java.util.ArrayList<>();
        java.util.Iterator<P> it = services.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (java.util.ServiceConfigurationError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new ConfigException("a " + kind + " plug-in cannot be loaded: " + e.getMessage()
                        + (cause != e ? " (" + cause + ")" : ""), e);
            }
        }
        return of(kind, found);
    }

    /**
     * A registry of the given plug-ins.
     *
     * @throws ConfigException if a plug-in fails to give its name (or gives none), or two different classes use one
     *                         name
     */
    public static <P extends Plugin> Registry<P> of(String kind, Iterable<? extends P> plugins) {
        Map<String, P> byName = new TreeMap<>();
        for (P p : plugins) {
            String name;
            try {
                name = p.name();
            } catch (RuntimeException e) {
                throw new ConfigException("the " + kind + " plug-in " + p.getClass().getName() + " fails to give its "
                        + "name: " + e, e);
            }
            if (name == null || name.isBlank()) {
                throw new ConfigException("the " + kind + " plug-in " + p.getClass().getName() + " gives no name");
            }
            P previous = byName.putIfAbsent(name, p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new ConfigException("two " + kind + "s are named '" + name + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName() + " (a plug-in may not "
                        + "take a name already in use)");
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

    /**
     * What {@code plugin} makes with {@code make} (its {@code create}), checked: a plug-in that throws anything but a
     * {@link ConfigException} (which already names the user's mistake), or makes nothing, is reported in one line
     * naming it and its class, not as a stack trace.
     *
     * @throws ConfigException if {@code make} fails or returns null
     */
    public <T> T make(P plugin, java.util.function.Function<P, T> make) {
        T made;
        try {
            made = make.apply(plugin);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(kind + " '" + plugin.name() + "' (" + plugin.getClass().getName() + ") failed "
                    + "to start: " + e, e);
        }
        if (made == null) {
            throw new ConfigException(kind + " '" + plugin.name() + "' (" + plugin.getClass().getName() + ") made "
                    + "nothing (its create returned null)");
        }
        return made;
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
