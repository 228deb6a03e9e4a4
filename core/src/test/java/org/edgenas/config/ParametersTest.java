package org.edgenas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static Parameters section(Map<String, ?> values) {
        Map<String, Integer> lines = Map.of("search.population", 7, "search", 5, "search.rate", 9);
        return Parameters.of(values, "exp.yaml", "search", k -> lines.getOrDefault(k, -1));
    }

    @Test
    void outOfRangeIntegerNamesFileLineKeyAndRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> section(Map.of("population", 1)).integer("population", 10, 2, 100));
        assertEquals("exp.yaml:7: search.population: expected an integer in [2, 100], got 1", e.getMessage());
    }

    @Test
    void textWhereANumberBelongsIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> section(Map.of("rate", "high")).number("rate", 0.5, 0, 1));
        assertEquals("exp.yaml:9: search.rate: expected a number in [0.0, 1.0], got 'high' (text)", e.getMessage());
    }

    @Test
    void choiceListsAllowedValues() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> section(Map.of("population", "x")).choice("population", "a", List.of("a", "b")));
        assertTrue(e.getMessage().endsWith("'x' is not allowed; allowed values: a, b"), e.getMessage());
    }

    @Test
    void unknownKeyIsReportedWithAllowedKeysAtTheSectionLine() {
        Parameters p = section(Map.of("populaton", 5));
        p.integer("population", 10, 2, 100);
        p.number("rate", 0.5, 0, 1);
        ConfigException e = assertThrows(ConfigException.class, p::requireNoUnknownKeys);
        assertEquals("exp.yaml:5: search.populaton: unknown key; did you mean 'population'?; allowed keys in 'search': population, rate",
                e.getMessage());
    }

    @Test
    void defaultsApplyWhenAbsent() {
        Parameters p = section(Map.of());
        assertEquals(10, p.integer("population", 10, 2, 100));
        assertEquals(List.of(1, 2), p.integers("sizes", List.of(1, 2), 0, 5));
        p.requireNoUnknownKeys();
    }

    @Test
    void duplicateListEntriesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> section(Map.of("sizes", List.of(3, 3))).integers("sizes", List.of(), 0, 5));
        assertTrue(e.getMessage().contains("element 1: 3 appears twice"), e.getMessage());
    }

    @Test
    void integersBeyondTwoToTheSixtyThreeAreOutOfRangeNotWrapped() {
        Parameters p = section(Map.of("population", new java.math.BigInteger("18446744073709551626")));
        ConfigException e = assertThrows(ConfigException.class, () -> p.integer("population", 40, 2, 100_000));
        assertTrue(e.getMessage().endsWith("expected an integer in [2, 100000], got 18446744073709551626"),
                e.getMessage());
        Parameters q = section(Map.of("seed", new java.math.BigInteger("9223372036854775808")));
        assertThrows(ConfigException.class, () -> q.longValue("seed", 0, 0, Long.MAX_VALUE));
    }

    @Test
    void infiniteAndFractionalNumbersAreNotIntegersAndInfinityIsNotANumber() {
        assertThrows(ConfigException.class, () -> section(Map.of("population", 1e308 * 10)).integer("population", 1, 0, 9));
        assertThrows(ConfigException.class, () -> section(Map.of("population", 2.5)).integer("population", 1, 0, 9));
        assertEquals(3, section(Map.of("population", 3.0)).integer("population", 1, 0, 9));
        assertThrows(ConfigException.class, () -> section(Map.of("population", Double.POSITIVE_INFINITY))
                .number("population", 1, 0, Double.MAX_VALUE));
    }

    @Test
    void aPluginSectionMayBeGivenByNameAlone() {
        Map<String, Integer> lines = Map.of("space", 3);
        Parameters top = Parameters.of(Map.of("space", "nb201"), "exp.yaml", "", k -> lines.getOrDefault(k, -1));
        Parameters space = top.namedSection("space", "name");
        assertEquals("nb201", space.string("name", null));
        assertEquals(Map.of("name", "nb201"), space.asMap(), "recorded in the long form");
        assertEquals("exp.yaml:3: space.name: unknown", space.error("name", "unknown").getMessage(),
                "errors point at the line of the short form");
    }

    @Test
    void aHugeTextValueIsQuotedByItsPrefixAndLength() {
        String huge = "x".repeat(1_300_000);
        ConfigException e = assertThrows(ConfigException.class,
                () -> section(Map.of("rate", huge)).number("rate", 0.5, 0, 1));
        assertEquals("exp.yaml:9: search.rate: expected a number in [0.0, 1.0], got '" + "x".repeat(60)
                + "...' (1300000 characters) (text)", e.getMessage());
    }

    @Test
    void fileSettingsAreFoundByTheResolverOfTheSectionTheyWereReadFrom() {
        Parameters top = Parameters.of(Map.of("proxy", Map.of("file", "scores.csv"))).withFiles(
                named -> java.nio.file.Path.of("/copies", named + ".copy"));
        assertEquals(java.nio.file.Path.of("/copies/scores.csv.copy"), top.section("proxy").file("file", "a table"));
    }

    @Test
    void fileTheResolverDoesNotKnowIsNamedWithItsKeyAndLine() {
        Parameters p = section(Map.of("population", "data.csv")).withFiles(named -> {
            throw new ConfigException(named + ": not among the files sent");
        });
        ConfigException e = assertThrows(ConfigException.class, () -> p.file("population", "a file"));
        assertEquals("exp.yaml:7: search.population: data.csv: not among the files sent", e.getMessage());
    }

    @Test
    void recordingResolverRemembersTheExistingFilesAskedFor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path table = java.nio.file.Files.writeString(dir.resolve("t.csv"), "arch,score\n");
        FileResolver.Recording files = FileResolver.recording();
        Parameters p = Parameters.of(Map.of("file", table.toString(), "other", dir.resolve("none.csv").toString()))
                .withFiles(files);
        assertEquals(table, p.file("file", "a table"));
        p.file("other", "a file that does not exist");
        assertEquals(Map.of(table.toString(), table.toAbsolutePath().normalize()), files.files());
    }
}
