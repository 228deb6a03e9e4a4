package org.edgenas.energy.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;

/** Reads and writes {@link BoardProfile}s as JSON with snake_case keys. */
public final class BoardProfiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private BoardProfiles() {
    }

    /** The profile as pretty-printed JSON. */
    public static String toJson(BoardProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise profile " + profile.name(), e);
        }
    }

    /** A profile from JSON text; {@code source} names it in errors. */
    public static BoardProfile fromJson(String json, String source) {
        try {
            return MAPPER.readValue(json, BoardProfile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(source + ": not a valid board profile: " + e.getMessage(), e);
        }
    }

    /** Reads a profile file. */
    public static BoardProfile read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), BoardProfile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": not a valid board profile: " + e.getMessage(), e);
        }
    }

    /** Reads a profile from a stream; {@code source} names it in errors. */
    public static BoardProfile read(InputStream in, String source) {
        try {
            return MAPPER.readValue(in, BoardProfile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(source + ": not a valid board profile: " + e.getMessage(), e);
        }
    }
}
