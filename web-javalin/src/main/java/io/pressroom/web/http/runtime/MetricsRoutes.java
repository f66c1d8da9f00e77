package io.pressroom.web.http.runtime;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in Prometheus text, and the HTTP request timer
 * ({@code http_server_requests_seconds{method, uri, status, outcome}}, {@code uri} being the
 * route template, never the raw path). JVM meters come with {@link #newRegistry()}; the
 * connection pool's are bound by whoever builds the pool (see {@code io.pressroom.web.runtime}).
 */
public final class MetricsRoutes {

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** A Prometheus registry with the JVM's meters (memory, GC, threads, classes, CPU, uptime). */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
        config.requestLogger.http((ctx, executionTimeMs) -> timer(ctx.method().toString(), route(ctx), ctx.statusCode())
                .record((long) (executionTimeMs * 1_000_000L), TimeUnit.NANOSECONDS));
    }

    /** The timers by method, route template and status, found without building a meter id per request. */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private Timer timer(String method, String uri, int status) {
        return timers.computeIfAbsent(method + ' ' + status + ' ' + uri, k -> Timer.builder("http.server.requests")
                .description("HTTP requests served, by route template")
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .register(registry));
    }

    private static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            if (e != null && e.method.isHttpMethod()) {
                return e.path;
            }
        } catch (RuntimeException ignored) {
            // no endpoint matched
        }
        return ctx.statusCode() == 404 ? "NOT_FOUND" : "UNKNOWN";
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        } else if (status < 300) {
            return "SUCCESS";
        } else if (status < 400) {
            return "REDIRECTION";
        } else if (status < 500) {
            return "CLIENT_ERROR";
        }
        return "SERVER_ERROR";
    }
}
