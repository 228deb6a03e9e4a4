package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.data.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateAndProxyCommandTest {

    private static final String ALL_NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    private static final String ALL_CONV = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|"
            + "nor_conv_3x3~1|nor_conv_3x3~2|";

    @TempDir
    Path dir;

    @Test
    void estimateWritesOneRowPerArchitectureWithMacsAndParams() throws IOException {
        Path in = dir.resolve("archs.txt");
        Files.writeString(in, "# two archs\n" + ALL_NONE + "\n\n" + ALL_CONV + "\n");
        Path out = dir.resolve("e.csv");
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input",
                in.toString(), "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("arch,energy_mj,latency_ms,macs,params,domain", lines.get(0));
        assertEquals(3, lines.size());
        String[] none = lines.get(1).split(",");
        String[] conv = lines.get(2).split(",");
        assertEquals("7783040", none[3]);
        assertEquals("73306", none[4]);
        assertEquals("220119680", conv[3]);
        assertTrue(Double.parseDouble(conv[1]) > Double.parseDouble(none[1]), "more MACs cost more energy");
        // per-image energy is latency x the profile's board power at batch 1
        double ratio = Double.parseDouble(conv[1]) / Double.parseDouble(conv[2]);
        assertTrue(ratio > 4 && ratio < 5, "TX2 board power between 4 and 5 W, got " + ratio);
    }

    @Test
    void estimateReadsCsvInputWithArchStrColumn() throws IOException {
        Path in = dir.resolve("archs.csv");
        Files.writeString(in, "arch_idx,arch_str\n0," + ALL_NONE + "\n");
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input", in.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("arch,energy_mj,latency_ms,macs,params,domain\n" + ALL_NONE + ","), r.out());
    }

    @Test
    void estimatesOfExportedNetworksEqualThoseOfTheirArchitectureStrings() throws IOException {
        // a chain network with 24 kernels exists only in a space whose kernel list is set on the command line
        String chain = "k5n24s2p-k3n48s1-fc64";
        Path nets = dir.resolve("nets.json");
        var export = ConfigErrorTest.run("export", "--space", "chain-cnn", "--space-set", "kernels=8,16,24,48",
                "--arch", chain, "--format", "json", "--output", nets.toString());
        assertEquals(0, export.status(), export.err());
        Path nb201 = dir.resolve("nb201.json");
        Path archs = Files.writeString(dir.resolve("archs.txt"), ALL_NONE + "\n" + ALL_CONV + "\n");
        assertEquals(0, ConfigErrorTest.run("export", "--space", "nb201", "--input", archs.toString(), "--format",
                "json", "--output", nb201.toString()).status());
        for (String board : List.of("jetson-tx2", "h200", "raspberry-pi-5", "jetson-nano")) {
            for (String batch : List.of("1", "8")) {
                var fromJson = ConfigErrorTest.run("estimate", "--board", board, "--network", nets.toString(),
                        "--batch", batch);
                var fromString = ConfigErrorTest.run("estimate", "--board", board, "--space", "chain-cnn",
                        "--space-set", "kernels=8,16,24,48", "--arch", chain, "--batch", batch);
                assertEquals(0, fromJson.status(), fromJson.err());
                assertEquals(fromString.out(), fromJson.out(), board + " at batch " + batch);
                var manyJson = ConfigErrorTest.run("estimate", "--board", board, "--network", nb201.toString(),
                        "--batch", batch);
                var manyStrings = ConfigErrorTest.run("estimate", "--board", board, "--space", "nb201", "--input",
                        archs.toString(), "--batch", batch);
                assertEquals(manyStrings.out(), manyJson.out(), board + " at batch " + batch);
            }
        }
    }

    @Test
    void aListSettingOfTheSpaceIsAcceptedAndItsValuesUsed() {
        var refused = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--arch",
                "k3n24s1");
        assertEquals(2, refused.status(), "24 kernels is not a default choice");
        var ok = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--space-set",
                "kernels=8,16,24,32,48", "--arch", "k3n24s1");
        assertEquals(0, ok.status(), ok.err());
        // conv 3 -> 24, 3x3, same padding on 32x32: 32 * 32 * 3 * 9 * 24 = 663,552; classifier 24 * 32 * 32 -> 10
        assertEquals(String.valueOf(663_552 + 24 * 32 * 32 * 10), ok.out().split("\n")[1].split(",")[3]);
    }

    @Test
    void aLatencyOnlyBoardLeavesEnergyEmpty() {
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-nano", "--space", "nb201", "--arch", ALL_CONV);
        assertEquals(0, r.status(), r.err());
        String[] row = r.out().split("\n")[1].split(",", -1);
        assertEquals("", row[1], "energy_mj is not modelled");
        assertTrue(Double.parseDouble(row[2]) > 0, "latency is");
    }

    @Test
    void domainColumnNamesWhatLiesOutsideTheCalibrationData() {
        // the TX2 was calibrated on NB201: 1x1 and 3x3 convolutions with 16 to 64 kernels, one 64 -> 10 classifier
        var inside = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--arch", ALL_CONV);
        assertTrue(inside.out().endsWith(",inside\n"), inside.out());
        var chain = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--arch",
                "k7n256s1-fc1024");
        assertEquals(0, chain.status(), chain.err());
        String domain = chain.out().split("\n")[1];
        assertTrue(domain.contains("conv kernel size 7 not in {1, 3}") && domain.contains("conv kernels 256 > 64")
                && domain.contains("fc out features 1024 > 10"), domain);
    }

    @Test
    void intervalAddsItsBoundsAfterTheDomainAndWidensOutsideTheCalibrationData() throws IOException {
        Path in = Files.write(dir.resolve("archs.txt"), List.of(ALL_CONV));
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--input", in.toString(),
                "--interval", "0.8");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("arch,energy_mj,latency_ms,macs,params,domain,energy_mj_low,energy_mj_high,latency_ms_low,"
                + "latency_ms_high", lines[0]);
        double[] inside = numbers(lines[1]);
        assertTrue(inside[2] < inside[0] && inside[0] < inside[3], "energy inside its interval: " + lines[1]);
        assertTrue(inside[4] < inside[1] && inside[1] < inside[5], "latency inside its interval: " + lines[1]);
        var chain = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--arch",
                "k7n256s1-fc1024", "--interval", "0.8");
        assertEquals(0, chain.status(), chain.err());
        double[] outside = numbers(chain.out().split("\n")[1]);
        assertTrue(Math.log(outside[5] / outside[4]) > 2 * Math.log(inside[5] / inside[4]), "an interval outside "
                + "the domain is wider: " + chain.out() + " against " + lines[1]);
    }

    /** energy, latency, then the four bounds of an estimate row whose domain field may be quoted. */
    private static double[] numbers(String row) {
        String[] f = row.split(",");
        int n = f.length;
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[n - 4]),
                Double.parseDouble(f[n - 3]), Double.parseDouble(f[n - 2]), Double.parseDouble(f[n - 1])};
    }

    @Test
    void anIntervalNeedsABoardWhoseProfileRecordsHeldOutErrors() {
        var r = ConfigErrorTest.run("estimate", "--board", "h200-paper", "--space", "nb201", "--arch", ALL_CONV,
                "--interval", "0.8");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("h200-paper") && r.err().contains("held-out errors"), r.err());
        var bad = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--arch", ALL_CONV,
                "--interval", "80");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--interval"), bad.err());
    }

    @Test
    void breakdownListsEveryLayerAndShares() {
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--arch", ALL_CONV,
                "--breakdown");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("stage1.cell1.edge0-1.conv"), r.out());
        assertTrue(r.out().contains("head.fc"));
    }

    @Test
    void badArchitectureStringExitsTwo() {
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201", "--arch", "|conv~0|");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("nb201: invalid architecture '|conv~0|'"), r.err());
    }

    @Test
    void unknownBoardListsTheKnownOnes() {
        var r = ConfigErrorTest.run("estimate", "--board", "pi9", "--space", "nb201", "--arch", ALL_NONE);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown board 'pi9'; available: jetson-tx2, raspberry-pi-5"), r.err());
    }

    @Test
    void tableProxyReturnsTheTableValue() throws IOException {
        Path table = dir.resolve("acc.csv");
        Files.writeString(table, "arch,acc\n" + ALL_NONE + ",10.5\n" + ALL_CONV + ",93.25\n");
        var r = ConfigErrorTest.run("proxy", "--space", "nb201", "--proxy", "table", "--set", "file=" + table,
                "--set", "column=acc", "--arch", ALL_CONV);
        assertEquals(0, r.status(), r.err());
        assertEquals("arch,score\n" + ALL_CONV + ",93.25\n", r.out());
    }

    @Test
    void tableProxyMissingArchitectureIsAnError() throws IOException {
        Path table = dir.resolve("acc.csv");
        Files.writeString(table, "arch,acc\n" + ALL_NONE + ",10.5\n");
        var r = ConfigErrorTest.run("proxy", "--space", "nb201", "--proxy", "table", "--set", "file=" + table,
                "--set", "column=acc", "--arch", ALL_CONV);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no row for architecture"), r.err());
    }

    @Test
    void tableProxyOnTheBenchmarkMatchesTheFile() throws IOException {
        var file = ReferenceData.file("nb201/accuracy.csv");
        assumeTrue(file.isPresent(), "reference data not present");
        String second = Files.readAllLines(file.get()).get(2);
        String[] f = second.split(",");
        var r = ConfigErrorTest.run("proxy", "--space", "nb201", "--proxy", "table", "--set", "file=" + file.get(),
                "--set", "column=cifar10_test_acc", "--arch", f[1]);
        assertEquals(0, r.status(), r.err());
        assertEquals(Double.parseDouble(f[2]), Double.parseDouble(r.out().split("\n")[1].split(",")[1]), 1e-6);
    }

    @Test
    void flopsProxyScoresMacs() {
        var r = ConfigErrorTest.run("proxy", "--space", "nb201", "--proxy", "flops", "--arch", ALL_NONE);
        assertEquals("arch,score\n" + ALL_NONE + ",7783040\n", r.out());
    }

    @Test
    void boardsMarkTheProfilesDerivedWithoutMeasurements() {
        var r = ConfigErrorTest.run("boards");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("jetson-xavier-nx (derived): "), r.out());
        assertTrue(r.out().contains("jetson-orin-nano (derived): "), r.out());
        assertTrue(r.out().contains("DERIVED from jetson-tx2 without measurements of this board"), r.out());
        assertTrue(r.out().contains("validation"), r.out());
    }

    @Test
    void boardsShowEachProfilesLimitsCrossValidationByArchitectureAndDomain() {
        var r = ConfigErrorTest.run("boards");
        assertEquals(0, r.status(), r.err());
        String h200 = r.out().substring(r.out().indexOf("h200: "), r.out().indexOf("h200-paper: "));
        assertTrue(h200.contains("hardware: peak 2.474e+14 MAC/s"), h200);
        assertTrue(h200.contains("latency_ms networks b256 5-fold-cv") && h200.contains("latency_ms conv b32 5-fold-cv"),
                h200);
        assertTrue(h200.contains("(MACs alone: Spearman"), h200);
        assertTrue(h200.contains("domain: 150 networks and 543 single layers at batch 1..256"), h200);
    }

    @Test
    void boardsShowTheCoverageAndWidthOfEachProfilesIntervals() {
        var r = ConfigErrorTest.run("boards");
        assertEquals(0, r.status(), r.err());
        String tx2 = r.out().substring(r.out().indexOf("jetson-tx2: "), r.out().indexOf("raspberry-pi-5: "));
        assertTrue(tx2.matches("(?s).*latency_ms validation .*80% interval: coverage [0-9.]+%, median width "
                + "[0-9.]+%.*"), tx2);
        assertTrue(tx2.contains("intervals: from the held-out errors of 5-fold-cv"), tx2);
    }

    @Test
    void intervalsAreForWholeNetworksNotABreakdown() {
        var r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "chain-cnn", "--arch", "k3n64s1",
                "--interval", "0.8", "--breakdown");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--interval gives whole-network intervals, --breakdown per-layer costs"), r.err());
    }

    @Test
    void aBadSpaceSettingIsNamedAsTheSpaceSettingItIsInEveryCommand() {
        for (String[] args : List.of(new String[] {"estimate", "--board", "jetson-tx2"},
                new String[] {"proxy", "--proxy", "params"})) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--space", "chain-cnn", "--space-set", "max_conv_layers=banana", "--arch", "k3n64s1"));
            var r = ConfigErrorTest.run(all.toArray(String[]::new));
            assertEquals(2, r.status(), args[0]);
            assertTrue(r.err().startsWith("error: --space-set: max_conv_layers: "), args[0] + ": " + r.err());
        }
    }
}
