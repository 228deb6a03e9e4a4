package org.edgenas.plugin;

/**
 * Something a config file can name: a search space, an accuracy proxy, an energy model form, a search algorithm.
 * Implementations register through {@link java.util.ServiceLoader} ({@code META-INF/services/<interface>} in a jar on
 * the class path) and are found by {@link Registry}.
 *
 * @apiNote {@link #name()} is lower case, stable, and unique among the plug-ins of one kind.
 */
public interface Plugin {

    /** The name configs use, e.g. {@code nb201}, {@code naswot}, {@code nsga2}. */
    String name();

    /** One line saying what it is, for listings such as {@code ./nas spaces}. */
    String description();
}
