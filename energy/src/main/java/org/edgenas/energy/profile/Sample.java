package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * A seeded draw of the calibration rows a profile was fitted on ({@code ./nas calibrate --max-rows N --seed S}), kept
 * in its provenance so that the fit can be repeated and its rows named.
 *
 * @param maxRows   rows asked for
 * @param seed      seed of the draw
 * @param available calibration rows there were to draw from
 * @param drawn     the rows drawn, each named by its architecture (and batch size where it is not 1), in file order
 */
public record Sample(int maxRows, long seed, int available, List<String> drawn) {

    public Sample {
        drawn = List.copyOf(drawn);
        if (maxRows < 1 || available < drawn.size()) {
            throw new IllegalArgumentException("a draw of " + drawn.size() + " of " + available + " rows (at most "
                    + maxRows + ")");
        }
    }

    /** Reads the {@code sample} section of a provenance. */
    public static Sample read(Parameters p) {
        Sample s = new Sample(p.integer("max_rows", 1, 1, Integer.MAX_VALUE), p.longValue("seed", 0, Long.MIN_VALUE,
                Long.MAX_VALUE), p.integer("available", 0, 0, Integer.MAX_VALUE), p.strings("drawn", List.of()));
        p.requireNoUnknownKeys();
        return s;
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_rows", maxRows);
        m.put("seed", seed);
        m.put("available", available);
        m.put("drawn", drawn);
        return m;
    }
}
