package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class BusyProxyTest {

    private final SearchSpace nb201 = Nb201Space.cifar10();
    private static final String ALL_NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    @Test
    void spendsAtLeastItsCostInCpuTimeAndScoresTheMacs() {
        AccuracyProxy busy = AccuracyProxies.create("busy", Parameters.of(Map.of("cost_ms", 30)), nb201);
        var arch = nb201.parse(ALL_NONE);
        new BusyProxy(0).score(arch); // class loading and JIT warm-up outside the measured call
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        double score = busy.score(arch);
        double spentMs = (threads.getCurrentThreadCpuTime() - before) / 1e6;
        assertEquals(7_783_040, score);
        assertTrue(spentMs >= 30 && spentMs < 30 + 20, "spent " + spentMs + " ms of CPU time for a 30 ms cost");
    }

    @Test
    void costOutOfRangeNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AccuracyProxies.create("busy", Parameters.of(Map.of("cost_ms", -1)), nb201));
        assertTrue(e.getMessage().contains("cost_ms: expected a number in [0.0, 600000.0], got -1.0"), e.getMessage());
    }
}
