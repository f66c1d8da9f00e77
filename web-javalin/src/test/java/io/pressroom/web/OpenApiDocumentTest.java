package io.pressroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.pressroom.Pressroom;
import io.pressroom.testing.TestPostgres;
import io.pressroom.web.http.runtime.OpenApiDocument;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is valid OpenAPI 3.1 and documents exactly the routes WebApp
 * registers. Rule: every route under {@code /api}, {@code /health}, {@code /metrics} and
 * {@code /openapi.*} is documented; the web pages (any other path: {@code /login},
 * {@code /jobs}, static assets) are not.
 */
class OpenApiDocumentTest {

    private static Pressroom pressroom;
    private static Javalin app;

    @BeforeAll
    static void start() {
        pressroom = Pressroom.builder().dataSource(TestPostgres.newDatabase().dataSource()).build();
        app = WebApp.create(pressroom, WebOptions.defaults()).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
        pressroom.close();
    }

    static boolean documented(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/health/") || path.equals("/metrics")
                || path.startsWith("/openapi.");
    }

    /** Javalin's {@code {id}} and {@code <id>} path parameters, as OpenAPI writes them. */
    static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>]+)>", "{$1}");
    }

    static TreeSet<String> registeredRoutes(Javalin app) {
        TreeSet<String> routes = new TreeSet<>();
        for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            HandlerType method = parsed.endpoint.method;
            String path = parsed.endpoint.path;
            if (method.isHttpMethod() && method != HandlerType.HEAD && method != HandlerType.OPTIONS && documented(path)) {
                routes.add(method + " " + openApiPath(path));
            }
        }
        return routes;
    }

    @Test
    void theMergedDocumentIsValidOpenApi31() {
        OpenApiDocument doc = OpenApiDocument.load();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.yaml(), null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(doc.fragments()).contains("runtime.yaml");
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKey("Problem");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearer", "cookie");
    }

    @Test
    void everyRegisteredRouteIsDocumented() {
        TreeSet<String> undocumented = registeredRoutes(app);
        undocumented.removeAll(OpenApiDocument.load().operations());
        assertThat(undocumented).as("routes registered in WebApp but missing from openapi/*.yaml").isEmpty();
    }

    @Test
    void everyDocumentedRouteIsRegistered() {
        TreeSet<String> unregistered = OpenApiDocument.load().operations();
        unregistered.removeAll(registeredRoutes(app));
        assertThat(unregistered).as("operations in openapi/*.yaml that WebApp does not register").isEmpty();
    }

    @Test
    void theRuleSeesTheRuntimeRoutes() {
        // guard: the comparison above must compare something
        assertThat(registeredRoutes(app)).contains("GET /health/ready", "GET /openapi.yaml", "GET /metrics");
    }

    @Test
    void theDocumentIsServedAsYamlAndJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> yaml = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/openapi.yaml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/yaml"));
        assertThat(yaml.body()).contains("openapi: 3.1.0").contains("/health/ready:");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(new OpenAPIV3Parser().readContents(json.body()).getMessages()).isEmpty();
    }
}
