package io.pressroom.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.web.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages and their assets over plain HTTP: served, typed, headed for a browser, and nothing else reachable. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest {
    private TestApp app;
    private int port;

    @BeforeAll
    void start() {
        app = TestApp.start();
        port = java.net.URI.create(app.baseUrl()).getPort();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void every_page_is_html_with_the_security_headers() throws IOException {
        String token = app.systemAdminToken();
        for (String path : Pages.PAGES.keySet()) {
            Answer answer = get(path, token);
            assertThat(answer.status).as(path).isEqualTo(200);
            assertThat(answer.header("content-type")).as(path).startsWith("text/html");
            assertThat(answer.body).as(path).contains("<!doctype html>").contains("<main id=\"main\"")
                    .doesNotContain("{{").endsWith("</html>\n");
            String file = Pages.PAGES.get(path);
            assertThat(answer.body).as(path + " loads its own script")
                    .contains("<script type=\"module\" src=\"/assets/" + file.replace(".html", ".js") + "\"></script>");
            if (Pages.FRAMED.containsKey(file)) {
                String title = Pages.FRAMED.get(file);
                assertThat(answer.body).as(path + " in the frame").contains("<title>" + title + " · Pressroom</title>")
                        .contains("<h1>" + title + "</h1>").contains("<nav class=\"main\"")
                        .contains(resource(file).strip());
            }
            assertSecurityHeaders(path, answer);
        }
    }

    @Test
    void a_visitor_who_is_not_signed_in_is_sent_to_login_and_back() throws IOException {
        for (String path : Pages.PAGES.keySet()) {
            Answer answer = get(path);
            if (Pages.PUBLIC.contains(path)) {
                assertThat(answer.status).as(path).isEqualTo(200);
            } else {
                assertThat(answer.status).as(path).isEqualTo(302);
                assertThat(answer.header("location")).as(path).isEqualTo("/login?next=%2F" + path.substring(1));
                assertSecurityHeaders(path, answer);
            }
        }
    }

    @Test
    void admin_is_refused_with_403_to_a_user_who_is_not_a_system_admin() throws IOException {
        String member = app.signUp(TestApp.email("page-member"));
        Answer refused = get("/admin", member);
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.body).contains("id=\"refused\"");
        assertSecurityHeaders("/admin", refused);
        assertThat(get("/jobs", member).status).isEqualTo(200);
        assertThat(get("/admin", app.systemAdminToken()).status).isEqualTo(200);
    }

    @Test
    void the_root_leads_to_the_jobs() throws IOException {
        Answer answer = get("/");
        assertThat(answer.status).isIn(301, 302, 303, 307);
        assertThat(answer.header("location")).isEqualTo("/jobs");
    }

    @Test
    void api_answers_carry_the_security_headers_too() throws IOException {
        Answer answer = get("/api/no-such-thing");
        assertThat(answer.status).isEqualTo(404);
        assertSecurityHeaders("/api/no-such-thing", answer);
    }

    @Test
    void every_asset_is_served_with_its_type() throws IOException {
        for (Map.Entry<String, String> asset : Pages.ASSETS.entrySet()) {
            Answer answer = get("/assets/" + asset.getKey());
            assertThat(answer.status).as(asset.getKey()).isEqualTo(200);
            assertThat(answer.header("content-type")).as(asset.getKey()).isEqualTo(asset.getValue());
            assertThat(answer.body).as(asset.getKey()).isNotBlank();
            assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
        }
    }

    @Test
    void an_unchanged_asset_answers_304() throws IOException {
        String etag = get("/assets/app.css").header("etag");
        assertThat(etag).isNotBlank();
        Answer again = raw("GET /assets/app.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\nConnection: close\r\n\r\n");
        assertThat(again.status).isEqualTo(304);
        assertThat(again.body).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/assets/../x",
        "/assets/../pom.xml",
        "/assets/../web/app.css",
        "/assets/..%2fweb%2fapp.css",
        "/assets/%2e%2e/web/app.css",
        "/assets/%2e%2e%2fweb%2fapp.css",
        "/assets/%252e%252e%252fweb%252fapp.css",
        "/assets/..%5capp.css",
        "/assets/..\\app.css",
        "/assets/web/app.css",
        "/assets/app.css%00.js",
        "/assets/./app.css/..",
        "/assets/logback.xml",
        "/assets/io/pressroom/web/pages/Pages.class",
        "/assets/%2fetc%2fpasswd",
        "/assets//etc/passwd",
        "/web/app.css",
        "/login.html",
        "/assets/",
    })
    void nothing_outside_the_allow_list_is_served(String path) throws IOException {
        Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer.status).as(path).isBetween(400, 499);
        assertThat(answer.body).as(path)
                .doesNotContain("--fg:")            // app.css
                .doesNotContain("root:")            // /etc/passwd
                .doesNotContain("<configuration")   // logback.xml
                .doesNotContain("<project");        // a pom
    }

    @Test
    void pages_carry_no_inline_script_or_style_and_load_only_allowed_assets() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern reference = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
        var files = new java.util.LinkedHashSet<>(Pages.PAGES.values());
        files.add("frame.html");
        for (String file : List.copyOf(files)) {
            String html = resource(file);
            assertThat(inlineScript.matcher(html).find()).as(file + " has an inline script").isFalse();
            assertThat(handler.matcher(html).find()).as(file + " has an inline event handler").isFalse();
            assertThat(style.matcher(html).find()).as(file + " has an inline style").isFalse();
            var m = reference.matcher(html);
            while (m.find()) {
                if (m.group(1).equals("/assets/{{script}}")) {
                    continue; // the frame's page script: each served page's is checked above
                }
                assertThat(Pages.ASSETS).as(file + " loads " + m.group(1)).containsKey(m.group(1).substring("/assets/".length()));
            }
        }
    }

    @Test
    void scripts_load_nothing_from_outside_and_never_build_html_from_strings() throws IOException {
        for (String asset : Pages.ASSETS.keySet()) {
            String text = resource(asset).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assertThat(text).as(asset).doesNotContain("http://").doesNotContain("https://").doesNotContain("@import");
            if (asset.endsWith(".js")) {
                assertThat(text).as(asset).doesNotContain("innerHTML").doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
                assertThat(text).as(asset + " must not read the session token").doesNotContain("document.cookie");
            }
        }
    }

    private static void assertSecurityHeaders(String path, Answer answer) {
        String csp = answer.header("content-security-policy");
        assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                .contains("object-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(answer.header("x-content-type-options")).as(path).isEqualTo("nosniff");
        assertThat(answer.header("referrer-policy")).as(path).isNotBlank();
        assertThat(answer.header("x-frame-options")).as(path).isEqualTo("DENY");
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = Pages.class.getResourceAsStream("/web/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Answer get(String path) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private Answer get(String path, String token) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
    }

    /** A request written byte for byte: no client library normalizes the path on the way. */
    private Answer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(bytes);
            return Answer.parse(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            return new Answer(status, headers, body);
        }

        String header(String name) {
            return headers.get(name);
        }
    }
}
