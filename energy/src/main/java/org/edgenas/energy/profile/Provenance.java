package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;

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

    /** Reads a profile's {@code provenance} section. */
    public static Provenance read(Parameters p) {
        Provenance v = new Provenance(p.strings("data", List.of()), p.string("method", null),
                p.string("command", null));
        p.requireNoUnknownKeys();
        return v;
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        if (method != null) {
            m.put("method", method);
        }
        if (command != null) {
            m.put("command", command);
        }
        return m;
    }
}
