package org.edgenas.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.config.ConfigException;

/** JSON documents users hand over (board profiles, network specs), read as plain values with located errors. */
public final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
}
