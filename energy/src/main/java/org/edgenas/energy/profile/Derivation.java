package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * How a profile was derived, without measurements of its board, from a calibrated board's profile and the new board's
 * datasheet ({@code ./nas calibrate --derive-from BOARD --datasheet FILE}): the {@code derivation} section of a
 * profile file. A derived profile is marked so in {@code ./nas boards}, and its prediction intervals come from how far
 * such derivations missed on boards that were measured (a leave-one-board-out study), not from its source's own fit.
 *
 * @param from          the calibrated board derived from
 * @param source        where its profile was read from
 * @param computeScale  factor on the source's fixed and per-MAC latency costs: its peak MAC rate / the new board's
 * @param memoryScale   factor on the source's per-byte latency costs: its memory bandwidth / the new board's
 * @param powerScale    factor on the source's power: the new board's maximum power / the source's
 * @param method        the rule, in words
 */
public record Derivation(String from, String source, double computeScale, double memoryScale, double powerScale,
                         String method) {

    public Derivation {
        if (!(computeScale > 0 && memoryScale > 0 && powerScale > 0) || !Double.isFinite(computeScale + memoryScale
                + powerScale)) {
            throw new IllegalArgumentException("derivation scales must be positive and finite, got " + computeScale
                    + ", " + memoryScale + ", " + powerScale);
        }
    }

    /** Reads the section. */
    public static Derivation read(Parameters p) {
        Derivation d = new Derivation(p.requiredString("from", "the calibrated board derived from"),
                p.string("source", null), p.number("compute_scale", 1, 1e-6, 1e6),
                p.number("memory_scale", 1, 1e-6, 1e6), p.number("power_scale", 1, 1e-6, 1e6),
                p.string("method", null));
        p.requireNoUnknownKeys();
        return d;
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        if (source != null) {
            m.put("source", source);
        }
        m.put("compute_scale", computeScale);
        m.put("memory_scale", memoryScale);
        m.put("power_scale", powerScale);
        if (method != null) {
            m.put("method", method);
        }
        return m;
    }
}
