package io.pressroom.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.JSONB;

/** JSONB columns in and out as plain maps (Jackson), the one way every repository does it. */
public final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    /** Built once: a reader per call would resolve the type and find its deserializer every time (rows are read on every request). */
    private static final com.fasterxml.jackson.databind.ObjectReader MAP_READER = MAPPER.readerFor(MAP);

    private JsonValues() {}

    public static JSONB toJsonb(Map<String, ?> map) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(map == null ? Map.of() : map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> readObject(JSONB jsonb) {
        if (jsonb == null || jsonb.data() == null) {
            return new LinkedHashMap<>();
        }
        String data = jsonb.data();
        if (data.equals("{}")) {
            return new LinkedHashMap<>(); // the columns' default: nothing to parse
        }
        try {
            return MAP_READER.readValue(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an object: " + e.getOriginalMessage(), e);
        }
    }
}
