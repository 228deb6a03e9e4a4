package org.edgenas.experiment;

import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.profile.BoardProfile;

/**
 * The top-level keys {@code board} (required: a built-in board or a profile {@code .json} path) and {@code batch}
 * ([1] images per forward pass, 1..65536): which energy model scores a candidate, at which batch size.
 *
 * @param board   the board as given
 * @param batch   images per forward pass
 * @param model   the board's energy model (point estimates)
 * @param profile the board's profile, with the held-out errors its prediction intervals come from
 */
public record EnergyConfig(String board, int batch, EnergyModel model, BoardProfile profile) implements ConfigPart {

    /**
     * Reads {@code board} and {@code batch} of {@code top} and loads the board's model.
     *
     * @throws ConfigException at the {@code board} key for an unknown, unreadable or uncalibrated board
     */
    public static EnergyConfig read(Parameters top) {
        String board = top.requiredString("board", "name a board, e.g. board: jetson-tx2; available: "
                + String.join(", ", Boards.names()));
        EnergyModel model;
        BoardProfile profile;
        try {
            // a profile file is read through the config's file resolver, so that it travels to cluster workers
            profile = Boards.load(board.endsWith(".json") ? top.file("board", "").toString() : board);
            model = Boards.model(profile);
        } catch (ConfigException e) {
            throw top.error("board", e.getMessage());
        }
        int batch = top.integer("batch", 1, 1, 1 << 16);
        return new EnergyConfig(board, batch, model, profile);
    }

    @Override
    public void writeTo(Map<String, Object> resolved) {
        resolved.put("board", board);
        resolved.put("batch", batch);
    }
}
