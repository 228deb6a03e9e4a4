package org.edgenas.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private record Named(String name, String description) implements Plugin {
    }

    private static final class Other implements Plugin {
        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public String description() {
            return "a different class with a taken name";
        }
    }

    private static final Named ALPHA = new Named("alpha", "first");
    private static final Named NASWOT = new Named("naswot", "second");
    private final Registry<Plugin> registry = Registry.of("proxy", List.of(NASWOT, ALPHA));

    @Test
    void namesAreSortedAndFound() {
        assertEquals(List.of("alpha", "naswot"), registry.nameList());
        assertSame(NASWOT, registry.get("naswot"));
        assertTrue(registry.find("zen").isEmpty());
    }

    @Test
    void unknownNameSuggestsTheClosestAndListsAll() {
        ConfigException e = assertThrows(ConfigException.class, () -> registry.get("nasowt"));
        assertEquals("unknown proxy 'nasowt'; did you mean 'naswot'?; available: alpha, naswot", e.getMessage());
        ConfigException far = assertThrows(ConfigException.class, () -> registry.get("zzzzzzzz"));
        assertEquals("unknown proxy 'zzzzzzzz'; available: alpha, naswot", far.getMessage());
    }

    @Test
    void nameFromAConfigSectionIsLocated() {
        Parameters section = Parameters.of(Map.of("name", "alpah"), "x.yaml", "proxy", k -> k.equals("proxy.name") ? 7 : -1);
        ConfigException e = assertThrows(ConfigException.class, () -> registry.get(section, "name"));
        assertTrue(e.getMessage().startsWith("x.yaml:7: proxy.name: unknown proxy 'alpah'; did you mean 'alpha'?"),
                e.getMessage());
    }

    @Test
    void aPlugInThatFailsIsOneLineNamingItNotAStackTrace() {
        Plugin nameless = new Plugin() {
            @Override
            public String name() {
                throw new IllegalStateException("boom in name");
            }

            @Override
            public String description() {
                return "broken";
            }
        };
        ConfigException name = assertThrows(ConfigException.class, () -> Registry.of("proxy", List.of(nameless)));
        assertTrue(name.getMessage().contains("fails to give its name: java.lang.IllegalStateException: boom in name"),
                name.getMessage());
        ConfigException create = assertThrows(ConfigException.class, () -> registry.make(ALPHA, p -> {
            throw new IllegalStateException("boom in create");
        }));
        assertTrue(create.getMessage().startsWith("proxy 'alpha' (") && create.getMessage().endsWith(
                "failed to start: java.lang.IllegalStateException: boom in create"), create.getMessage());
        ConfigException nothing = assertThrows(ConfigException.class, () -> registry.make(ALPHA, p -> null));
        assertTrue(nothing.getMessage().endsWith("made nothing (its create returned null)"), nothing.getMessage());
        ConfigException user = new ConfigException("x.yaml:3: proxy.batch: out of range");
        assertSame(user, assertThrows(ConfigException.class, () -> registry.make(ALPHA, p -> {
            throw user;
        })), "a user's mistake passes unchanged");
        assertEquals("made", registry.make(ALPHA, p -> "made"));
    }

    @Test
    void twoClassesWithOneNameAreRefused() {
        assertThrows(ConfigException.class, () -> Registry.of("proxy", List.of(ALPHA, new Other())));
    }

    @Test
    void unknownConfigKeySuggestsTheAllowedOne() {
        Parameters p = Parameters.of(Map.of("sed", 3), "c.yaml", "", k -> 2);
        p.longValue("seed", 0, 0, 10);
        ConfigException e = assertThrows(ConfigException.class, p::requireNoUnknownKeys);
        assertEquals("c.yaml:2: sed: unknown key; did you mean 'seed'?; allowed keys: seed", e.getMessage());
    }
}
