package org.edgenas.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Precision;
import org.edgenas.config.Parameters;
import org.edgenas.energy.fit.Calibration;
import org.edgenas.energy.fit.LayerMeasurements;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;

/**
 * The measured columns of the reference data ({@code ../shared/data}) that the energy studies fit, each read and
 * calibrated as {@code energy/boards/regenerate.sh} calibrates the built-in profile of that column.
 */
enum ReferenceColumns {
    /** Jetson TX2 latency (TensorRT FP32); energy = mean board power x latency. */
    TX2("tx2", "Jetson TX2 latency", "jetson-tx2"),
    /** Jetson Nano FP32 latency. */
    NANO32("nano32", "Jetson Nano FP32 latency", "jetson-nano"),
    /** Jetson Nano FP16 latency. */
    NANO16("nano16", "Jetson Nano FP16 latency", "jetson-nano-fp16"),
    /** Raspberry Pi 5, ONNX Runtime, energy (rows of at least 1 mJ) and latency. */
    PI5_ONNX("pi5-onnx", "Pi 5 ONNX energy", "raspberry-pi-5"),
    /** Raspberry Pi 5, LiteRT. */
    PI5_LITERT("pi5-litert", "Pi 5 LiteRT energy", "raspberry-pi-5-litert"),
    /** Raspberry Pi 5, PyTorch Mobile. */
    PI5_TORCHMOBILE("pi5-torchmobile", "Pi 5 PyTorch Mobile energy", "raspberry-pi-5-torchmobile"),
    /** H200 NB201 networks at batch 1 and 256, eager, robust fit (no validation rows). */
    H200("h200", "H200 NB201 networks latency", "h200");

    private final String key;
    private final String label;
    private final String board;

    ReferenceColumns(String key, String label, String board) {
        this.key = key;
        this.label = label;
        this.board = board;
    }

    /** Short name, e.g. {@code pi5-litert}. */
    String key() {
        return key;
    }

    /** What it is, for tables. */
    String label() {
        return label;
    }

    /** The built-in board fitted on this column. */
    String board() {
        return board;
    }

    /** The datasheet file of this column's board. */
    Hardware datasheet() {
        String file = switch (this) {
            case PI5_ONNX, PI5_LITERT, PI5_TORCHMOBILE -> "raspberry-pi-5";
            default -> board;
        };
        return BoardProfiles.readDatasheet(Path.of("energy/boards/datasheets/" + file + ".json"));
    }

    /** The measured rows of this column in the data folder {@code data}. */
    List<Measurement> rows(Path data) {
        SearchSpace nb201 = SearchSpaces.create("nb201", Parameters.of(pi5() ? Map.of("classes", 100) : Map.of()));
        return switch (this) {
            case TX2, NANO32, NANO16 -> NetworkMeasurements.read(data.resolve("nb201/jetson_latency.csv"), nb201,
                    new NetworkMeasurements.Columns(switch (this) {
                        case TX2 -> "tx2_trt_b1_latency_ms";
                        case NANO32 -> "nano_fp32_latency_ms";
                        default -> "nano_fp16_latency_ms";
                    }, null, null, null, 0));
            case PI5_ONNX, PI5_LITERT, PI5_TORCHMOBILE -> {
                String rt = key.substring("pi5-".length());
                yield NetworkMeasurements.read(data.resolve("nb201/pi5_energy.csv"), nb201,
                        new NetworkMeasurements.Columns(rt + "_latency_ms", rt + "_energy_mj",
                                NetworkMeasurements.EnergyPer.BATCH, null, 1));
            }
            case H200 -> NetworkMeasurements.read(data.resolve("h200/nb201_networks.csv"), nb201,
                    new NetworkMeasurements.Columns("latency_ms", "energy_total_mj_per_inf",
                            NetworkMeasurements.EnergyPer.IMAGE, null, 0));
        };
    }

    private boolean pi5() {
        return this == PI5_ONNX || this == PI5_LITERT || this == PI5_TORCHMOBILE;
    }

    /** A calibration of {@code rows} (of this column) as the built-in profile's, before a draw or a prior is set. */
    Calibration.Builder calibration(Path data, List<Measurement> rows) {
        Calibration.Builder b = Calibration.builder(board, datasheet()).networks(rows);
        switch (this) {
            case TX2 -> {
                double[] w = NetworkMeasurements.meanPowerW(data.resolve("nb201/tx2_energy_points.csv"), "nb201");
                b.boardPower(w[0], "tx2_energy_points.csv");
            }
            case NANO16 -> b.precision(Precision.FP16);
            case H200 -> b.execution(Execution.EAGER).robust(true).idlePower(LayerMeasurements.idlePowerW(
                    data.resolve("h200/meta.json")), "meta.json");
            default -> {
            }
        }
        return b;
    }
}
