package org.edgenas.proxy;

import java.util.Objects;
import org.edgenas.config.Parameters;
import org.edgenas.plugin.Registry;
import org.edgenas.space.SearchSpace;

/**
 * What proxies are made for and share: the search space, and one {@link ScoreCache} for the proxies made in this
 * context. Make one context per problem (a search, a cluster worker's problem) or per proxy study, never one per JVM:
 * scores then live as long as the problem, and a proxy built of others (an ensemble) shares its members' scores with
 * proxies of the same settings made beside it.
 *
 * {@snippet :
 * ProxyContext context = ProxyContext.of(space);
 * try (AccuracyProxy naswot = context.create("naswot", Parameters.of(Map.of("batch", 32)))) {
 *     double s = naswot.score(space.parse(arch));
 * }
 * }
 *
 * @param space  the space whose architectures are scored
 * @param scores the scores shared by the proxies of this context
 */
public record ProxyContext(SearchSpace space, ScoreCache scores) {

    public ProxyContext {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(scores, "scores");
    }

    /** A context for {@code space} with an empty cache of {@link ScoreCache#DEFAULT_CAPACITY} scores. */
    public static ProxyContext of(SearchSpace space) {
        return new ProxyContext(space, new ScoreCache(ScoreCache.DEFAULT_CAPACITY));
    }

    /**
     * The proxy {@code name} configured by {@code parameters}, made in this context. Unknown keys are not checked
     * here (settings may be shared by several proxies): call {@link Parameters#requireNoUnknownKeys()} when all are
     * made.
     *
     * @throws org.edgenas.config.ConfigException if no provider has that name (listing those that exist) or a setting
     *                                            is wrong
     */
    public AccuracyProxy create(String name, Parameters parameters) {
        Registry<ProxyProvider> proxies = AccuracyProxies.registry();
        return proxies.make(proxies.get(name), p -> p.create(parameters, this));
    }
}
