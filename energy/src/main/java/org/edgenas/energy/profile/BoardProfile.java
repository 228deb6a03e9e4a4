package org.edgenas.energy.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Precision;

/**
 * A board's calibrated cost model, stored as JSON (see {@link BoardProfiles}): the model form and its coefficients,
 * the board's physical limits, the data and method behind the numbers and the fit's held-out errors.
 *
 * @param name           board name used in configs, e.g. {@code jetson-tx2}
 * @param description    one line: the board, runtime, precision
 * @param calibrated     false for a board listed without measurements; such a profile has no model
 * @param form           the model form, the name of an {@code EnergyModelProvider} (in {@code org.edgenas.energy}):
 *                       {@code layerwise}, {@code paper}, or a form a plug-in jar provides
 * @param precision      tensor precision the bytes (and the peak MAC rate) are counted at
 * @param execution      how the runtime treats the graph (see {@link ExecutionGraph})
 * @param hardware       the board's physical limits; required when calibrated
 * @param coefficients   the form's {@code coefficients} section as plain JSON values, read by the form's provider
 *                       (which parses it once, into typed values, when it makes the model)
 * @param domain         the data the profile was calibrated on, to say where an estimate extrapolates (null: not
 *                       recorded, so every estimate is said to extrapolate)
 * @param provenance     data and method behind the numbers
 * @param errors         held-out errors of the fit
 * @param howToCalibrate for an uncalibrated board: what to run to calibrate it
 * @param prior          the prior a few-shot calibration leaned on, or null
 * @param derivation     how the profile was derived from another board's without measurements, or null (a derived
 *                       profile is still {@code calibrated}: it has a model)
 * @param residuals      held-out errors per quantity, for prediction intervals, or null where not recorded
 * @param source         where the profile was read from (a file, or {@code built-in board NAME}), for messages;
 *                       not written to JSON
 */
public record BoardProfile(String name, String description, boolean calibrated, String form, Precision precision,
                           Execution execution, Hardware hardware, Map<String, Object> coefficients,
                           CalibrationDomain domain, Provenance provenance, List<FitError> errors, String howToCalibrate,
                           PriorProvenance prior, Derivation derivation, Residuals residuals, String source) {

    public BoardProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a board profile needs a name");
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
        coefficients = coefficients == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
        precision = precision == null ? Precision.FP32 : precision;
        execution = execution == null ? Execution.OPTIMISED : execution;
        source = source == null ? "board profile " + name : source;
        if (calibrated && (form == null || hardware == null)) {
            throw new IllegalArgumentException("board " + name + " is marked calibrated but has no form or hardware");
        }
    }

    /** Whether the profile was derived from another board's without measurements of this board. */
    public boolean derived() {
        return derivation != null;
    }
}
