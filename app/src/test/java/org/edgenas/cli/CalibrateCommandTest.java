package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.edgenas.data.ReferenceData;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./nas calibrate} with a draw of rows and a prior, and without measurements (a derived board). */
class CalibrateCommandTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void aFewShotFitRecordsItsDrawAndPriorAndReportsTheRowsLeftOut() {
        Optional<Path> csv = ReferenceData.file("nb201/jetson_latency.csv");
        assumeTrue(csv.isPresent(), "reference data not found (../shared/data); few-shot calibration not checked");
        Path out = dir.resolve("tx2-20.json");
        var r = ConfigErrorTest.run("calibrate", "--name", "tx2-20", "--datasheet",
                ROOT.resolve("energy/boards/datasheets/jetson-tx2.json").toString(), "--space", "nb201",
                "--networks", csv.get().toString(), "--latency-column", "tx2_trt_b1_latency_ms", "--max-rows", "20",
                "--seed", "3", "--prior", "jetson-nano", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("latency_ms validation") && r.out().contains("latency_ms undrawn"), r.out());
        assertTrue(r.out().contains("prior jetson-nano, latency_ms: strength"), r.out());
        BoardProfile p = BoardProfiles.read(out);
        assertEquals(20, p.provenance().sample().drawn().size());
        assertEquals(3, p.provenance().sample().seed());
        assertEquals(1012, p.provenance().sample().available(), "the file's calibration rows");
        assertEquals("jetson-nano", p.prior().board());
        assertTrue(p.provenance().command().contains("--max-rows 20"), p.provenance().command());
    }

    @Test
    void aBoardWithoutMeasurementsIsDerivedAndMarkedSo() {
        Path out = dir.resolve("nx.json");
        var r = ConfigErrorTest.run("calibrate", "--name", "nx", "--derive-from", "jetson-tx2", "--datasheet",
                ROOT.resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        BoardProfile p = BoardProfiles.read(out);
        assertTrue(p.derived() && p.calibrated());
        assertEquals("jetson-tx2", p.derivation().from());
        assertTrue(p.residuals() != null, "a derived profile carries intervals");
        assertTrue(p.provenance().method().contains("energy x 1.333 more (maximum power 20.00 / 15.00 W)"),
                p.provenance().method());
        var latencyOnly = ConfigErrorTest.run("calibrate", "--name", "nano-nx", "--derive-from", "jetson-nano",
                "--datasheet", ROOT.resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString(), "--out",
                dir.resolve("nano-nx.json").toString());
        assertEquals(0, latencyOnly.status(), latencyOnly.err());
        assertTrue(latencyOnly.out().contains("no energy (jetson-nano models latency only)"), latencyOnly.out());
        var est = ConfigErrorTest.run("estimate", "--board", out.toString(), "--space", "chain-cnn", "--arch",
                "k3n64s1", "--interval", "0.8");
        assertEquals(0, est.status(), est.err());
    }

    @Test
    void derivingRefusesMeasurementsAndADrawNeedsAPositiveSize() {
        var r = ConfigErrorTest.run("calibrate", "--name", "nx", "--derive-from", "jetson-tx2", "--datasheet",
                ROOT.resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString(), "--networks", "x.csv",
                "--out", dir.resolve("nx.json").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--derive-from builds a profile without measurements"), r.err());
        var bad = ConfigErrorTest.run("calibrate", "--name", "x", "--datasheet",
                ROOT.resolve("energy/boards/datasheets/jetson-tx2.json").toString(), "--space", "nb201", "--networks",
                ROOT.resolve("README.md").toString(), "--latency-column", "l", "--max-rows", "0", "--out",
                dir.resolve("x.json").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--max-rows"), bad.err());
        var fitOptions = ConfigErrorTest.run("calibrate", "--name", "nx", "--derive-from", "jetson-tx2",
                "--datasheet", ROOT.resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString(), "--robust",
                "--folds", "3", "--out", dir.resolve("nx.json").toString());
        assertEquals(2, fitOptions.status());
        assertTrue(fitOptions.err().contains("drop --robust, --folds"), fitOptions.err());
        var twice = ConfigErrorTest.run("calibrate", "--name", "nx2", "--derive-from", "jetson-xavier-nx",
                "--datasheet", ROOT.resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString(), "--out",
                dir.resolve("nx2.json").toString());
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("is itself derived (from jetson-tx2)"), twice.err());
        var prior = ConfigErrorTest.run("calibrate", "--name", "x", "--datasheet",
                ROOT.resolve("energy/boards/datasheets/jetson-tx2.json").toString(), "--space", "nb201", "--networks",
                ROOT.resolve("README.md").toString(), "--latency-column", "l", "--prior", "no-such-board", "--out",
                dir.resolve("x.json").toString());
        assertEquals(2, prior.status());
        assertTrue(prior.err().startsWith("error: --prior: unknown board 'no-such-board'"), prior.err());
    }

    @Test
    void aDrawLargerThanTheRowsIsRefusedAndFewHeldOutErrorsAreWarnedOf() {
        Optional<Path> csv = ReferenceData.file("nb201/jetson_latency.csv");
        assumeTrue(csv.isPresent(), "reference data not found (../shared/data); few-shot calibration not checked");
        String[] common = {"calibrate", "--name", "tx2", "--datasheet",
                ROOT.resolve("energy/boards/datasheets/jetson-tx2.json").toString(), "--space", "nb201",
                "--networks", csv.get().toString(), "--latency-column", "tx2_trt_b1_latency_ms", "--out",
                dir.resolve("tx2.json").toString(), "--max-rows"};
        var tooMany = ConfigErrorTest.run(concat(common, "100000"));
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("--max-rows 100000: there are only 1012 calibration rows to draw from; "
                + "allowed 1..1012"), tooMany.err());
        var five = ConfigErrorTest.run(concat(common, "5"));
        assertEquals(0, five.status(), five.err());
        assertTrue(five.out().contains("warning: the latency_ms intervals rest on 5 held-out errors; an 80 % interval "
                + "needs 9"), five.out());
        var fifty = ConfigErrorTest.run(concat(common, "50"));
        assertEquals(0, fifty.status(), fifty.err());
        assertTrue(!fifty.out().contains("warning: the latency_ms intervals"), fifty.out());
    }

    private static String[] concat(String[] a, String last) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = last;
        return all;
    }
}
