package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.edgenas.config.Parameters;
import org.edgenas.data.ReferenceData;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;

/**
 * The built-in profiles' 80 % prediction intervals, made from cross-validated errors on calibration rows, cover 75 to
 * 85 % of the validation rows they never saw (counted here from the reference data).
 */
class IntervalCoverageTest {

    private static double coverage(String board, String file, Map<String, Object> space, String latencyColumn,
                                   String energyColumn, double minValue, Quantity q) {
        Optional<Path> csv = ReferenceData.file(file);
        assumeTrue(csv.isPresent(), "reference data " + file + " not found (../shared/data); coverage not checked");
        SearchSpace s = SearchSpaces.create("nb201", Parameters.of(space));
        List<Measurement> rows = NetworkMeasurements.read(csv.get(), s, new NetworkMeasurements.Columns(latencyColumn,
                energyColumn, NetworkMeasurements.EnergyPer.BATCH, null, minValue));
        BoardProfile p = Boards.load(board);
        EnergyModel model = Boards.model(p);
        Uncertainty u = Uncertainty.of(p).orElseThrow();
        int inside = 0;
        int n = 0;
        for (Measurement m : rows) {
            double measured = m.value(q);
            if (!m.validation() || Double.isNaN(measured)) {
                continue;
            }
            n++;
            if (u.interval(model.estimate(m.architecture(), 1), q, 0.8).contains(measured)) {
                inside++;
            }
        }
        assertTrue(n > 900, "validation rows: " + n);
        return 100.0 * inside / n;
    }

    @Test
    void tx2LatencyIntervalsCoverEightyPercentOfValidationRows() {
        double c = coverage("jetson-tx2", "nb201/jetson_latency.csv", Map.of(), "tx2_trt_b1_latency_ms", null, 0,
                Quantity.LATENCY_MS);
        assertTrue(c >= 75 && c <= 85, "coverage " + c + " %");
    }

    @Test
    void pi5OnnxEnergyIntervalsCoverEightyPercentOfValidationRows() {
        double c = coverage("raspberry-pi-5", "nb201/pi5_energy.csv", Map.of("classes", 100), "onnx_latency_ms",
                "onnx_energy_mj", 1, Quantity.ENERGY_MJ);
        assertTrue(c >= 75 && c <= 85, "coverage " + c + " %");
    }
}
