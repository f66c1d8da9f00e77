package io.pressroom.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.pressroom.domain.shared.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reading requests the same way everywhere: bodies into listed DTOs, ids, paging. */
public final class Requests {
    private final ObjectMapper mapper;

    public Requests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The JSON body as {@code type} (a record listing what may be written); 400 when malformed or
     * empty, 415 {@code request.unsupported-media-type} unless the body is declared JSON.
     */
    public <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw new Problems.BadRequest("request.malformed", "a JSON body is required", null);
        }
        requireJsonContentType(ctx.contentType());
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new Problems.BadRequest("request.malformed", "the body must be a JSON object", null);
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RuntimeJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON body must say so: {@code application/json} or {@code application/<x>+json}
     * (parameters such as {@code charset} aside). Anything else is refused, and so is a body
     * without a Content-Type: the types an HTML form can send cross-site without a CORS preflight
     * ({@code text/plain}, urlencoded, multipart), and a {@code fetch} of a type-less Blob (no
     * header at all), would otherwise carry a JSON body past the browser's CORS checks (CSRF,
     * login CSRF on the routes without a session). {@code curl -d} sends urlencoded by default:
     * add {@code -H 'Content-Type: application/json'}.
     */
    static void requireJsonContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new HttpResponseException(415,
                    "a JSON body needs the header Content-Type: application/json", Map.of());
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = media.equals("application/json")
                || (media.startsWith("application/") && media.endsWith("+json") && media.indexOf('/') == media.lastIndexOf('/'));
        if (!json) {
            throw new HttpResponseException(415,
                    "the body must be JSON (Content-Type: application/json), was " + abbreviate(media), Map.of());
        }
    }

    public static UUID uuid(Context ctx, String pathParam) {
        return uuid(pathParam, ctx.pathParam(pathParam));
    }

    public static UUID uuid(String name, String raw) {
        try {
            if (raw == null || raw.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw Problems.BadRequest.field(name, name + " must be a UUID, was '" + abbreviate(raw) + "'");
        }
    }

    /** An optional UUID query parameter. */
    public static UUID uuidQuery(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isEmpty() ? null : uuid(name, raw);
    }

    public static PageRequest page(Context ctx) {
        String raw = ctx.queryParam("limit");
        int limit = 0;
        if (raw != null && !raw.isEmpty()) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw Problems.BadRequest.field("limit", "limit must be a number, was '" + abbreviate(raw) + "'");
            }
            if (limit < 0) {
                throw Problems.BadRequest.field("limit", "limit must be >= 0, was " + limit);
            }
        }
        String cursor = ctx.queryParam("cursor");
        return new PageRequest(limit, cursor == null || cursor.isEmpty() ? null : cursor);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    /** Carries Jackson's exception (checked) out of a handler to {@link Problems}. */
    public static final class RuntimeJson extends RuntimeException {
        public RuntimeJson(com.fasterxml.jackson.core.JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause);
        }
    }
}
