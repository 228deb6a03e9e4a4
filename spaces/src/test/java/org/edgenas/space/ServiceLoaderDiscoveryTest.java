package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.junit.jupiter.api.Test;

/** A space registered only in the test class path's META-INF/services is found by name. */
class ServiceLoaderDiscoveryTest {

    @Test
    void customSpaceOnTheClassPathIsFoundByName() {
        SearchSpace s = SearchSpaces.create("test-mlp", Parameters.of(Map.of("width", 7)));
        assertEquals("test-mlp", s.name());
        assertEquals(7L * 7 * 3, s.parse("3").macs());
        assertTrue(SearchSpaces.registry().names().containsAll(java.util.List.of("nb201", "chain-cnn", "test-mlp")));
    }

    @Test
    void unknownSpaceListsTheAvailableOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> SearchSpaces.create("nb301", Parameters.empty()));
        assertTrue(e.getMessage().startsWith("unknown search space 'nb301'; did you mean 'nb201'?; available: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("chain-cnn") && e.getMessage().contains("test-mlp"), e.getMessage());
    }

    @Test
    void unknownSettingOfACustomSpaceIsReported() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SearchSpaces.create("test-mlp", Parameters.of(Map.of("widht", 7))));
        assertTrue(e.getMessage().contains("widht: unknown key; did you mean 'width'?; allowed keys: width"), e.getMessage());
    }
}
