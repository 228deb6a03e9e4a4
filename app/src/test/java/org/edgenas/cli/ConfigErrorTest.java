package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Each kind of bad config exits with status 2, names file, line and key, and writes nothing. */
class ConfigErrorTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: t
            space:
              name: nb201
            board: jetson-tx2
            proxy:
              name: flops
            search:
              population: 10
              max_evaluations: 20
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key      | boards: jetson-tx2                 | t.yaml:10: boards: unknown key; did you mean 'board'?; allowed keys: batch, board, constraints, energy, execution, intervals, latency, name, objectives, output, proxy, reference_front, refine, search, seed, space
            unknown search key         | search: {populaton: 10}            | t.yaml:10: search.populaton: unknown key; did you mean 'population'?; allowed keys in 'search': algorithm, crossover_rate, max_evaluations, max_generations, max_wall_time, mutation_rate, population, sample_size, threads
            wrong type                 | batch: many                        | t.yaml:10: batch: expected an integer in [1, 65536], got 'many' (text)
            out of range               | batch: 0                           | t.yaml:10: batch: expected an integer in [1, 65536], got 0
            unknown board              | board: jetson-tx9                  | t.yaml:10: board: unknown board 'jetson-tx9'; available: jetson-tx2, raspberry-pi-5, raspberry-pi-5-litert, raspberry-pi-5-torchmobile, h200, h200-paper, jetson-nano, jetson-nano-fp16, jetson-xavier-nx, jetson-orin-nano (or the path of a profile .json file)
            uncalibrated board         | board: src/test/resources/uncalibrated-board.json | t.yaml:10: board: board 'new-board' is not calibrated
            quantile out of range      | energy: {quantile: 1.5}            | t.yaml:10: energy.quantile: expected a number in [1.0E-6, 0.999999], got 1.5
            energy of a latency board  | board: jetson-nano                 | objectives: energy_mj: board jetson-nano models latency only (no energy measurements); its objectives: accuracy, latency_ms
            unknown proxy              | proxy: {name: synflowz}            | t.yaml:10: proxy.name: unknown proxy 'synflowz'; did you mean 'synflow'?; available: busy,
            unknown space              | space: {name: nb301}               | t.yaml:10: space.name: unknown search space 'nb301'; did you mean 'nb201'?; available: chain-cnn
            bad space setting          | space: {name: nb201, classes: -3}  | t.yaml:10: space.classes: expected an integer in [1, 100000], got -3
            unknown objective          | objectives: [accuracy, watts]      | t.yaml:10: objectives: 'watts' is not an objective; allowed: accuracy, energy_mj, latency_ms
            unknown algorithm          | search: {algorithm: sgd}           | t.yaml:10: search.algorithm: 'sgd' is not allowed; allowed values: nsga2, random, evolution, exhaustive
            table file missing         | proxy: {name: table, file: nope.csv, column: acc} | nope.csv: CSV file not found
            naswot batch zero          | proxy: {name: naswot, batch: 0}    | t.yaml:10: proxy.batch: expected an integer in [1, 4096], got 0
            image file missing         | proxy: {name: naswot, input: nope.idx} | t.yaml:10: proxy.input: nope.idx: image file not found
            ensemble of itself         | proxy: {name: ensemble, members: [ensemble]} | t.yaml:10: proxy.members: 'ensemble' cannot be a member
            wall time without a unit   | search: {max_wall_time: 30}        | t.yaml:10: search.max_wall_time: expected a duration with its unit, e.g. 90s, 30m or 2h, got '30'
            proxy time limit of zero   | proxy: {name: flops, timeout_s: 0} | t.yaml:10: proxy.timeout_s: expected a number in [0.001, 1000000.0], got 0.0
            unknown short-form proxy   | proxy: flop                        | t.yaml:10: proxy.name: unknown proxy 'flop'; did you mean 'flops'?
            """)
    void badConfigExitsTwoNamingTheProblemAndWritesNothing(String kind, String line, String expected)
            throws IOException {
        String text = GOOD;
        String key = line.substring(0, line.indexOf(':'));
        // replace the key's existing block (if any) with the bad line, which lands on line 10
        text = text.replaceAll("(?m)^" + key + ":.*\\n(  .*\\n)*", "");
        text = text + "\n".repeat(9 - text.split("\n", -1).length + 1) + line + "\n";
        Path config = dir.resolve("t.yaml");
        Files.writeString(config, text);
        Path out = dir.resolve("out");
        Result r = run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.status, kind + ": " + r.err);
        String expectedMessage = expected.replace("t.yaml", config.toString());
        assertTrue(r.err.contains(expectedMessage), kind + ": expected\n" + expectedMessage + "\nin\n" + r.err);
        assertFalse(Files.exists(out), "nothing may be written on a config error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed YAML  | t.yaml | 'space: [nb201\\nboard: x'          | malformed YAML
            malformed JSON  | t.json | '{"space": {"name": "nb201",}}'     | malformed JSON
            duplicate key   | t.yaml | 'seed: 1\\nseed: 2'                  | Duplicate field 'seed'
            not a mapping   | t.yaml | '- a\\n- b'                          | must be a mapping
            wrong extension | t.toml | 'seed = 1'                          | allowed extensions: .yaml, .yml, .json
            """)
    void unreadableConfigExitsTwo(String kind, String name, String content, String expected) throws IOException {
        Path config = dir.resolve(name);
        Files.writeString(config, content.replace("\\n", "\n"));
        Result r = run("run", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status, kind + ": " + r.err);
        assertTrue(r.err.contains(expected), kind + ": " + r.err);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @org.junit.jupiter.api.Test
    void missingConfigFileExitsTwo() {
        Result r = run("run", dir.resolve("absent.yaml").toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("absent.yaml: config file not found"), r.err);
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Nas.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }
}
