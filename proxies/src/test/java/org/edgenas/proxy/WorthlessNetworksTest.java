package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/**
 * A network whose output does not depend on its input (NB201 cells whose last node receives only {@code none}) is
 * worthless to every computed proxy, though its hidden layers' activations still vary (NASWOT used to give it a
 * finite score); networks whose output does depend on the input keep their finite scores.
 */
class WorthlessNetworksTest {

    private static final SearchSpace SMALL = new Nb201Space(10, 8, 4, 1);

    /** Convolutions into nodes 1 and 2, nothing into node 3: the cell outputs zeros whatever its input. */
    private static final String CONSTANT = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|none~1|none~2|";

    /** The same, with a skip from node 2 to node 3: the output depends on the input. */
    private static final String LIVE = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|none~1|"
            + "skip_connect~2|";

    private static double score(String proxy, Map<String, ?> settings, String arch) {
        try (AccuracyProxy p = AccuracyProxies.create(proxy, Parameters.of(settings), SMALL)) {
            return p.score(SMALL.parse(arch));
        }
    }

    @Test
    void everyComputedProxyScoresANetworkWithAConstantOutputNegativeInfinity() {
        for (String proxy : List.of("naswot", "synflow", "logsynflow", "ensemble")) {
            Map<String, Object> settings = proxy.equals("naswot") || proxy.equals("ensemble")
                    ? Map.of("batch", 8) : Map.of();
            assertEquals(Double.NEGATIVE_INFINITY, score(proxy, settings, CONSTANT), proxy);
            double live = score(proxy, settings, LIVE);
            assertTrue(Double.isFinite(live), proxy + " scores the live network " + live);
        }
    }

    @Test
    void anEnsembleOfCountingMembersRatesItWorthlessToo() {
        // flops and params count the constant network's layers in full; the ensemble is a computed proxy
        assertEquals(Double.NEGATIVE_INFINITY, score("ensemble", Map.of("members", "flops,params", "reference", 4),
                CONSTANT));
        assertTrue(score("flops", Map.of(), CONSTANT) > 0, "flops itself is a count, not a computed proxy");
    }
}
