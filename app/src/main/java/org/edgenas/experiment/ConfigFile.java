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
            root = value(p, "", lines);
        } catch (JsonParseException e) {
            throw new ConfigException(name + ":" + e.getLocation().getLineNr() + ": malformed "
                    + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(name + (line > 0 ? ":" + line : "") + ": " + e.getOriginalMessage(), e);
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

    private static Object value(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String full = path.isEmpty() ? key : path + "." + key;
                    lines.put(full, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    m.put(key, value(p, full, lines));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, path, lines));
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
                return p.getDoubleValue();
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
            default -> throw new ConfigException("unexpected " + t + " at line "
                    + p.currentTokenLocation().getLineNr());
        }
    }
}
