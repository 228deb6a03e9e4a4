package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardProfileTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInProfileRoundTripsThroughJson() {
        for (String name : Boards.names()) {
            BoardProfile p = Boards.load(name);
            String json = BoardProfiles.toJson(p);
            assertEquals(p, BoardProfiles.fromJson(json, p.source()));
            assertEquals(json, BoardProfiles.toJson(BoardProfiles.fromJson(json, "again")));
        }
    }

    @Test
    void tx2EnergyIsBoardPowerTimesLatency() {
        BoardProfile p = Boards.load("jetson-tx2");
        Architecture a = Nb201Space.cifar10().parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
                + "nor_conv_3x3~1|skip_connect~2|");
        Estimate e = Boards.model(p).estimate(a, 1);
        assertEquals(p.hardware().staticPowerW() * e.latencyMs(), e.energyMj(), 1e-9);
        assertEquals(a.nodes().size(), e.layers().size());
    }

    @Test
    void tx2ProfileRecordsItsHeldOutError() {
        BoardProfile p = Boards.load("jetson-tx2");
        assertTrue(p.errors().stream().anyMatch(e -> e.rows().equals("validation") && e.n() > 900));
        assertTrue(p.provenance().command().startsWith("./nas calibrate"));
    }

    @Test
    void energyPerImageFallsWithBatchWhileBatchLatencyGrows() {
        EnergyModel m = Boards.model(Boards.load("jetson-tx2"));
        Architecture a = Nb201Space.cifar10().parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        Estimate one = m.estimate(a, 1);
        Estimate many = m.estimate(a, 16);
        assertTrue(many.latencyMs() > one.latencyMs());
        assertTrue(many.energyMj() <= one.energyMj() * 1.000001, "weights are read once per batch");
    }

    @Test
    void uncalibratedBoardSaysHowToCalibrate() {
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.model(Boards.load("jetson-xavier-nx")));
        assertTrue(e.getMessage().contains("not calibrated") && e.getMessage().contains("./nas calibrate"),
                e.getMessage());
    }

    @Test
    void unknownKeyInAProfileIsNamedWithTheFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> BoardProfiles.fromJson(
                "{\"format\": \"edgenas-board-profile\", \"version\": 2, \"name\": \"x\", \"colour\": 1}", "my.json"));
        assertTrue(e.getMessage().startsWith("my.json: colour: unknown key"), e.getMessage());
    }

    @Test
    void profileOfTheOldFormatSaysToRecalibrate() {
        ConfigException e = assertThrows(ConfigException.class, () -> BoardProfiles.fromJson(
                "{\"name\": \"x\", \"calibrated\": true, \"form\": \"layerwise\"}", "old.json"));
        assertTrue(e.getMessage().startsWith("old.json: version: missing") && e.getMessage().contains("--datasheet"),
                e.getMessage());
    }

    /** The TX2 profile with the first value of {@code key} replaced by {@code to}, written to a file. */
    private Path tx2With(String key, String to) throws IOException {
        String json = BoardProfiles.toJson(Boards.load("jetson-tx2"));
        String changed = json.replaceFirst("\"" + key + "\" : [^,\n}]+", "\"" + key + "\" : " + to);
        assertTrue(!changed.equals(json), key + " not found in the TX2 profile");
        Path p = dir.resolve("bad.json");
        Files.writeString(p, changed);
        return p;
    }

    @Test
    void absurdCoefficientIsAConfigErrorNamingFileAndKeyNotAnInfiniteEstimate() throws IOException {
        Path p = tx2With("per_byte", "1e308");
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.model(Boards.load(p.toString())));
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(p.toString())
                + ": coefficients\\.latency_ms\\.groups\\.[a-z_.]+\\.per_byte: expected a number in \\[0\\.0, 1\\.0], "
                + "got 1\\.0E308"), e.getMessage());
    }

    @Test
    void nonPositiveStaticPowerIsAConfigErrorNamingFileAndKey() throws IOException {
        Path p = tx2With("static_power_w", "0");
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.load(p.toString()));
        assertTrue(e.getMessage().startsWith(p + ": hardware.static_power_w: "), e.getMessage());
    }

    @Test
    void infinitePeakRateIsAConfigErrorNamingFileAndKey() throws IOException {
        Path p = tx2With("peak_macs_per_s", "1e400");
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.load(p.toString()));
        assertTrue(e.getMessage().startsWith(p + ": hardware.peak_macs_per_s: expected a number"), e.getMessage());
    }

    @Test
    void unknownFormNamesTheFormsOnTheClassPath() throws IOException {
        Path p = tx2With("form", "\"layerwize\"");
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.model(Boards.load(p.toString())));
        assertTrue(e.getMessage().startsWith(p + ": form: unknown energy model form 'layerwize'; did you mean "
                + "'layerwise'?"), e.getMessage());
    }
}
