package org.edgenas.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command evaluator driving small Python scripts the tests write: scores, and every way a trainer can fail. */
class CommandProxyTest {

    private static final SearchSpace CHAIN = SearchSpaces.create("chain-cnn", Parameters.empty());

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython() {
        boolean found;
        try {
            found = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        assumeTrue(found, "python3 is not on the PATH; the command evaluator's scripts cannot run");
    }

    private AccuracyProxy proxy(String script, Map<String, Object> settings) throws IOException {
        Path file = Files.writeString(dir.resolve("trainer.py"), script);
        Map<String, Object> s = new HashMap<>(settings);
        s.putIfAbsent("command", List.of("python3", file.toString(), "{network}", "{out}"));
        s.putIfAbsent("directory", dir.toString());
        return AccuracyProxies.create("command", Parameters.of(s), CHAIN);
    }

    @Test
    void theScoreIsWhatTheTrainerWritesForTheExportedNetwork() throws IOException {
        // the trainer reads the JSON spec and reports its number of layers
        AccuracyProxy p = proxy("""
                import json, sys
                spec = json.load(open(sys.argv[1]))
                json.dump({"accuracy": len(spec["nodes"]), "loss": 0.1}, open(sys.argv[2], "w"))
                """, Map.of("format", "json"));
        Architecture a = CHAIN.parse("k3n32s1p-k5n64s2-fc128");
        // conv, relu, pool; conv, relu; fc, relu; classifier
        assertEquals(8, p.score(a));
    }

    @Test
    void pytorchFormatHandsOverTheModuleSource() throws IOException {
        AccuracyProxy p = proxy("""
                import json, sys
                source = open(sys.argv[1]).read()
                json.dump({"top1": 1.5 if "class Network(nn.Module)" in source else 0}, open(sys.argv[2], "w"))
                """, Map.of("metric", "top1"));
        assertEquals(1.5, p.score(CHAIN.parse("k3n8s1")));
    }

    @Test
    void aCrashIsAnErrorWithTheExitStatusAndTheLastOutput() throws IOException {
        AccuracyProxy p = proxy("""
                import sys
                print("loading data")
                sys.exit("CUDA out of memory")
                """, Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> p.score(CHAIN.parse("k3n8s1")));
        assertTrue(e.getMessage().contains("candidate k3n8s1: command python3 failed with exit status 1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("loading data") && e.getMessage().contains("CUDA out of memory"),
                e.getMessage());
    }

    @Test
    void missingAndMalformedScoresAreNamed() throws IOException {
        AccuracyProxy none = proxy("print('trained, but forgot to write the score')\n", Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> none.score(CHAIN.parse("k3n8s1")));
        assertTrue(e.getMessage().contains("exited normally but wrote no score.json"), e.getMessage());
        assertTrue(e.getMessage().contains("forgot to write the score"), e.getMessage());

        AccuracyProxy text = proxy("import sys\nopen(sys.argv[2], 'w').write('accuracy: 90')\n", Map.of());
        e = assertThrows(ConfigException.class, () -> text.score(CHAIN.parse("k3n8s1")));
        assertTrue(e.getMessage().contains("is not JSON"), e.getMessage());

        AccuracyProxy wrongKey = proxy("import json, sys\njson.dump({'acc': 90}, open(sys.argv[2], 'w'))\n", Map.of());
        e = assertThrows(ConfigException.class, () -> wrongKey.score(CHAIN.parse("k3n8s1")));
        assertTrue(e.getMessage().contains("holds {\"acc\":90}; expected an object with a finite number under "
                + "\"accuracy\""), e.getMessage());

        AccuracyProxy nan = proxy("import sys\nopen(sys.argv[2], 'w').write('{\"accuracy\": \"high\"}')\n", Map.of());
        assertThrows(ConfigException.class, () -> nan.score(CHAIN.parse("k3n8s1")));
    }

    @Test
    void aTrainerThatOutlivesItsTimeoutIsKilled() throws IOException {
        Path marker = dir.resolve("finished");
        AccuracyProxy p = proxy("import time, sys\ntime.sleep(60)\nopen('" + marker + "', 'w').write('done')\n",
                Map.of("timeout_s", 1));
        ConfigException e = assertThrows(ConfigException.class, () -> p.score(CHAIN.parse("k3n8s1")));
        assertTrue(e.getMessage().contains("did not finish within 1 s (timeout_s) and was killed"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aProgramThatCannotStartIsNamed() throws IOException {
        AccuracyProxy p = proxy("", Map.of("command", List.of(dir.resolve("no-such-trainer").toString(), "{out}")));
        ConfigException e = assertThrows(ConfigException.class, () -> p.score(CHAIN.parse("k3n8s1")));
        assertTrue(e.getMessage().contains("no-such-trainer cannot start") && e.getMessage().contains("without a shell"),
                e.getMessage());
    }

    @Test
    void architectureStringsReachTheTrainerAsOneArgumentAndAreNeverRunByAShell() throws IOException {
        String hostile = "x'; touch pwned; echo \"$(touch pwned2)\" `touch pwned3` | rm -rf * #";
        GraphBuilder g = GraphBuilder.on(Shape.vector(4));
        g.add("fc", Linear.of(4, 2), Architecture.INPUT);
        Architecture a = g.build(hostile);
        AccuracyProxy p = proxy("""
                import json, sys
                open("received.txt", "w").write(sys.argv[1])
                json.dump({"accuracy": len(sys.argv) - 1}, open(sys.argv[3], "w"))
                """, Map.of("command", List.of("python3", dir.resolve("trainer.py").toString(), "{arch}",
                "{network}", "{out}")));
        assertEquals(3, p.score(a), "three arguments, however the string is written");
        assertEquals(hostile, Files.readString(dir.resolve("received.txt")));
        for (String f : List.of("pwned", "pwned2", "pwned3")) {
            assertFalse(Files.exists(dir.resolve(f)), f);
        }
        assertTrue(Files.exists(dir.resolve("trainer.py")));
    }

    @Test
    void onFailureWorstScoresTheCandidateWorstAndGoesOn() throws IOException {
        AccuracyProxy p = proxy("import sys\nsys.exit(2)\n", Map.of("on_failure", "worst"));
        assertEquals(Double.NEGATIVE_INFINITY, p.score(CHAIN.parse("k3n8s1")));
    }

    @Test
    void theCommandIsAListWithAnOutputPlaceholder() {
        ConfigException e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("command",
                Parameters.of(Map.of("command", "python3 train.py {network} {out}")), CHAIN));
        assertTrue(e.getMessage().contains("command: expected a list of arguments") && e.getMessage().contains(
                "without a shell"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("command",
                Parameters.of(Map.of("command", List.of("python3", "train.py", "{network}"))), CHAIN));
        assertTrue(e.getMessage().contains("no argument holds {out}"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("command",
                Parameters.of(Map.of("command", List.of("python3", Map.of("out", "")))), CHAIN));
        assertTrue(e.getMessage().contains("quote the placeholders"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("command",
                Parameters.of(Map.of("command", List.of("t", "{out}"), "format", "onnx")), CHAIN));
        assertTrue(e.getMessage().contains("'onnx' is not allowed") && e.getMessage().contains("pytorch, json"),
                e.getMessage());
    }
}
