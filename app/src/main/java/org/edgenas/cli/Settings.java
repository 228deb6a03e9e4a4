package org.edgenas.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.Parameters;

/** Turns {@code --set KEY=VALUE} options into plug-in {@link Parameters}: integers, numbers and booleans are typed. */
final class Settings {

    private Settings() {
    }

    static Parameters parameters(Map<String, String> settings) {
        Map<String, Object> typed = new LinkedHashMap<>();
        settings.forEach((k, v) -> typed.put(k, typed(v)));
        return Parameters.of(typed);
    }

    private static Object typed(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException notNumber) {
                return v.equals("true") || v.equals("false") ? Boolean.valueOf(v) : v;
            }
        }
    }
}
