package org.edgenas.energy.profile;

import java.util.List;

/**
 * Where a board profile's numbers come from.
 *
 * @param data    the measurement files (as given to the calibration, relative where possible) and their source
 * @param method  how the coefficients were fitted
 * @param command the command that regenerates the profile
 */
public record Provenance(List<String> data, String method, String command) {

    public Provenance {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
