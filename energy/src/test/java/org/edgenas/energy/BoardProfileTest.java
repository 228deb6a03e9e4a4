package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class BoardProfileTest {

    @Test
    void everyBuiltInProfileRoundTripsThroughJson() {
        for (String name : Boards.names()) {
            BoardProfile p = Boards.load(name);
            assertEquals(p, BoardProfiles.fromJson(BoardProfiles.toJson(p), name));
        }
    }

    @Test
    void tx2EnergyIsBoardPowerTimesLatency() {
        BoardProfile p = Boards.load("jetson-tx2");
        Architecture a = Nb201Space.cifar10().parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
                + "nor_conv_3x3~1|skip_connect~2|");
        Estimate e = Boards.model(p).estimate(a, 1);
        assertEquals(p.staticPowerW() * e.latencyMs(), e.energyMj(), 1e-9);
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
    void malformedProfileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BoardProfiles.fromJson("{\"name\": \"x\", \"calibrated\": true, \"colour\": 1}", "my.json"));
        assertTrue(e.getMessage().startsWith("my.json: not a valid board profile"), e.getMessage());
    }
}
