package org.edgenas.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.ConfigException;

/**
 * JSON documents: those users hand over (board profiles, network specs), read as plain values with located errors, and
 * those the project writes for people to read (run.json, profiles), indented.
 */
public final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonText() {
    }

    /**
     * JSON text whose top level is an object, as plain values (maps with text keys, lists, numbers, text, booleans).
     *
     * @param source      the file or description to name in errors
     * @param notAnObject what the error says when the top level is not an object, after {@code source: }
     * @throws ConfigException {@code SOURCE:LINE: malformed JSON: ...}, or {@code SOURCE: notAnObject}
     */
    public static Map<String, Object> object(String json, String source, String notAnObject) {
        Object root;
        try {
            root = MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(source + (line > 0 ? ":" + line : "") + ": malformed JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(source + ": " + notAnObject);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    /**
     * Plain values (maps, lists, numbers, text, booleans, null) as indented JSON text ending in a newline.
     *
     * @throws IllegalArgumentException if {@code value} holds something that is not plain JSON
     */
    public static String indented(Object value) {
        try {
            return INDENTED.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not plain JSON: " + e.getOriginalMessage(), e);
        }
    }
}
