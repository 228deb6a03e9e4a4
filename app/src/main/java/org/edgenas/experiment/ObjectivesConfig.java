package org.edgenas.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.energy.EnergyModel;
import org.edgenas.search.Objective;

/**
 * The top-level key {@code objectives}: two or more distinct objectives ([accuracy, energy_mj]); {@code latency_ms}
 * only on a board with a latency model, {@code energy_mj} only on one with an energy model.
 *
 * @param objectives the objectives, in the order given
 */
public record ObjectivesConfig(List<Objective> objectives) implements ConfigPart {

    public ObjectivesConfig {
        objectives = List.copyOf(objectives);
    }

    /**
     * Reads {@code objectives} of {@code top}.
     *
     * @param board the board's model, which says whether it models latency and energy
     * @throws org.edgenas.config.ConfigException naming the unknown, repeated or unavailable objective
     */
    public static ObjectivesConfig read(Parameters top, EnergyModel board) {
        List<String> names = top.strings("objectives", List.of("accuracy", "energy_mj"));
        if (names.size() < 2) {
            throw top.error("objectives", "expected two or more of: " + String.join(", ", Objective.keys()));
        }
        List<Objective> out = new ArrayList<>();
        for (String n : names) {
            Objective obj = Objective.byKey(n);
            if (obj == null) {
                throw top.error("objectives", "'" + n + "' is not an objective; allowed: "
                        + String.join(", ", Objective.keys()));
            }
            if (out.contains(obj)) {
                throw top.error("objectives", "'" + n + "' is listed twice");
            }
            if (obj == Objective.ENERGY_MJ && !board.hasEnergy()) {
                throw top.error("objectives", "energy_mj: " + latencyOnly(board));
            }
            if (obj == Objective.LATENCY_MS && !board.hasLatency()) {
                throw top.error("objectives", "latency_ms: the board has no latency model");
            }
            out.add(obj);
        }
        return new ObjectivesConfig(out);
    }

    /** Why a board that models latency only cannot give energy. */
    static String latencyOnly(EnergyModel board) {
        return "board " + board.board() + " models latency only (no energy measurements); its objectives: accuracy, "
                + "latency_ms";
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        resolved.put("objectives", objectives.stream().map(Objective::key).toList());
    }
}
