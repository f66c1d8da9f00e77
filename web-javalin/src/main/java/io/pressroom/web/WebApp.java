package io.pressroom.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.pressroom.Pressroom;
import io.pressroom.web.http.Json;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;

/**
 * Builds the HTTP face of a {@link Pressroom}: an unstarted {@link Javalin}, so a program that
 * embeds Pressroom can mount, start and stop it. Every route is registered here, one line per
 * resource; {@code main} lives apart ({@link Main}).
 */
public final class WebApp {
    private WebApp() {}

    public static Javalin create(Pressroom pressroom, WebOptions options) {
        ObjectMapper mapper = Json.mapper();
        Problems problems = new Problems(mapper);
        Requests requests = new Requests(mapper);
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = options.maxJsonBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.startup.showJavalinBanner = false;
            problems.register(config.routes);
            config.routes.get("/health/live", ctx -> ctx.json(java.util.Map.of("status", "up")));
        });
    }
}
