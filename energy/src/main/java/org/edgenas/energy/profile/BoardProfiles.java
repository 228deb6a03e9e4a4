package org.edgenas.energy.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.io.JsonText;
import org.edgenas.io.TextFiles;

/**
 * Reads and writes {@link BoardProfile}s as JSON (format {@value #FORMAT}, version {@value #VERSION}). Every value is
 * checked as it is read: a missing, mistyped, non-finite or out-of-range value (e.g. a coefficient of 1e308, which
 * would make estimates infinite) is a {@link ConfigException} naming the file and the key, never a stack trace.
 *
 * <p>Layout: {@code format}, {@code version}, {@code name}, {@code description}, {@code calibrated}, {@code form},
 * {@code precision} (FP32, FP16, INT8), {@code execution} (optimised, eager), {@code hardware} (see
 * {@link Hardware#read}), {@code coefficients} (the form's own section), {@code domain} (see
 * {@link CalibrationDomain}), {@code provenance} (with the {@link Sample} of a few-shot fit), {@code errors} (a list),
 * {@code how_to_calibrate}, {@code prior} ({@link PriorProvenance}), {@code derivation} ({@link Derivation}) and
 * {@code residuals} ({@link Residuals}, for prediction intervals).
 */
public final class BoardProfiles {

    /** Format tag of a profile file. */
    public static final String FORMAT = "edgenas-board-profile";

    /** Version of the layout. */
    public static final int VERSION = 2;

    private BoardProfiles() {
    }

    /** The profile as pretty-printed JSON (ends with a line break). */
    public static String toJson(BoardProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("name", p.name());
        if (p.description() != null) {
            m.put("description", p.description());
        }
        m.put("calibrated", p.calibrated());
        if (p.form() != null) {
            m.put("form", p.form());
        }
        m.put("precision", p.precision().name());
        m.put("execution", p.execution().key());
        if (p.hardware() != null) {
            m.put("hardware", p.hardware().toJson());
        }
        if (!p.coefficients().isEmpty()) {
            m.put("coefficients", p.coefficients());
        }
        if (p.domain() != null) {
            m.put("domain", p.domain().toJson());
        }
        if (p.provenance() != null) {
            m.put("provenance", p.provenance().toJson());
        }
        if (!p.errors().isEmpty()) {
            m.put("errors", p.errors().stream().map(FitError::toJson).toList());
        }
        if (p.howToCalibrate() != null) {
            m.put("how_to_calibrate", p.howToCalibrate());
        }
        if (p.prior() != null) {
            m.put("prior", p.prior().toJson());
        }
        if (p.derivation() != null) {
            m.put("derivation", p.derivation().toJson());
        }
        if (p.residuals() != null) {
            m.put("residuals", p.residuals().toJson());
        }
        return json(m);
    }

    /** Plain JSON values (maps, lists, numbers, text) as pretty-printed JSON text ending with a line break. */
    public static String json(Object value) {
        return JsonText.indented(value);
    }

    /** A profile from JSON text; {@code source} names it in errors. */
    public static BoardProfile fromJson(String json, String source) {
        return read(Parameters.of(parse(json, source), source, "", k -> -1));
    }

    /** Reads a profile file. */
    public static BoardProfile read(Path file) {
        return fromJson(text(file), file.toString());
    }

    /**
     * Reads a datasheet file: a JSON object with the fields of {@link Hardware#read} (the {@code hardware} section of a
     * profile), which {@code ./nas calibrate --datasheet} puts into the profile it fits.
     *
     * @throws ConfigException naming the file and key of a missing or out-of-range figure
     */
    public static Hardware readDatasheet(Path file) {
        String source = file.toString();
        return Hardware.read(Parameters.of(parse(TextFiles.read(file, "datasheet (JSON)"), source), source, "",
                k -> -1));
    }

    /** Reads a profile from a stream; {@code source} names it in errors. */
    public static BoardProfile read(InputStream in, String source) {
        try {
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The text of a JSON file (a missing, unreadable or binary file is reported by {@link TextFiles}). */
    public static String text(Path file) {
        return TextFiles.read(file, "board profile (JSON)");
    }

    /**
     * JSON text as plain values: the top level must be an object.
     *
     * @throws ConfigException naming {@code source} (and the line) if it is not
     */
    public static Map<String, Object> parse(String json, String source) {
        return JsonText.object(json, source, "expected a JSON object at the top level");
    }

    private static BoardProfile read(Parameters p) {
        String format = p.string("format", null);
        if (format == null || !p.has("version")) {
            throw p.error("version", "missing: this profile was written by an older EdgeNAS (profile format 1, "
                    + "without the board's datasheet figures); calibrate it again with ./nas calibrate ... "
                    + "--datasheet FILE (see docs/energy.md)");
        }
        if (!format.equals(FORMAT)) {
            throw p.error("format", "'" + format + "' is not a board profile; expected '" + FORMAT + "'");
        }
        p.integer("version", VERSION, VERSION, VERSION);
        String name = p.requiredString("name", "the board's name, e.g. jetson-tx2");
        if (name.isBlank()) {
            throw p.error("name", "empty; give the board's name, e.g. jetson-tx2");
        }
        String description = p.string("description", null);
        boolean calibrated = p.bool("calibrated", false);
        String form = calibrated ? p.requiredString("form", "the model form, e.g. layerwise") : p.string("form", null);
        Precision precision = Precision.valueOf(p.choice("precision", "FP32",
                Arrays.stream(Precision.values()).map(Enum::name).toList()));
        Execution execution = Execution.byKey(p.choice("execution", "optimised", Execution.keys())).orElseThrow();
        Hardware hardware = null;
        if (p.has("hardware")) {
            hardware = Hardware.read(p.section("hardware"));
        } else if (calibrated) {
            throw p.error("hardware", "missing: a calibrated profile needs the board's datasheet figures "
                    + "(peak_macs_per_s, memory_bytes_per_s, cache_bytes, max_power_w)");
        }
        Map<String, Object> coefficients = p.has("coefficients") ? p.section("coefficients").asMap() : Map.of();
        if (calibrated && coefficients.isEmpty()) {
            throw p.error("coefficients", "missing: a calibrated profile needs its form's coefficients");
        }
        CalibrationDomain domain = p.has("domain") ? CalibrationDomain.read(p.section("domain")) : null;
        Provenance provenance = p.has("provenance") ? Provenance.read(p.section("provenance")) : null;
        List<FitError> errors = new ArrayList<>();
        for (Parameters e : p.sections("errors")) {
            errors.add(FitError.read(e));
        }
        String how = p.string("how_to_calibrate", null);
        PriorProvenance prior = p.has("prior") ? PriorProvenance.read(p.section("prior")) : null;
        Derivation derivation = p.has("derivation") ? Derivation.read(p.section("derivation")) : null;
        Residuals residuals = p.has("residuals") ? Residuals.read(p.section("residuals")) : null;
        p.requireNoUnknownKeys();
        return new BoardProfile(name, description, calibrated, form, precision, execution, hardware, coefficients,
                domain, provenance, errors, how, prior, derivation, residuals, p.source());
    }
}
