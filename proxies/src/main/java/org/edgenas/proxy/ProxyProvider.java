package org.edgenas.proxy;

import org.edgenas.config.Parameters;
import org.edgenas.plugin.Plugin;
import org.edgenas.space.SearchSpace;

/**
 * Makes accuracy proxies of one kind from their config section. Register implementations in
 * {@code META-INF/services/org.edgenas.proxy.ProxyProvider}.
 */
public interface ProxyProvider extends Plugin {

    /**
     * A proxy for architectures of {@code space}, configured by {@code parameters}.
     *
     * @throws org.edgenas.config.ConfigException for a missing, mistyped or out-of-range setting or unreadable file
     */
    AccuracyProxy create(Parameters parameters, SearchSpace space);
}
