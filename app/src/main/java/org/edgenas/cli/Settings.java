package org.edgenas.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/** Turns {@code --set KEY=VALUE} options into plug-in {@link Parameters}: integers, numbers and booleans are typed. */
final class Settings {

    private Settings() {
    }

    /** The settings as a section whose errors name the option, e.g. {@code --set: batch: expected an integer ...}. */
    static Parameters parameters(Map<String, String> settings) {
        return parameters(settings, "--set");
    }

    /** The settings as a section whose errors name {@code option}. */
    static Parameters parameters(Map<String, String> settings, String option) {
        Map<String, Object> typed = new LinkedHashMap<>();
        settings.forEach((k, v) -> typed.put(k, typed(v)));
        return Parameters.of(typed, option, "", k -> -1);
    }

    private static Object typed(String v) {
        try {
            return new java.math.BigInteger(v);
        } catch (NumberFormatException notInteger) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException notNumber) {
                return v.equals("true") || v.equals("false") ? Boolean.valueOf(v) : v;
            }
        }
    }
}
