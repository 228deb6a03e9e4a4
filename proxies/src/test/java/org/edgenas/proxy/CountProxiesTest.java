package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class CountProxiesTest {

    private final SearchSpace nb201 = Nb201Space.cifar10();
    private static final String ALL_NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    @Test
    void flopsScoresTheHandCountedMacs() {
        assertEquals(7_783_040, AccuracyProxies.create("flops", Parameters.empty(), nb201).score(nb201.parse(ALL_NONE)));
    }

    @Test
    void paramsScoresTheHandCountedParameters() {
        assertEquals(73_306, AccuracyProxies.create("params", Parameters.empty(), nb201).score(nb201.parse(ALL_NONE)));
    }

    @Test
    void unknownProxyListsTheAvailableOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AccuracyProxies.create("zen", Parameters.empty(), nb201));
        assertTrue(e.getMessage().startsWith("unknown proxy 'zen'; available: "), e.getMessage());
        List<String> listed = List.of(e.getMessage().substring(e.getMessage().indexOf("available: ") + 11).split(", "));
        assertTrue(listed.containsAll(List.of("busy", "ensemble", "flops", "logsynflow", "naswot", "params", "synflow",
                "table")), listed.toString());
    }

    @Test
    void tableNeedsFileAndColumn() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AccuracyProxies.create("table", Parameters.of(Map.of("column", "acc")), nb201));
        assertTrue(e.getMessage().contains("file: missing"), e.getMessage());
    }

    @Test
    void unknownSettingIsRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AccuracyProxies.create("flops", Parameters.of(Map.of("scale", 2)), nb201));
        assertTrue(e.getMessage().contains("scale: unknown key"), e.getMessage());
    }
}
