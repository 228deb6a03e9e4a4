package org.edgenas.energy;

import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.LayerwiseCoefficients;

/** The {@code layerwise} form ({@link LayerwiseModel}), coefficients as in {@link LayerwiseCoefficients}. */
public final class LayerwiseProvider implements EnergyModelProvider {

    @Override
    public String name() {
        return "layerwise";
    }

    @Override
    public String description() {
        return "per layer group and role: fixed + per-MAC + per-byte cost, for latency and energy";
    }

    @Override
    public EnergyModel create(BoardProfile profile, Parameters coefficients) {
        LayerwiseCoefficients c = LayerwiseCoefficients.read(coefficients, profile.hardware());
        return new LayerwiseModel(profile.name(), profile.precision(), profile.execution(),
                c.staticPowerW(profile.hardware()), c.energyMj(), c.latencyMs());
    }
}
