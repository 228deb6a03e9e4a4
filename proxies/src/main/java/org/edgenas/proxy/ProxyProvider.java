package org.edgenas.proxy;

import org.edgenas.config.Parameters;
import org.edgenas.plugin.Plugin;

/**
 * Makes accuracy proxies of one kind from their config section. Register implementations in
 * {@code META-INF/services/org.edgenas.proxy.ProxyProvider} of a jar on the class path, and configs can name them.
 *
 * @apiNote {@link #create} reads its settings through {@link Parameters} (which range-checks them and reports unknown
 * keys) and must not keep a reference to it. An expensive proxy extends {@link MemoisedProxy}, which keeps its scores
 * in the context's {@link ProxyContext#scores() cache} under its {@link AccuracyProxy#scoreKey()}; a proxy built of
 * others makes them with {@link ProxyContext#create}, so that they share that cache.
 */
public interface ProxyProvider extends Plugin {

    /**
     * A proxy for architectures of {@code context.space()}, configured by {@code parameters}.
     *
     * @throws org.edgenas.config.ConfigException for a missing, mistyped or out-of-range setting or unreadable file
     */
    AccuracyProxy create(Parameters parameters, ProxyContext context);
}
