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
        return model(profile, LayerwiseCoefficients.read(coefficients, profile.hardware()));
    }

    /** The model of {@code profile} with the given (already read) coefficients. */
    static LayerwiseModel model(BoardProfile profile, LayerwiseCoefficients c) {
        double watts = c.addsStaticPower() ? profile.hardware().staticPowerW() : 0;
        return new LayerwiseModel(profile.name(), profile.precision(), profile.execution(), watts, c.energyMj(),
                c.latencyMs());
    }
}
