package org.edgenas.energy.profile;

import java.util.List;
import org.edgenas.arch.Precision;

/**
 * A board's calibrated cost model, stored as JSON (see {@link BoardProfiles}). Every number in it was fitted from
 * measurements named in its {@link Provenance}, and its held-out errors are recorded beside it.
 *
 * @param name          board name used in configs, e.g. {@code jetson-tx2}
 * @param description   one line: the board, runtime, precision
 * @param calibrated    false for a board listed without measurements; such a profile has no models
 * @param form          model form: {@code layerwise} ({@link LinearCostModel}s over executed layers) or
 *                      {@code paper} (Lahmer et al. 2022: MACs x slopes, see {@code PaperModel})
 * @param precision     tensor precision the bytes are counted at
 * @param execution     how the runtime treats the graph: {@code optimised} (dead code removed; constant layers charged
 *                      separately, as TensorRT and ONNX Runtime do) or {@code eager} (every layer runs, as PyTorch
 *                      eager mode does); see {@link ExecutionGraph}
 * @param staticPowerW  power in W drawn for the whole inference, so energy = static power x latency + dynamic energy;
 *                      null where the energy model stands alone
 * @param latencyMs     latency model (ms per batch), or null where latency is not modelled
 * @param energyMj      dynamic energy model (mJ per batch), or null where energy is static power x latency only
 * @param paper         coefficients of the {@code paper} form, else null
 * @param provenance    data and method behind the numbers
 * @param errors        held-out errors of the fit
 * @param howToCalibrate for an uncalibrated board: what to run to calibrate it
 */
public record BoardProfile(String name, String description, boolean calibrated, String form, Precision precision,
                           String execution,
                           Double staticPowerW, LinearCostModel latencyMs, LinearCostModel energyMj,
                           PaperCoefficients paper, Provenance provenance,
                           List<FitError> errors, String howToCalibrate) {

    public BoardProfile {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a board profile needs a name");
        }
        if (calibrated && energyMj == null && paper == null && (latencyMs == null || staticPowerW == null)) {
            throw new IllegalArgumentException("board " + name + " is marked calibrated but has no energy model");
        }
        if (precision == null) {
            precision = Precision.FP32;
        }
        if (execution == null) {
            execution = "optimised";
        }
        if (!execution.equals("optimised") && !execution.equals("eager")) {
            throw new IllegalArgumentException("board " + name + ": execution '" + execution
                    + "' is not allowed; allowed values: optimised, eager");
        }
    }
}
