package org.edgenas.energy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.plugin.Registry;

/**
 * The board profiles shipped with the project (resources under {@code org/edgenas/energy/boards/}, listed in its
 * {@code index.txt}), user profiles given as JSON file paths, and the models they describe.
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

    /** Every model form on the class path ({@code layerwise}, {@code paper} and any a plug-in jar adds), by name. */
    public static Registry<EnergyModelProvider> forms() {
        return Registry.load(EnergyModelProvider.class, "energy model form");
    }

    /**
     * A board profile: a built-in board by name, or a profile JSON file by path (anything ending in {@code .json}).
     *
     * @throws ConfigException for an unknown name (listing the built-in ones), an unreadable file or an invalid
     *                         profile (naming the file and key)
     */
    public static BoardProfile load(String nameOrPath) {
        if (nameOrPath.endsWith(".json")) {
            return BoardProfiles.read(Path.of(nameOrPath));
        }
        if (!names().contains(nameOrPath) && exists(nameOrPath)) {
            throw new ConfigException(nameOrPath + ": not a board profile; a profile file's name ends in .json "
                    + "(built-in boards: " + String.join(", ", names()) + ")");
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

    /** Whether {@code text} names an existing file or directory. */
    private static boolean exists(String text) {
        try {
            return java.nio.file.Files.exists(Path.of(text));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * The energy model of a board, made by the provider of its form and held within the board's physical limits (see
     * {@link BoardModel}): no layer faster than its roofline or cheaper than static power over that time, no network
     * above the board's maximum power.
     *
     * @throws ConfigException if the board is not calibrated (saying how to calibrate it), its form is unknown, or a
     *                         coefficient is missing or out of range (naming the profile and key)
     */
    public static EnergyModel model(BoardProfile p) {
        if (!p.calibrated()) {
            throw new ConfigException("board '" + p.name() + "' is not calibrated: no measurements of it are available."
                    + (p.howToCalibrate() == null ? "" : " " + p.howToCalibrate()));
        }
        Registry<EnergyModelProvider> forms = forms();
        EnergyModelProvider provider = forms.find(p.form()).orElseThrow(() -> new ConfigException(p.source()
                + ": form: " + forms.unknown(p.form()) + " (a plug-in jar on the class path can add forms)"));
        Parameters c = Parameters.of(p.coefficients(), p.source(), "coefficients", k -> -1);
        EnergyModel model = forms.make(provider, f -> f.create(p, c));
        c.requireNoUnknownKeys();
        return new BoardModel(model, p.hardware(), p.precision(), p.execution(), p.domain());
    }
}
