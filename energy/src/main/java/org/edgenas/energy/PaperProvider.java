package org.edgenas.energy;

import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.PaperCoefficients;

/** The {@code paper} form ({@link PaperModel}), coefficients as in {@link PaperCoefficients}. */
public final class PaperProvider implements EnergyModelProvider {

    @Override
    public String name() {
        return "paper";
    }

    @Override
    public String description() {
        return "Lahmer et al. 2022: energy = MACs x slope; conv slope depends on the number of kernels";
    }

    @Override
    public EnergyModel create(BoardProfile profile, Parameters coefficients) {
        return new PaperModel(profile.name(), profile.precision(), PaperCoefficients.read(coefficients));
    }
}
