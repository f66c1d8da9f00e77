package io.pressroom.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.web.http.Auth;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The web pages: plain HTML, CSS and JavaScript modules from {@code src/main/resources/web},
 * talking to the same JSON API as every other client. Pages and assets are served from an
 * allow-list loaded into memory at start (no file-system lookup of a client-supplied name, so
 * no path traversal), and every answer of the server carries the browser security headers.
 */
public final class Pages {
    /** script-src 'self' with no 'unsafe-inline': the pages carry no inline script or style. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** Path of each page → its HTML file. {@code /signup} is the login page opened on its signup form. */
    static final Map<String, String> PAGES = ordered(
            "/login", "login.html",
            "/signup", "login.html",
            "/organizations", "organizations.html",
            "/printers", "printers.html",
            "/jobs", "jobs.html",
            "/files", "files.html",
            "/admin", "admin.html");

    /**
     * The signed-in pages' titles: each of these files holds only its page's content, served inside
     * {@code frame.html} (head, header, navigation, notes) with this title and its own script
     * ({@code jobs.html} → {@code /assets/jobs.js}). The login page is a whole document of its own.
     */
    static final Map<String, String> FRAMED = ordered(
            "organizations.html", "Organizations",
            "printers.html", "Printers",
            "jobs.html", "Print jobs",
            "files.html", "Files",
            "admin.html", "System administration");

    /** The assets a page may load, by name under {@code /assets/}. */
    static final Map<String, String> ASSETS = ordered(
            "app.css", "text/css; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "layout.js", "text/javascript; charset=utf-8",
            "login.js", "text/javascript; charset=utf-8",
            "organizations.js", "text/javascript; charset=utf-8",
            "printers.js", "text/javascript; charset=utf-8",
            "jobs.js", "text/javascript; charset=utf-8",
            "files.js", "text/javascript; charset=utf-8",
            "admin.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    /** Pages open to visitors who are not signed in; the others send them to /login first. */
    static final Set<String> PUBLIC = Set.of("/login", "/signup");

    private final Auth auth;
    private final Map<String, Resource> pages = new LinkedHashMap<>();
    private final Map<String, Resource> assets = new LinkedHashMap<>();

    /**
     * @param auth who is signed in: a page of signed-in users sends anyone else to /login, and
     *             /admin answers 403 to whoever is not a system admin (its data comes from
     *             /api/admin/*, which refuses them too)
     */
    public Pages(Auth auth) {
        this.auth = auth;
        String frame = new String(read("frame.html"), StandardCharsets.UTF_8);
        PAGES.forEach((path, file) -> pages.put(path, page(frame, file)));
        ASSETS.forEach((name, type) -> assets.put(name, load(name, type)));
    }

    public void register(RoutesConfig routes) {
        routes.before(Pages::securityHeaders);
        routes.get("/", ctx -> ctx.redirect("/jobs"));
        pages.forEach((path, page) -> routes.get(path, ctx -> page(ctx, path, page)));
        routes.get("/assets/{name}", ctx -> {
            Resource asset = assets.get(ctx.pathParam("name"));
            if (asset == null) {
                throw new NotFoundResponse("no asset named " + ctx.pathParam("name"));
            }
            serve(ctx, asset);
        });
        routes.get("/favicon.ico", ctx -> ctx.redirect("/assets/favicon.svg"));
    }

    /** The headers every answer carries (API answers too: they cost nothing and refuse framing and sniffing). */
    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private void page(Context ctx, String path, Resource page) {
        if (!PUBLIC.contains(path)) {
            Caller caller;
            try {
                caller = auth.user(ctx);
            } catch (DomainException.Unauthenticated e) {
                ctx.header("Cache-Control", "no-store");
                ctx.redirect("/login?next=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/admin") && !caller.systemAdmin()) {
                // the page itself says so: it shows its refusal to whoever is not a system admin
                ctx.status(403).header("Cache-Control", "no-store").contentType(page.contentType()).result(page.bytes());
                return;
            }
        }
        serve(ctx, page);
    }

    private static void serve(Context ctx, Resource resource) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", resource.etag());
        if (resource.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(resource.contentType());
        ctx.result(resource.bytes());
    }

    private static Resource page(String frame, String file) {
        String title = FRAMED.get(file);
        byte[] bytes = title == null ? read(file) : frame
                .replace("{{title}}", title)
                .replace("{{script}}", file.replace(".html", ".js"))
                .replace("{{content}}", new String(read(file), StandardCharsets.UTF_8).strip())
                .getBytes(StandardCharsets.UTF_8);
        return new Resource(bytes, "text/html; charset=utf-8", etag(bytes));
    }

    private static Resource load(String file, String contentType) {
        byte[] bytes = read(file);
        return new Resource(bytes, contentType, etag(bytes));
    }

    private static byte[] read(String file) {
        String name = "/web/" + file;
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing web resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private record Resource(byte[] bytes, String contentType, String etag) {}
}
