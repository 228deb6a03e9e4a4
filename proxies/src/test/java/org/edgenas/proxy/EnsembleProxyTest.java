package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.junit.jupiter.api.Test;

class EnsembleProxyTest {

    private final SearchSpace space = NaswotProxyTest.SMALL;

    @Test
    void scoreIsTheMeanZScoreAgainstTheReferenceSample() {
        // members flops and params: the expected value is computed here from the reference sample's moments
        AccuracyProxy e = AccuracyProxies.create("ensemble",
                Parameters.of(Map.of("members", List.of("flops", "params"), "reference", 10, "seed", 4)), space);
        List<Architecture> reference = EnsembleProxy.sample(space, 10, 4);
        Architecture a = space.parse(NaswotProxyTest.MIXED);
        double z = (z(a.macs(), reference.stream().mapToDouble(Architecture::macs).toArray())
                + z(a.params(), reference.stream().mapToDouble(Architecture::params).toArray())) / 2;
        assertEquals(z, e.score(a), 1e-9);
    }

    @Test
    void aMemberAtNegativeInfinityMakesTheEnsembleNegativeInfinity() {
        AccuracyProxy e = AccuracyProxies.create("ensemble",
                Parameters.of(Map.of("members", "synflow,flops", "reference", 4)), space);
        assertEquals(Double.NEGATIVE_INFINITY, e.score(space.parse(NaswotProxyTest.ALL_NONE)));
    }

    @Test
    void membersShareTheirSettingsAndUnknownOnesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("ensemble",
                Parameters.of(Map.of("members", List.of("synflow", "flops"), "batch", 16)), space));
        assertTrue(e.getMessage().contains("batch: unknown key"), e.getMessage());
    }

    @Test
    void defaultMembersAreNaswotLogsynflowAndFlops() {
        EnsembleProxy e = (EnsembleProxy) AccuracyProxies.create("ensemble", Parameters.of(Map.of("batch", 8)), space);
        assertEquals(List.of("naswot", "logsynflow", "flops"), e.members().stream().map(AccuracyProxy::name).toList());
    }

    @Test
    void ensembleCannotContainItself() {
        ConfigException e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("ensemble",
                Parameters.of(Map.of("members", List.of("naswot", "ensemble"))), space));
        assertTrue(e.getMessage().contains("members: 'ensemble' cannot be a member; allowed: busy, flops, logsynflow, "
                + "naswot, params, synflow"), e.getMessage());
    }

    private static double z(double v, double[] sample) {
        double mean = java.util.Arrays.stream(sample).average().orElseThrow();
        double ss = 0;
        for (double s : sample) {
            ss += (s - mean) * (s - mean);
        }
        return (v - mean) / Math.sqrt(ss / (sample.length - 1));
    }
}
