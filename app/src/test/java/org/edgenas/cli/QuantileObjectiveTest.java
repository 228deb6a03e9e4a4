package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search that optimises the 90th percentile of energy: every written energy is the point estimate times the
 * profile's 90 % quantile of held-out ratios (read here from the profile file), the outputs carry the 80 % intervals
 * after the feasibility columns, and the front plot is drawn.
 */
class QuantileObjectiveTest {

    @TempDir
    Path dir;

    @Test
    void aQuantileObjectiveScoresTheQuantileAndWritesTheIntervals() throws IOException {
        Path config = Files.writeString(dir.resolve("q.yaml"), """
                name: q
                seed: 3
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: params}
                objectives: [accuracy, energy_mj]
                energy: {quantile: 0.9}
                search: {population: 20, max_evaluations: 60}
                """);
        Path out = dir.resolve("run");
        var r = ConfigErrorTest.run("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> front = Files.readAllLines(out.resolve("front.csv"));
        assertEquals("arch,accuracy,energy_mj,latency_ms,macs,params,feasible,violation,energy_mj_low,"
                + "energy_mj_high,latency_ms_low,latency_ms_high", front.getFirst());
        // the TX2 profile's energy residuals: 201 quantiles at p = k / 200; p = 0.9 is k = 180, 0.1 is k = 20
        JsonNode q;
        try (InputStream in = QuantileObjectiveTest.class.getResourceAsStream(
                "/org/edgenas/energy/boards/jetson-tx2.json")) {
            q = new ObjectMapper().readTree(in).get("residuals").get("energy_mj").get("quantiles");
        }
        double q90 = q.get(180).asDouble();
        double q10 = q.get(20).asDouble();
        Path archs = dir.resolve("front-archs.txt");
        Files.write(archs, front.subList(1, front.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        var est = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input",
                archs.toString());
        assertEquals(0, est.status(), est.err());
        List<String> points = List.of(est.out().split("\n"));
        int checked = 0;
        for (int i = 1; i < front.size(); i++) {
            String[] row = front.get(i).split(",");
            String[] point = points.get(i).split(",");
            if (!points.get(i).endsWith(",inside")) {
                continue; // outside the domain the interval widens; checked in UncertaintyTest
            }
            double estimate = Double.parseDouble(point[1]);
            assertEquals(estimate * Math.exp(q90), Double.parseDouble(row[2]), 1e-9 * estimate, front.get(i));
            assertEquals(estimate * Math.exp(q10), Double.parseDouble(row[8]), 1e-9 * estimate, front.get(i));
            assertEquals(estimate * Math.exp(q90), Double.parseDouble(row[9]), 1e-9 * estimate, front.get(i));
            checked++;
        }
        assertTrue(checked > 0, "some front networks lie inside the TX2's calibration domain");
        assertTrue(Files.size(out.resolve("front.png")) > 0);
        JsonNode resolved = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("config");
        assertEquals(0.9, resolved.get("energy").get("quantile").asDouble());
        assertEquals(0.8, resolved.get("intervals").asDouble(), "intervals default to 0.8 with a quantile");
    }

    @Test
    void aQuantileOnABoardWithoutHeldOutErrorsIsAConfigError() throws IOException {
        Path config = Files.writeString(dir.resolve("p.yaml"), """
                name: p
                space: {name: nb201}
                board: h200-paper
                proxy: {name: params}
                energy: {quantile: 0.9}
                """);
        var r = ConfigErrorTest.run("run", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(config + ":5: energy: board h200-paper records no held-out errors"), r.err());
        assertTrue(!Files.exists(dir.resolve("out")));
    }
}
