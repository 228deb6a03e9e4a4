package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NASWOT search of issue 11 (nb201, jetson-tx2, naswot batch 32, population 16, 64 evaluations, seed 7), which
 * ended in a stack trace because its cheapest architecture scored -inf and sat on the front, now ends cleanly: the
 * worthless architecture is on no front and in no plot, and the run says how many it left out.
 */
class WorthlessNetworksTest {

    @TempDir
    Path dir;

    @Test
    void theIssuesNaswotSearchEndsCleanlyWithTheWorthlessNetworkLeftOffTheFront() throws Exception {
        Path config = dir.resolve("naswot.yaml");
        Files.writeString(config, """
                seed: 7
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: naswot, batch: 32}
                search: {population: 16, max_evaluations: 64}
                """);
        Path out = dir.resolve("naswot");
        var r = ConfigErrorTest.run("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        for (String file : List.of("front.csv", "evaluated.csv", "run.json", "front.png", "front.svg",
                "convergence.png", "report.html")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        List<String> evaluated = Files.readAllLines(out.resolve("evaluated.csv"));
        List<String> worthless = evaluated.stream().filter(l -> l.split(",")[1].equals("-inf")).toList();
        assertFalse(worthless.isEmpty(), "the search met networks NASWOT scores -inf");
        List<String> front = Files.readAllLines(out.resolve("front.csv"));
        assertTrue(front.stream().noneMatch(l -> l.contains("inf")), "no -inf row on the front: " + front);
        // by hand from evaluated.csv: -inf is below every score, so a worthless network is non-dominated only if it
        // is cheaper than every scored one and no other worthless one is cheaper still
        double cheapestScored = evaluated.subList(1, evaluated.size()).stream()
                .filter(l -> !l.split(",")[1].equals("-inf")).mapToDouble(l -> Double.parseDouble(l.split(",")[2]))
                .min().orElseThrow();
        double cheapestWorthless = worthless.stream().mapToDouble(l -> Double.parseDouble(l.split(",")[2])).min()
                .orElseThrow();
        long expectedLeftOff = cheapestWorthless >= cheapestScored ? 0 : worthless.stream()
                .filter(l -> Double.parseDouble(l.split(",")[2]) == cheapestWorthless).count();
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(worthless.size(), run.get("worthless").asInt());
        assertTrue(expectedLeftOff >= 1, "the cheapest network is worthless, as in the issue");
        assertEquals(expectedLeftOff, run.get("left_off_front").get("worthless").asInt());
        assertTrue(r.err().contains("worthless architecture(s) (proxy score -inf) left off the front"), r.err());
        assertTrue(r.out().contains("worthless left out"), r.out());
        String svg = Files.readString(out.resolve("front.svg"));
        assertTrue(svg.contains(">not drawn: " + worthless.size() + " without a finite value<"), "legend counts them");
    }
}
