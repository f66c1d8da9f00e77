package io.pressroom.web.http;

import java.util.Map;

/** RFC 9457 problem details, as every error of the API is answered ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      Map<String, String> errors, Map<String, Object> data) {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://pressroom.dev/problems/";

    public static Problem of(int status, String title, String code, String detail, String instance) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, instance, null, null);
    }
}
