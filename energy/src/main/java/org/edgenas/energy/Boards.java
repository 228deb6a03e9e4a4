package org.edgenas.energy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;

/**
 * The board profiles shipped with the project (resources under {@code org/edgenas/energy/boards/}, listed in its
 * {@code index.txt}) and user profiles given as JSON file paths.
 */
public final class Boards {

    private static final String DIR = "/org/edgenas/energy/boards/";

    private Boards() {
    }

    /** Names of the built-in boards, in index order. */
    public static List<String> names() {
        try (InputStream in = Boards.class.getResourceAsStream(DIR + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("board index missing from the class path: " + DIR + "index.txt");
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A board profile: a built-in board by name, or a profile JSON file by path (anything ending in {@code .json}).
     *
     * @throws ConfigException for an unknown name (listing the built-in ones) or an unreadable file
     */
    public static BoardProfile load(String nameOrPath) {
        if (nameOrPath.endsWith(".json")) {
            Path p = Path.of(nameOrPath);
            if (!Files.isRegularFile(p)) {
                throw new ConfigException(nameOrPath + ": board profile file not found");
            }
            return BoardProfiles.read(p);
        }
        if (!names().contains(nameOrPath)) {
            throw new ConfigException("unknown board '" + nameOrPath + "'; available: " + String.join(", ", names())
                    + " (or the path of a profile .json file)");
        }
        try (InputStream in = Boards.class.getResourceAsStream(DIR + nameOrPath + ".json")) {
            if (in == null) {
                throw new IllegalStateException("board " + nameOrPath + " is indexed but its profile is missing");
            }
            return BoardProfiles.read(in, "built-in board " + nameOrPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The energy model of a board.
     *
     * @throws ConfigException if the board is not calibrated, saying how to calibrate it
     */
    public static EnergyModel model(BoardProfile p) {
        if (!p.calibrated()) {
            throw new ConfigException("board '" + p.name() + "' is not calibrated: no measurements of it are available."
                    + (p.howToCalibrate() == null ? "" : " " + p.howToCalibrate()));
        }
        return switch (p.form()) {
            case "layerwise" -> new LayerwiseModel(p.name(), p.precision(), p.execution().equals("eager"),
                    p.staticPowerW() == null ? 0 : p.staticPowerW(), p.energyMj(), p.latencyMs());
            case "paper" -> new PaperModel(p.name(), p.paper());
            default -> throw new ConfigException("board '" + p.name() + "': unknown model form '" + p.form()
                    + "'; allowed: layerwise, paper");
        };
    }
}
