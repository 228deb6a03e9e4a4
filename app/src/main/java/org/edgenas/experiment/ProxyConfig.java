package org.edgenas.experiment;

import java.time.Duration;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.ProxyContext;
import org.edgenas.proxy.ProxyProvider;
import org.edgenas.space.SearchSpace;

/**
 * The {@code proxy} section: an accuracy proxy by name, the other keys being its provider's settings, except
 * {@code timeout_s}, which any proxy takes: the most seconds the proxy may spend on one candidate (default: no limit;
 * a candidate that takes longer is recorded as failed, see {@link org.edgenas.search.Problem#evaluate}).
 * {@code proxy: logsynflow} is short for {@code proxy: {name: logsynflow}} (and is recorded in that form).
 *
 * @param section the section as given (its {@code name} included)
 * @param proxy   the proxy it describes
 * @param timeout the time limit per candidate, or null for none
 */
public record ProxyConfig(Map<String, Object> section, AccuracyProxy proxy, Duration timeout) implements ConfigPart {

    public ProxyConfig {
        section = ExperimentConfig.copy(section);
    }

    /**
     * Reads {@code proxy} of {@code top} and builds the proxy for {@code space}, in a {@link ProxyContext} of its own
     * (so its scores are cached for this experiment's problem only).
     *
     * @throws ConfigException if the section is missing, names no known proxy, or a setting or file is wrong
     */
    public static ProxyConfig read(Parameters top, SearchSpace space) {
        Parameters section = top.namedSection("proxy", "name");
        ExperimentConfig.requireSection(top, "proxy", "an accuracy proxy, e.g. proxy: {name: flops}");
        AccuracyProxies.registry().get(section, "name"); // an unknown name is the first mistake reported
        Duration timeout = section.has("timeout_s")
                ? Duration.ofNanos(Math.round(section.number("timeout_s", 0, 0.001, 1e6) * 1e9)) : null;
        return new ProxyConfig(section.asMap(), build(section, space), timeout);
    }

    /**
     * The proxy a section names ({@code name}, the other keys its settings), for {@code space}; an error that does
     * not yet name the config file is reported at the section's {@code name}.
     *
     * @throws ConfigException if the section names no known proxy, or a setting or file is wrong
     */
    static AccuracyProxy build(Parameters section, SearchSpace space) {
        ProxyProvider provider = AccuracyProxies.registry().get(section, "name");
        AccuracyProxy proxy;
        try {
            proxy = provider.create(section, ProxyContext.of(space));
        } catch (ConfigException e) {
            throw e.getMessage().startsWith(section.source()) ? e : section.error("name", e.getMessage());
        }
        section.requireNoUnknownKeys();
        return proxy;
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        resolved.put("proxy", section);
    }
}
