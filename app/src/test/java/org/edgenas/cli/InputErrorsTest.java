package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input gets one located line without parser internals, a huge value is quoted by its prefix, and searches that
 * cannot do what was asked (unmet constraints, a budget above the space) say so and still write their results.
 */
class InputErrorsTest {

    private static final String GOOD = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|"
            + "skip_connect~2|";

    @TempDir
    Path dir;

    @Test
    void aBadArchitectureInAnInputFileNamesFileAndLineAndOnlyAPrefixOfAHugeString() throws IOException {
        String huge = "|nor_conv_3x3~0|".repeat(80_000);
        Path in = dir.resolve("archs.txt");
        Files.writeString(in, "# first a good one\n" + GOOD + "\n" + huge + "\n");
        for (List<String> command : List.of(
                List.of("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input", in.toString()),
                List.of("proxy", "--space", "nb201", "--proxy", "flops", "--input", in.toString()),
                List.of("export", "--space", "nb201", "--format", "json", "--input", in.toString()))) {
            var r = ConfigErrorTest.run(command.toArray(String[]::new));
            assertEquals(2, r.status(), command + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + in + ":3: nb201: invalid architecture '"
                    + huge.substring(0, 60) + "...' (" + huge.length() + " characters)"), r.err());
            assertTrue(r.err().length() < 500, command + " echoes " + r.err().length() + " characters");
        }
    }

    @Test
    void aBadArchitectureInACsvInputNamesItsLine() throws IOException {
        Path in = dir.resolve("front.csv");
        Files.writeString(in, "arch,accuracy\n" + GOOD + ",1\n|bogus~0|,2\n");
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input", in.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: " + in + ":3: nb201: invalid architecture '|bogus~0|'"), r.err());
    }

    /** Files that every JSON, YAML or CSV reading path is given, and the command that reads them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            YAML config, flow sequence  | c.yaml   | 'space: [nb201\\nboard: x'         | run          | c.yaml:2: malformed YAML: while parsing a flow sequence: expected
            YAML config, tab            | c.yaml   | 'seed:\\t1'                        | run          | c.yaml:1: malformed YAML
            YAML config, binary value   | c.yaml   | 'seed: !!binary aGVsbG8='          | run          | c.yaml:1: seed: a binary or tagged value
            YAML config, two documents  | c.yaml   | 'seed: 1\\n---\\nseed: 2'            | run          | c.yaml:3: a second document after the config
            JSON config                 | c.json   | '{"seed": 1,, }'                  | run          | c.json:1: malformed JSON
            checkpoint                  | checkpoint.json | '{"generation": -5, '      | resume       | checkpoint.json:1: not a valid checkpoint: malformed JSON
            run.json of export --run    | run.json | '{"config": {"space": '            | export       | run.json:1: malformed JSON
            board profile               | b.json   | '{"format": '                     | board        | b.json:1: malformed JSON
            reference front CSV         | ref.csv  | 'arch,accuracy\\n"unterminated,1'  | reference    | ref.csv: not a readable CSV file
            table proxy CSV             | t.csv    | 'arch_str,acc\\n"x,1'              | table        | t.csv: not a readable CSV file
            """)
    void noParserInternalsReachTheUser(String kind, String name, String content, String reader, String expected)
            throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content.replace("\\n", "\n").replace("\\t", "\t"));
        Path config = dir.resolve("ok.yaml");
        Files.writeString(config, "space: nb201\nboard: jetson-tx2\nproxy: flops\n"
                + (reader.equals("reference") ? "reference_front: " + file + "\n" : ""));
        Path tableConfig = dir.resolve("table.yaml");
        Files.writeString(tableConfig, "space: nb201\nboard: jetson-tx2\nproxy: {name: table, file: " + file
                + ", column: acc}\n");
        Path boardConfig = dir.resolve("board.yaml");
        Files.writeString(boardConfig, "space: nb201\nboard: " + file + "\nproxy: flops\n");
        ConfigErrorTest.Result r = switch (reader) {
            case "run" -> ConfigErrorTest.run("run", file.toString(), "--dry-run");
            case "resume" -> ConfigErrorTest.run("run", config.toString(), "--resume", dir.toString(), "--quiet");
            case "export" -> ConfigErrorTest.run("export", "--run", dir.toString(), "--arch", GOOD, "--format", "json");
            case "board" -> ConfigErrorTest.run("run", boardConfig.toString(), "--dry-run");
            case "reference" -> ConfigErrorTest.run("run", config.toString(), "--dry-run");
            case "table" -> ConfigErrorTest.run("run", tableConfig.toString(), "--dry-run");
            default -> throw new AssertionError(reader);
        };
        assertEquals(2, r.status(), kind + ": " + r.err());
        assertTrue(r.err().contains(expected.replace(name, file.toString())), kind + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), kind + ": one line: " + r.err());
        for (String internal : List.of("Source:", "REDACTED", "Exception", "jackson", "in 'reader'", "\tat ")) {
            assertFalse(r.err().contains(internal), kind + ": " + internal + " in " + r.err());
        }
    }

    @Test
    void unsatisfiableConstraintsEndWithTheLeastViolationAndStillWriteResults() throws IOException {
        Path config = dir.resolve("tight.yaml");
        Files.writeString(config, """
                seed: 1
                space: nb201
                board: jetson-tx2
                proxy: params
                constraints: {max_energy_mj: 0.01}
                search: {population: 10, max_evaluations: 30}
                """);
        Path out = dir.resolve("tight");
        var r = ConfigErrorTest.run("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("warning: no evaluated architecture meets the constraints (max_energy_mj 0.01): "
                + "the front is empty; the least violation seen is "), r.err());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(0, run.get("feasible").asInt());
        assertEquals(0, run.get("front_size").asInt());
        // the least violation is that of the cheapest evaluated network: (energy - 0.01) / 0.01
        List<String> rows = Files.readAllLines(out.resolve("evaluated.csv"));
        double cheapest = rows.subList(1, rows.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[2]))
                .min().orElseThrow();
        assertEquals((cheapest - 0.01) / 0.01, run.get("constraints_unmet").get("least_violation").asDouble(), 1e-9);
        assertEquals(1, Files.readAllLines(out.resolve("front.csv")).size(), "front.csv: the header only");
        assertTrue(Files.exists(out.resolve("front.png")) && Files.exists(out.resolve("report.html")));
    }

    @Test
    void aBudgetAboveWhatTheSpaceHoldsIsCappedWithAWarningAndRecorded() throws IOException {
        Path config = dir.resolve("big.yaml");
        Files.writeString(config, """
                space: nb201
                board: jetson-tx2
                proxy: params
                search: {algorithm: random, population: 40, max_evaluations: 20000}
                """);
        var dry = ConfigErrorTest.run("run", config.toString(), "--out", dir.resolve("big").toString(), "--dry-run");
        assertEquals(0, dry.status(), dry.err());
        // NAS-Bench-201: 5 operations on each of 6 edges, 5^6 = 15625 distinct cells
        assertTrue(dry.err().contains("warning: search.max_evaluations 20000 exceeds the 15625 distinct architectures "
                + "of space nb201: the budget is 15625"), dry.err());
        assertTrue(dry.out().contains("with a budget of 15625 unique architectures"), dry.out());
        assertFalse(Files.exists(dir.resolve("big")), "a dry run writes nothing");
    }
}
