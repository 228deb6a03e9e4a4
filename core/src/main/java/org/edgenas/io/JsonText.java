package org.edgenas.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonText() {
    }

    /**
     * JSON text whose top level is an object, as plain values (maps with text keys, lists, numbers, text, booleans).
     *
     * @param source      the file or description to name in errors
     * @param notAnObject what the error says when the top level is not an object, after {@code source: }
     * @throws ConfigException {@code SOURCE:LINE: malformed JSON: ...} (a key given twice included), or
     *                         {@code SOURCE: notAnObject}
     */
    public static Map<String, Object> object(String json, String source, String notAnObject) {
        if (json.isBlank()) {
            throw new ConfigException(source + ": empty; " + notAnObject);
        }
        Object root;
        try {
            root = MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(source + (line > 0 ? ":" + line : "") + ": malformed JSON: "
                    + problem(e.getOriginalMessage()), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(source + ": " + notAnObject);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    /**
     * A JSON parser's complaint in a user's words: what is wrong, without the parser's feature names (a comment, a
     * {@code NaN} or {@code Infinity}, which JSON does not allow, said so).
     */
    public static String problem(String message) {
        String first = message.lines().findFirst().orElse(message).strip();
        if (first.contains("ALLOW_COMMENTS")) {
            return "a comment (// or /* */), which JSON does not allow";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Non-standard token '([^']*)'").matcher(first);
        if (m.find()) {
            return "'" + m.group(1) + "' is not a JSON number (JSON numbers are finite decimals)";
        }
        int enable = first.indexOf(": enable ");
        if (enable < 0) {
            enable = first.indexOf("; enable ");
        }
        return enable < 0 ? first : first.substring(0, enable);
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
