package org.edgenas.energy.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;

/**
 * The prior a few-shot calibration leaned on: the {@code prior} section of a profile file. Another board's profile
 * gave the structure of the costs (which matter, relative to each other); the measured rows gave how this board
 * differs, and cross-validation on them chose how strongly to lean on the prior.
 *
 * @param board   the prior board's name
 * @param source  where its profile was read from (a built-in board or a file)
 * @param targets per fitted quantity, the chosen strength and the prior's common scale
 */
public record PriorProvenance(String board, String source, List<Lean> targets) {

    public PriorProvenance {
        targets = List.copyOf(targets);
    }

    /**
     * How one quantity leaned on the prior.
     *
     * @param quantity what was fitted
     * @param strength the shrinkage strength cross-validation chose (0: the rows alone, the prior ignored)
     * @param scale    the single factor that best turns the prior's predictions into this board's measurements
     */
    public record Lean(Quantity quantity, double strength, double scale) {
    }

    /** Reads the section. */
    public static PriorProvenance read(Parameters p) {
        String board = p.requiredString("board", "the prior board's name");
        String source = p.string("source", board);
        List<Lean> leans = new ArrayList<>();
        for (Parameters t : p.sections("targets")) {
            String key = t.choice("quantity", null, List.of(Quantity.LATENCY_MS.key(), Quantity.ENERGY_MJ.key()));
            if (key == null) {
                throw t.error("quantity", "missing; latency_ms or energy_mj");
            }
            leans.add(new Lean(Quantity.byKey(key), t.number("strength", 0, 0, 1e12),
                    t.number("scale", 0, 0, 1e12)));
            t.requireNoUnknownKeys();
        }
        p.requireNoUnknownKeys();
        return new PriorProvenance(board, source, leans);
    }

    /** The section as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("board", board);
        m.put("source", source);
        List<Map<String, Object>> t = new ArrayList<>();
        for (Lean l : targets) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("quantity", l.quantity().key());
            e.put("strength", l.strength());
            e.put("scale", l.scale());
            t.add(e);
        }
        m.put("targets", t);
        return m;
    }
}
