package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, {@code experiments/quickstart.yaml} as shipped, run end to end: an integration test (run by
 * {@code mvn verify} and so by {@code ./nas test}, after the unit tests), since it scores 400 networks.
 */
class QuickstartIT {

    @TempDir
    Path dir;

    @Test
    void shippedQuickstartRunsAndWritesItsFront() throws IOException {
        Path quickstart = Path.of(System.getProperty("user.dir")).getParent().resolve("experiments/quickstart.yaml");
        Path out = dir.resolve("q");
        ConfigErrorTest.Result r = ConfigErrorTest.run("run", quickstart.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("front of"), r.out());
        // the config's budget, by hand: 400 unique architectures, each once
        List<String> evaluated = Files.readAllLines(out.resolve("evaluated.csv"));
        assertEquals(401, evaluated.size());
        assertEquals(400, evaluated.stream().skip(1).map(l -> l.split(",")[0]).distinct().count());
        // every front row is an evaluated row that no evaluated row dominates (accuracy up, energy down)
        List<String> front = Files.readAllLines(out.resolve("front.csv"));
        assertFalse(front.size() < 2, "a front");
        for (String f : front.subList(1, front.size())) {
            assertTrue(evaluated.contains(f), f);
            String[] a = f.split(",");
            for (String e : evaluated.subList(1, evaluated.size())) {
                String[] b = e.split(",");
                double ab = number(b[1]);
                double aa = number(a[1]);
                double eb = number(b[2]);
                double ea = number(a[2]);
                assertFalse(ab >= aa && eb <= ea && (ab > aa || eb < ea), e + " dominates " + f);
            }
        }
        assertEquals("logsynflow", new ObjectMapper().readTree(out.resolve("run.json").toFile())
                .get("config").get("proxy").get("name").asText());
    }

    /** A number as result files write it: {@code inf} and {@code -inf} for the infinities (a worthless network). */
    private static double number(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
