package io.pressroom.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pressroom.Pressroom;
import io.pressroom.web.http.ClientAddress;
import io.pressroom.web.http.Json;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.runtime.CompatibilityMode;
import io.pressroom.web.http.runtime.HealthRoutes;
import io.pressroom.web.http.runtime.MetricsRoutes;
import io.pressroom.web.http.runtime.OpenApiDocument;
import io.pressroom.web.http.runtime.OpenApiRoutes;
import io.pressroom.web.http.SessionAuth;
import io.pressroom.web.http.identity.AdminUserRoutes;
import io.pressroom.web.http.identity.IdentityRoutes;
import io.pressroom.web.http.audit.EventRoutes;
import io.pressroom.web.http.organization.AdminOrganizationRoutes;
import io.pressroom.web.http.organization.OrganizationRoutes;
import io.pressroom.web.http.template.TemplateRoutes;

/**
 * Builds the HTTP face of a {@link Pressroom}: an unstarted {@link Javalin}, so a program that
 * embeds Pressroom can mount, start and stop it. Every route is registered here, one line per
 * resource; {@code main} lives apart ({@link Main}).
 */
public final class WebApp {
    /** The options the app was built with; handlers read them with {@code ctx.appData(WebApp.OPTIONS)}. */
    public static final Key<WebOptions> OPTIONS = new Key<>("pressroom.web-options");

    private WebApp() {}

    /** How long {@code stop()} waits for in-flight requests before closing their connections. */
    public static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(20);

    /** Jetty's request read buffer (its default is 8 KiB). */
    static final int INPUT_BUFFER_BYTES = 64 * 1024;

    public static Javalin create(Pressroom pressroom, WebOptions options) {
        return create(pressroom, options, MetricsRoutes.newRegistry());
    }

    /** As {@link #create(Pressroom, WebOptions)}, with the metrics registry the caller scrapes (and binds its pool to). */
    public static Javalin create(Pressroom pressroom, WebOptions options, PrometheusMeterRegistry metrics) {
        ObjectMapper mapper = Json.mapper();
        Problems problems = new Problems(mapper);
        Requests requests = new Requests(mapper);
        OpenApiDocument openApi = OpenApiDocument.load();
        SessionAuth auth = new SessionAuth(pressroom.accounts(), new ClientAddress(options.trustedProxies()));
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = options.maxJsonBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.startup.showJavalinBanner = false;
            config.appData(OPTIONS, options);
            drainOnStop(config);
            // uploads: the connection reads the socket in 64 KiB gulps, not Jetty's default 8 KiB
            // (a 1 GiB body is 16k reads and hand-offs instead of 131k); the buffer is pooled and
            // released while a connection has nothing to parse
            config.jetty.modifyHttpConfiguration(http -> http.setInputBufferSize(INPUT_BUFFER_BYTES));
            problems.register(config.routes);
            if (options.compatibilityMode()) {
                CompatibilityMode.register(config.routes);
            }
            new HealthRoutes(pressroom.dataSource(), pressroom.migrations(), options.compatibilityMode()).register(config.routes);
            new MetricsRoutes(metrics).register(config);
            new OpenApiRoutes(openApi).register(config.routes);
            new io.pressroom.web.pages.Pages(auth).register(config.routes);
            new IdentityRoutes(pressroom.accounts(), auth, requests).register(config.routes);
            new AdminUserRoutes(pressroom.users(), auth, requests).register(config.routes);
            new OrganizationRoutes(pressroom.organizations(), pressroom.members(), pressroom.invitations(), auth, requests)
                    .register(config.routes);
            new AdminOrganizationRoutes(pressroom.organizationAdmin(), auth, requests).register(config.routes);
            new EventRoutes(pressroom.auditTrail(), auth, mapper).register(config.routes);
            new TemplateRoutes(pressroom.templates(), auth, requests).register(config.routes);
            new io.pressroom.web.http.printjob.PrinterRoutes(pressroom.printers(), pressroom.printers(), auth, requests)
                    .register(config.routes);
            new io.pressroom.web.http.printjob.PrintJobRoutes(pressroom.printJobs(), pressroom.printJobs(), pressroom.printJobs(),
                    pressroom.printers(), pressroom.accounts(), auth, requests, mapper).register(config);
            new io.pressroom.web.http.file.FileRoutes(pressroom.files(), pressroom.files(), pressroom.files(), auth).register(config.routes);
            new io.pressroom.web.http.shop.ShopRoutes(pressroom.shops(), auth, requests).register(config.routes);
            new io.pressroom.web.http.canvas.CanvasConfigRoutes(pressroom.canvasConfigs(), auth, requests).register(config.routes);
        });
    }

    /**
     * Makes {@code Javalin.stop()} graceful: the connector stops accepting, requests in flight
     * run to their end (up to {@link #DRAIN_TIMEOUT}), new requests on kept-alive connections
     * answer 503, then the server stops.
     */
    public static void drainOnStop(io.javalin.config.JavalinConfig config) {
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
            server.insertHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
        });
    }
}
