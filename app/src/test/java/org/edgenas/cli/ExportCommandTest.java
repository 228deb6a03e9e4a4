package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    private static final String ARCH = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|"
            + "none~2|";

    @TempDir
    Path dir;

    private Path runDir(String spaceJson) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), """
                {
                  "tool" : "edgenas",
                  "config" : {
                    "name" : "t",
                    "space" : %s,
                    "board" : "jetson-tx2"
                  }
                }
                """.formatted(spaceJson));
        return run;
    }

    @Test
    void runDirectorySuppliesTheSpaceSettings() throws IOException {
        Path run = runDir("{\"name\": \"nb201\", \"classes\": 100, \"input_size\": 16}");
        Path out = dir.resolve("net.json");
        var r = ConfigErrorTest.run("export", "--run", run.toString(), "--arch", ARCH, "--format", "json",
                "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode spec = new ObjectMapper().readTree(out.toFile());
        assertEquals(100, spec.get("classes").asInt());
        assertEquals("[3,16,16]", spec.get("input_shape").toString());
        assertEquals("{\"classes\":100,\"input_size\":16}", spec.get("space").get("settings").toString());
        assertTrue(r.out().contains("wrote " + out), r.out());
    }

    @Test
    void pytorchGoesToStandardOutputByDefault() {
        var r = ConfigErrorTest.run("export", "--space", "nb201", "--arch", ARCH, "--format", "pytorch");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("\"\"\"nb201 network " + ARCH), r.out());
        assertTrue(r.out().contains("Regenerate with: ./nas export --space nb201 --arch '" + ARCH
                + "' --format pytorch\n"), r.out());
    }

    @Test
    void inputFileGivesOneJsonListDocument() throws IOException {
        Path in = dir.resolve("archs.txt");
        Files.writeString(in, "k3n8s1\nk5n16s2-fc64\n");
        var r = ConfigErrorTest.run("export", "--space", "chain-cnn", "--input", in.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("edgenas-networks", doc.get("format").asText());
        assertEquals(2, doc.get("networks").size());
    }

    @Test
    void pytorchOfSeveralArchitecturesIsRefusedAndWritesNothing() throws IOException {
        Path in = dir.resolve("archs.txt");
        Files.writeString(in, "k3n8s1\nk5n16s2-fc64\n");
        Path out = dir.resolve("net.py");
        var r = ConfigErrorTest.run("export", "--space", "chain-cnn", "--input", in.toString(), "--format", "pytorch",
                "--output", out.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--format pytorch writes one network, but " + in + " holds 2 architectures"),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void spaceThatDisagreesWithTheRunIsAnError() throws IOException {
        Path run = runDir("{\"name\": \"nb201\"}");
        var r = ConfigErrorTest.run("export", "--run", run.toString(), "--space", "chain-cnn", "--arch", "k3n8s1",
                "--format", "json");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--space chain-cnn disagrees with " + run.resolve("run.json")
                + ", whose space is 'nb201'"), r.err());
    }

    @Test
    void badSettingInTheRunNamesFileLineAndKey() throws IOException {
        Path run = runDir("{\"name\": \"nb201\", \"clases\": 100}");
        var r = ConfigErrorTest.run("export", "--run", run.toString(), "--arch", ARCH, "--format", "json");
        assertEquals(2, r.status());
        assertTrue(r.err().contains(run.resolve("run.json") + ":5: config.space.clases: unknown key"), r.err());
    }

    @Test
    void directoryWithoutRunJsonIsNotARun() {
        var r = ConfigErrorTest.run("export", "--run", dir.toString(), "--arch", ARCH, "--format", "json");
        assertEquals(2, r.status());
        assertTrue(r.err().contains(dir + ": not a run directory (no run.json in it)"), r.err());
    }

    @Test
    void spaceOrRunIsRequired() {
        var r = ConfigErrorTest.run("export", "--arch", ARCH, "--format", "json");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("give --space SPACE, or --run DIR"), r.err());
    }

    @Test
    void badArchitectureExitsTwoAndWritesNothing() {
        Path out = dir.resolve("net.json");
        var r = ConfigErrorTest.run("export", "--space", "nb201", "--arch", "|conv~0|", "--format", "json",
                "--output", out.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("nb201: invalid architecture '|conv~0|'"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownFormatListsTheAllowedOnes() {
        var r = ConfigErrorTest.run("export", "--space", "nb201", "--arch", ARCH, "--format", "onnx");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("pytorch, json"), r.err());
    }
}
