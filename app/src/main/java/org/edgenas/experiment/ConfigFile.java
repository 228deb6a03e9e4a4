package org.edgenas.experiment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.io.TextFiles;

/**
 * Reads a YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) config file into {@link Parameters}, remembering
 * the line of every key so that errors can point at it. Duplicate keys are an error.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * The resolved config a run recorded under {@code config} in its {@code run.json}.
     *
     * @throws ConfigException if the file cannot be read or has no {@code config} section
     */
    public static Parameters runConfig(Path runJson) {
        Parameters top = read(runJson);
        if (!top.has("config")) {
            throw top.error("config", "missing; run.json records the run's resolved config under 'config'");
        }
        return top.section("config");
    }

    /**
     * The top-level section of {@code file}.
     *
     * @throws ConfigException if the file is missing, not YAML/JSON, malformed (with its line), or not a mapping
     */
    public static Parameters read(Path file) {
        String name = file.toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        JsonFactory factory;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        } else if (lower.endsWith(".json")) {
            factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        } else {
            throw new ConfigException(name + ": unknown config format; allowed extensions: .yaml, .yml, .json");
        }
        String text = TextFiles.read(file, "config file");
        Map<String, Integer> lines = new HashMap<>();
        Object root;
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigException(name + ": empty config file");
            }
            root = value(p, "", lines, name);
            if (p.nextToken() != null) {
                throw new ConfigException(name + ":" + p.currentTokenLocation().getLineNr() + ": a second document "
                        + "after the config; a config file holds one");
            }
        } catch (JsonParseException e) {
            throw new ConfigException(name + ":" + e.getLocation().getLineNr() + ": malformed "
                    + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + problem(e), e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(name + (line > 0 ? ":" + line : "") + ": " + problem(e), e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read config file: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(name + ": a config file must be a mapping of keys to values at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) map;
        return Parameters.of(top, name, "", k -> lines.getOrDefault(k, -1));
    }

    /**
     * What a parser found wrong, on one line: its message without the source excerpts and "in 'reader', line ..."
     * positions the YAML parser adds (the line is reported separately), e.g. {@code while parsing a flow sequence:
     * expected ',' or ']', but got :}.
     */
    static String problem(JsonProcessingException e) {
        List<String> kept = new ArrayList<>();
        List<String> lines = e.getOriginalMessage().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.strip().startsWith("in 'reader'") || l.strip().startsWith("in 'string'")) {
                i += 2; // the excerpt of the source and the caret under it
            } else if (!l.isBlank()) {
                kept.add(l.strip());
            }
        }
        return org.edgenas.io.JsonText.problem(String.join(": ", kept));
    }

    private static Object value(JsonParser p, String path, Map<String, Integer> lines, String name)
            throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String full = path.isEmpty() ? key : path + "." + key;
                    lines.put(full, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    m.put(key, value(p, full, lines, name));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, path, lines, name));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                try {
                    return p.getDoubleValue();
                } catch (JsonParseException e) {
                    throw new ConfigException(name + ":" + p.currentTokenLocation().getLineNr() + ": "
                            + (path.isEmpty() ? "" : path + ": ") + "'" + p.getText() + "' is not a finite number");
                }
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new ConfigException(name + ":" + p.currentTokenLocation().getLineNr() + ": "
                    + (path.isEmpty() ? "" : path + ": ") + "a binary or tagged value, which a config cannot hold; "
                    + "give text, a number, true/false, a list or a section");
        }
    }
}
