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
 * @param form          model form: {@code layerwise} ({@link LinearCostModel} for latency and energy)
 * @param precision     tensor precision the bytes are counted at
 * @param powerW        mean board power in W where energy = power x latency, else null
 * @param latencyMs     latency model (ms per batch), or null where latency is not modelled
 * @param energyMj      energy model (mJ per batch), or null for an uncalibrated board
 * @param provenance    data and method behind the numbers
 * @param errors        held-out errors of the fit
 * @param howToCalibrate for an uncalibrated board: what to run to calibrate it
 */
public record BoardProfile(String name, String description, boolean calibrated, String form, Precision precision,
                           Double powerW, LinearCostModel latencyMs, LinearCostModel energyMj, Provenance provenance,
                           List<FitError> errors, String howToCalibrate) {

    public BoardProfile {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a board profile needs a name");
        }
        if (calibrated && energyMj == null) {
            throw new IllegalArgumentException("board " + name + " is marked calibrated but has no energy model");
        }
        if (precision == null) {
            precision = Precision.FP32;
        }
    }
}
