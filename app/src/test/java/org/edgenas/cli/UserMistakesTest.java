package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.edgenas.space.Genotype;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes a user makes with files and options, each answered with one located line and exit status 2, nothing
 * written that should not be, and no stack trace (found by a review of every command's inputs).
 */
class UserMistakesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String TX2_DATASHEET = ROOT.resolve("energy/boards/datasheets/jetson-tx2.json").toString();
    private static final String GOOD = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
            + "nor_conv_3x3~1|skip_connect~2|";

    @TempDir
    Path dir;

    /**
     * A network-level CSV ({@code arch_str,split,lat}) of 24 different NB201 networks, the first 16 for calibration,
     * with the latency of row {@code i} given by {@code latency}.
     */
    private Path networks(String name, IntFunction<String> arch, IntFunction<String> latency) throws IOException {
        StringBuilder csv = new StringBuilder("arch_str,split,lat\n");
        for (int i = 0; i < 24; i++) {
            csv.append(arch.apply(i)).append(',').append(i < 16 ? "calibration" : "validation").append(',')
                    .append(latency.apply(i)).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static String nb201(int i) {
        int[] g = new int[6];
        int x = 7 * i + 3;
        for (int e = 0; e < 6; e++) {
            g[e] = x % 5;
            x /= 5;
        }
        return Nb201Space.cifar10().decode(Genotype.of(g)).id();
    }

    private ConfigErrorTest.Result calibrate(Path networks, Path out, String... more) {
        String[] base = {"calibrate", "--name", "t", "--datasheet", TX2_DATASHEET, "--space", "nb201", "--networks",
            networks.toString(), "--latency-column", "lat", "--folds", "2", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return ConfigErrorTest.run(args);
    }

    @Test
    void calibrationRefusesDegenerateMeasurementsAndWritesNoProfileItsLoaderWouldRefuse() throws IOException {
        Path out = dir.resolve("p.json");
        var sameNetwork = calibrate(networks("same.csv", i -> GOOD, i -> String.valueOf(3 + i)), out);
        assertEquals(2, sameNetwork.status(), sameNetwork.err());
        assertTrue(sameNetwork.err().startsWith("error: the calibration rows measure latency_ms of only one network"),
                sameNetwork.err());
        var constant = calibrate(networks("constant.csv", UserMistakesTest::nb201, i -> "5.0"), out);
        assertEquals(2, constant.status(), constant.err());
        assertTrue(constant.err().contains("every calibration row measures the same latency_ms (5.0)"),
                constant.err());
        var extreme = calibrate(networks("extreme.csv", UserMistakesTest::nb201,
                i -> i == 0 ? "1e30" : String.valueOf(3 + i * 0.1)), out);
        assertEquals(2, extreme.status(), extreme.err());
        assertTrue(extreme.err().startsWith("error: not written: the fitted profile would not load ("), extreme.err());
        assertFalse(Files.exists(out), "no profile written");
        var fine = calibrate(networks("fine.csv", UserMistakesTest::nb201, i -> String.valueOf(3 + i * 0.1)), out);
        assertEquals(0, fine.status(), fine.err());
    }

    @Test
    void calibrationChecksItsOutputsNameAndIdlePowerBeforeFitting() throws IOException {
        Path data = networks("fine.csv", UserMistakesTest::nb201, i -> String.valueOf(3 + i * 0.1));
        var outDir = calibrate(data, dir, "--plot", dir.resolve("p.png").toString());
        assertEquals(2, outDir.status(), outDir.err());
        assertTrue(outDir.err().startsWith("error: --out " + dir + ": is a directory"), outDir.err());
        Path out = dir.resolve("p.json");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        var plot = calibrate(data, out, "--plot", file.resolve("p.png").toString());
        assertEquals(2, plot.status(), plot.err());
        assertTrue(plot.err().startsWith("error: --plot "), plot.err());
        assertFalse(Files.exists(out), "nothing written when the plot cannot be");
        var name = ConfigErrorTest.run("calibrate", "--name", " ", "--datasheet", TX2_DATASHEET, "--space", "nb201",
                "--networks", data.toString(), "--latency-column", "lat", "--out", out.toString());
        assertEquals(2, name.status(), name.err());
        assertEquals("error: --name: empty; give the board's name, e.g. jetson-tx2", name.err().strip());
        var idle = calibrate(data, out, "--idle-power-w", "800");
        assertEquals(2, idle.status(), idle.err());
        assertTrue(idle.err().startsWith("error: --idle-power-w must be in (0, 15.0] W (the maximum power of "),
                idle.err());
        var minValue = calibrate(data, out, "--min-value", "NaN");
        assertEquals(2, minValue.status(), minValue.err());
        assertTrue(minValue.err().startsWith("error: --min-value must be a finite number >= 0"), minValue.err());
    }

    @Test
    void profilesRefuseKeysGivenTwiceNullsEmptyNamesAndModelsWithoutCoefficients() throws IOException {
        Path builtIn = ROOT.resolve("energy/src/main/resources/org/edgenas/energy/boards/jetson-tx2.json");
        String tx2 = new String(Files.readAllBytes(builtIn), StandardCharsets.UTF_8);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var nullGroups = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(tx2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) nullGroups.at("/coefficients/latency_ms")).putNull("groups");
        var noCoefficients = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(tx2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) noCoefficients.at("/coefficients/latency_ms"))
                .put("intercept", 0.0).putObject("groups");
        var noName = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(tx2);
        noName.put("name", "");
        String[][] cases = {
            {"twice.json", tx2.replaceFirst("\"per_byte\" : ([0-9.E-]+)", "\"per_byte\" : $1, \"per_byte\" : 1.0E-5"),
                "malformed JSON: Duplicate field 'per_byte'"},
            {"null.json", nullGroups.toString(), "coefficients.latency_ms.groups: null; give a value"},
            {"empty-groups.json", noCoefficients.toString(), "no coefficients and no intercept"},
            {"no-name.json", noName.toString(), "name: empty; give the board's name"},
        };
        for (String[] c : cases) {
            assertFalse(c[1].equals(tx2), c[0] + ": the edit must apply");
            Path p = Files.writeString(dir.resolve(c[0]), c[1]);
            var r = ConfigErrorTest.run("estimate", "--board", p.toString(), "--space", "nb201", "--arch", GOOD);
            assertEquals(2, r.status(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + p) && r.err().contains(c[2]), c[0] + ": " + r.err());
        }
    }

    @Test
    void aByteOrderMarkIsNoPartOfAFile() throws IOException {
        Path csv = dir.resolve("bom.csv");
        Files.write(csv, ("\uFEFFarch_str,x\n" + GOOD + ",1\n").getBytes(StandardCharsets.UTF_8));
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input", csv.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(GOOD), r.out());
    }

    @Test
    void configNullsNonNumbersAndCommentsAreLocatedErrorsWithoutParserWords() throws IOException {
        String[][] cases = {
            {"null.json", "{\"name\": \"t\", \"seed\": null}", "null.json:", "seed: null; give a value"},
            {"nan.json", "{\"name\": \"t\", \"seed\": NaN}", "nan.json:1: malformed JSON: 'NaN' is not a JSON number",
                ""},
            {"comment.json", "{\"name\": \"t\", // why\n \"seed\": 1}", "comment.json:1: malformed JSON: a comment",
                ""},
            {"nan.yaml", "name: t\nconstraints: {max_energy_mj: .nan}\n", "nan.yaml:2: constraints.max_energy_mj: "
                + "'.nan' is not a finite number", ""},
        };
        for (String[] c : cases) {
            Path f = Files.writeString(dir.resolve(c[0]), c[1]);
            var r = ConfigErrorTest.run("run", f.toString(), "--dry-run");
            assertEquals(2, r.status(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + dir.resolve(c[2])) && r.err().contains(c[3]),
                    c[0] + ": " + r.err());
            assertFalse(r.err().contains("enable") || r.err().contains("Feature"), c[0] + ": " + r.err());
        }
    }

    @Test
    void emptyOutputsAndThreadsOutsideTheConfigsRangeAreRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("c.yaml"), "space: nb201\nboard: jetson-tx2\nproxy: flops\n"
                + "output: " + dir.resolve("out") + "\nsearch: {population: 4, max_evaluations: 8}\n");
        var out = ConfigErrorTest.run("run", config.toString(), "--out", "");
        assertEquals(2, out.status(), out.err());
        assertEquals("error: --out: empty; give a directory", out.err().strip());
        var threads = ConfigErrorTest.run("run", config.toString(), "--threads", "100000", "--dry-run");
        assertEquals(2, threads.status(), threads.err());
        assertTrue(threads.err().contains("--threads: expected an integer in [1, 4096], got 100000"), threads.err());
        var output = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--arch", GOOD,
                "--output", "");
        assertEquals(2, output.status(), output.err());
        assertEquals("error: --output: empty; give a file name", output.err().strip());
    }

    /** An IDX image file of {@code n} 8x8 images with labels 0..3 and its label file, as {@code name-*}. */
    private Path[] idx(String name, int n) throws IOException {
        java.io.ByteArrayOutputStream images = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream im = new java.io.DataOutputStream(images);
        im.writeInt(0x803);
        im.writeInt(n);
        im.writeInt(8);
        im.writeInt(8);
        java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream lb = new java.io.DataOutputStream(labels);
        lb.writeInt(0x801);
        lb.writeInt(n);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 64; p++) {
                im.writeByte((p * 7 + i * 13) % 256);
            }
            lb.writeByte(i % 4);
        }
        return new Path[] {Files.write(dir.resolve(name + "-images-idx3-ubyte"), images.toByteArray()),
            Files.write(dir.resolve(name + "-labels-idx1-ubyte"), labels.toByteArray())};
    }

    @Test
    void trainingDataThatCannotFitIsAConfigErrorBeforeAnyNetworkTrains() throws IOException {
        Path[] data = idx("tr", 200);
        String[] base = {"proxy", "--space", "chain-cnn", "--space-set", "input_size=8", "--space-set",
            "input_channels=1", "--proxy", "train", "--set", "images=" + data[0], "--set", "labels=" + data[1],
            "--set", "batch=16", "--arch", "k3n16s1p-fc64"};
        var held = ConfigErrorTest.run(concat(base, "--space-set", "classes=4", "--set", "test_size=300"));
        assertEquals(2, held.status(), held.err());
        assertTrue(held.err().startsWith("error: --set: test_size: " + data[0] + " has 200 images: too few to hold "
                + "out 300"), held.err());
        var used = ConfigErrorTest.run(concat(base, "--space-set", "classes=4", "--set", "train_size=190"));
        assertEquals(2, used.status(), used.err());
        assertTrue(used.err().contains("train_size: " + data[0] + " has 200 images; holding out 33 leaves 167 to "
                + "train on, fewer than train_size 190"), used.err());
        var classes = ConfigErrorTest.run(concat(base, "--space-set", "classes=2"));
        assertEquals(2, classes.status(), classes.err());
        assertTrue(classes.err().contains("labels: the data has label 3 but the space's networks have 2 outputs"),
                classes.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void oneChoiceAloneIsAListOfOne() {
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--space-set",
                "kernels=32", "--space-set", "strides=1", "--arch", "k3n32s1");
        assertEquals(0, r.status(), r.err());
        var other = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--space-set",
                "kernels=32", "--arch", "k3n64s1");
        assertEquals(2, other.status(), other.err());
    }

    @Test
    void aNetworkTooLargeForATensorIsLocatedNotAStackTrace() {
        var r = ConfigErrorTest.run("estimate", "--board", "raspberry-pi-5", "--space", "chain-cnn", "--space-set",
                "input_size=4096", "--space-set", "kernels=65536,8", "--arch", "k3n65536s1");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: --arch: chain-cnn: the network of genotype ")
                && r.err().contains("more than the 2147483647 a tensor may hold"), r.err());
        var batch = ConfigErrorTest.run("proxy", "--space", "chain-cnn", "--space-set", "input_size=4096", "--proxy",
                "naswot", "--arch", "k3n256s1");
        assertEquals(2, batch.status(), batch.err());
        assertTrue(batch.err().contains("more than the engine's arrays do; use a smaller batch or input"),
                batch.err());
    }

    @Test
    void aMistypedOptionValueIsOneLineAndAPointerToTheHelp() {
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--batch",
                "99999999999", "--arch", GOOD);
        assertEquals(2, r.status(), r.err());
        assertEquals("error: Invalid value for option '--batch': '99999999999' is not an int\n"
                + "see: nas estimate --help", r.err().strip());
    }

    @Test
    void aTableListingAnArchitectureTwiceIsRefused() throws IOException {
        Path table = Files.writeString(dir.resolve("t.csv"), "arch_str,acc\n" + GOOD + ",1\n" + GOOD + ",2\n");
        var r = ConfigErrorTest.run("proxy", "--space", "nb201", "--proxy", "table", "--set", "file=" + table,
                "--set", "column=acc", "--arch", GOOD);
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(table + ":3: architecture " + GOOD + " listed again (first on line 2)"),
                r.err());
        Path spelt = Files.writeString(dir.resolve("spelt.csv"), "arch,acc\nk3n32s1,50\nk03n32s1,70\n");
        var twice = ConfigErrorTest.run("proxy", "--space", "chain-cnn", "--proxy", "table", "--set", "file=" + spelt,
                "--set", "column=acc", "--arch", "k3n32s1");
        assertEquals(2, twice.status(), twice.err());
        assertTrue(twice.err().contains(spelt + ":3: architecture k3n32s1 listed again (first on line 2)"),
                twice.err());
    }

    @Test
    void rerankRefusesAFrontWhoseArchitecturesWereNotEvaluated() throws IOException {
        Path run = dir.resolve("run");
        Path config = Files.writeString(dir.resolve("c.yaml"), "space: nb201\nboard: jetson-tx2\nproxy: flops\n"
                + "output: " + run + "\nsearch: {population: 4, max_evaluations: 8}\n");
        var r = ConfigErrorTest.run("run", config.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        String stranger = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        Files.writeString(run.resolve("front.csv"), stranger + ",1,1,1,1,1,true,0\n",
                java.nio.file.StandardOpenOption.APPEND);
        var rerank = ConfigErrorTest.run("rerank", "--run", run.toString(), "--board", "raspberry-pi-5", "--out",
                dir.resolve("reranked").toString());
        assertEquals(2, rerank.status(), rerank.err());
        assertTrue(rerank.err().contains("front.csv:") && rerank.err().contains("is not in "), rerank.err());
        assertFalse(Files.exists(dir.resolve("reranked/front.csv")));
    }
}
