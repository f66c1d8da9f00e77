package io.pressroom.web.http.runtime;

import io.javalin.config.RoutesConfig;

/** {@code GET /openapi.yaml} and {@code GET /openapi.json}: the document assembled at start. */
public final class OpenApiRoutes {

    private final OpenApiDocument document;

    public OpenApiRoutes(OpenApiDocument document) {
        this.document = document;
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml; charset=utf-8").result(document.yaml()));
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json; charset=utf-8").result(document.json()));
    }
}
