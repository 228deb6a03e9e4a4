package org.edgenas.energy;

import java.util.List;
import java.util.Map;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.energy.profile.LinearCostModel;

/** Boards for tests. */
final class TestBoards {

    private TestBoards() {
    }

    /** Limits no test model comes near: 1e18 MAC/s, 1e16 B/s, 100 kW, static power {@code staticW} (null: none). */
    static Hardware unbounded(Double staticW) {
        return new Hardware(1e18, 1e16, 0, staticW, 1e5, List.of("test"));
    }

    /** A layerwise profile on {@code hardware} with the given models. */
    static BoardProfile layerwise(String name, Hardware hardware, Execution execution, LinearCostModel latency,
                                  LinearCostModel energy, boolean addsStaticPower) {
        Map<String, Object> c = new LayerwiseCoefficients(latency, energy, addsStaticPower).toJson();
        return new BoardProfile(name, "test board", true, "layerwise", Precision.FP32, execution, hardware, c, null, null,
                List.of(), null, "test profile " + name);
    }
}
