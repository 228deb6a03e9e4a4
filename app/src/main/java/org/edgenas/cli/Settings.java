package org.edgenas.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;

/**
 * Turns {@code --set KEY=VALUE} options into plug-in {@link Parameters}: integers, numbers and booleans are typed, and
 * a value with commas is a list of such values ({@code kernels=8,16,24}; a one-element list is written {@code 24,}).
 */
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

    /** The search space {@code name} with {@code --space-set} settings, whose errors name {@code --space-set}. */
    static SearchSpace space(String name, Map<String, String> spaceSettings) {
        return SearchSpaces.create(name, parameters(spaceSettings, "--space-set"));
    }

    private static Object typed(String v) {
        if (v.contains(",")) {
            List<Object> list = new ArrayList<>();
            for (String part : v.split(",", -1)) {
                if (!part.isBlank()) {
                    list.add(scalar(part.strip()));
                }
            }
            return list;
        }
        return scalar(v);
    }

    private static Object scalar(String v) {
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
