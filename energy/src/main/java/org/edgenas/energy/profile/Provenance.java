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
 * @param sample  the seeded draw of calibration rows fitted on ({@code --max-rows}), or null where every calibration
 *                row was
 */
public record Provenance(List<String> data, String method, String command, Sample sample) {

    public Provenance {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** Reads a profile's {@code provenance} section. */
    public static Provenance read(Parameters p) {
        Provenance v = new Provenance(p.strings("data", List.of()), p.string("method", null),
                p.string("command", null), p.has("sample") ? Sample.read(p.section("sample")) : null);
        p.requireNoUnknownKeys();
        return v;
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!data.isEmpty()) {
            m.put("data", data);
        }
        if (method != null) {
            m.put("method", method);
        }
        if (command != null) {
            m.put("command", command);
        }
        if (sample != null) {
            m.put("sample", sample.toJson());
        }
        return m;
    }
}
