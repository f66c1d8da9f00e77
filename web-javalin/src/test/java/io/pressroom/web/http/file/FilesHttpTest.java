package io.pressroom.web.http.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pressroom.domain.file.TestImages;
import io.pressroom.storage.nas.NasFileStore;
import io.pressroom.testing.TestPostgres;
import io.pressroom.web.WebOptions;
import io.pressroom.web.http.Json;
import io.pressroom.web.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files, shops and canvas-config routes over HTTP on the real app (TestApp: WebApp on a
 * random port, SessionAuth, real PostgreSQL) with a real NAS directory.
 */
class FilesHttpTest {
    static final long LIMIT = 2_000_000;
    static final String BOUNDARY = "pressroomTestBoundary";

    @TempDir
    Path dir;

    private TestPostgres.Db db;
    private NasFileStore store;
    private TestApp app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.mapper();
    private Person alice;
    private Person bob;

    record Person(String token, UUID user, UUID org) {}

    @BeforeEach
    void start() {
        store = new NasFileStore(dir.resolve("nas"));
        app = TestApp.start(b -> b.fileStore(store).maxUploadBytes(LIMIT).secretKey("a test secret key, long enough"),
                WebOptions.defaults());
        db = app.db();
        alice = person("alice", null, "admin");
        bob = person("bob", null, "member");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A signed-up user, member ({@code role}) of a new organization or of {@code org}. */
    private Person person(String name, UUID org, String role) {
        String token = app.signUp(TestApp.email(name));
        UUID user = app.userId(token);
        if (org == null) {
            org = UUID.randomUUID();
            db.exec("INSERT INTO organizations (id, name) VALUES ('" + org + "', '" + name + "')");
        }
        db.exec("INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + user + "', '" + role + "')");
        return new Person(token, user, org);
    }

    private String auth(Person p) {
        return "Authorization: Bearer " + p.token() + "\r\nX-Organization-Id: " + p.org() + "\r\n";
    }

    private HttpRequest.Builder request(Person p, String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + p.token())
                .header("X-Organization-Id", p.org().toString());
    }

    private HttpResponse<byte[]> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode body(HttpResponse<byte[]> r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] multipart(String filename, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<byte[]> uploadMultipart(Person p, String filename, String type, byte[] content) {
        return send(request(p, "/api/files").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(filename, type, content))).build());
    }

    private HttpResponse<byte[]> uploadRaw(Person p, String filename, byte[] content) {
        return send(request(p, "/api/files?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    private long rows(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
            return b.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Regular files under the store; walked again when the server deletes one mid-walk (its clean-up racing the count). */
    private long filesOnDisk() {
        while (true) {
            try (Stream<Path> walk = Files.walk(store.root())) {
                return walk.filter(Files::isRegularFile).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    /** The server finishes failed uploads after the client gave up: wait (bounded) for its clean-up. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void multipartUploadRoundTripsWithMetadataAndSafeHeaders() throws Exception {
        byte[] png = TestImages.png(7200, 10800, 300);
        var r = uploadMultipart(alice, "../../../etc/\u202Eevil.png", "image/png", png);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode f = body(r);
        assertThat(f.get("fileHash").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
        assertThat(f.get("fileSize").asLong()).isEqualTo(png.length);
        assertThat(f.get("mimeType").asText()).isEqualTo("image/png");
        assertThat(f.get("originalFilename").asText()).isEqualTo("evil.png");
        assertThat(f.has("filePath")).isFalse();
        JsonNode md = f.get("fileMetadata");
        assertThat(md.get("widthPx").asInt()).isEqualTo(7200);
        assertThat(md.get("dpiX").asInt()).isEqualTo(300);
        assertThat(md.get("widthInches").asDouble()).isEqualTo(24.0);
        assertThat(md.get("heightInches").asDouble()).isEqualTo(36.0);
        assertThat(md.get("kind").asText()).isEqualTo("png");
        String id = f.get("id").asText();

        var content = send(request(alice, "/api/files/" + id + "/content").GET().build());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(png);
        assertThat(content.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(content.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(content.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"evil.png\"; filename*=UTF-8''evil.png");

        var range = send(request(alice, "/api/files/" + id + "/content").header("Range", "bytes=1-3").GET().build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 1-3/" + png.length);
        var suffix = send(request(alice, "/api/files/" + id + "/content").header("Range", "bytes=-4").GET().build());
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).hasSize(4);
        var outside = send(request(alice, "/api/files/" + id + "/content").header("Range", "bytes=" + png.length + "-").GET().build());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */" + png.length);

        var again = uploadRaw(alice, "again.png", png);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).get("id").asText()).isEqualTo(id);

        var list = body(send(request(alice, "/api/files?limit=10").GET().build()));
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("nextCursor").isNull()).isTrue();
        assertThat(send(request(alice, "/api/files/" + id).GET().build()).statusCode()).isEqualTo(200);

        // another organization sees nothing of it
        assertThat(send(request(bob, "/api/files/" + id).GET().build()).statusCode()).isEqualTo(404);
        assertThat(send(request(bob, "/api/files/" + id + "/content").GET().build()).statusCode()).isEqualTo(404);
        assertThat(send(request(bob, "/api/files/" + id).DELETE().build()).statusCode()).isEqualTo(404);
        assertThat(body(send(request(bob, "/api/files").GET().build())).get("items")).isEmpty();

        assertThat(send(request(alice, "/api/files/" + id).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(rows("SELECT count(*) FROM files")).isZero();
        assertThat(filesOnDisk()).isZero();
    }

    @Test
    void rawUploadUnicodeNameAndSpoofedType() {
        byte[] jpeg = TestImages.jpeg(600, 300, 200);
        var r = uploadRaw(alice, "Plakát 日本.pdf", jpeg);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode f = body(r);
        assertThat(f.get("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(f.get("originalFilename").asText()).isEqualTo("Plakát 日本.jpg");
        assertThat(f.get("fileMetadata").get("widthInches").asDouble()).isEqualTo(3.0);
        var content = send(request(alice, "/api/files/" + f.get("id").asText() + "/content").GET().build());
        assertThat(content.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .contains("filename=\"Plak_t __.jpg\"").contains("filename*=UTF-8''Plak%C3%A1t%20%E6%97%A5%E6%9C%AC.jpg"));

        byte[] html = "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        var spoofed = uploadMultipart(alice, "cute.png", "image/png", html);
        assertThat(spoofed.statusCode()).isEqualTo(400);
        assertThat(body(spoofed).get("code").asText()).isEqualTo("file.unsupported-type");
        assertThat(rows("SELECT count(*) FROM files")).isEqualTo(1);
        assertThat(filesOnDisk()).isEqualTo(1);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception {
        try (Socket s = new Socket("127.0.0.1", URI.create(app.baseUrl()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/files?filename=big.png HTTP/1.1\r\nHost: x\r\n" + auth(alice)
                    + "Content-Type: application/octet-stream\r\nContent-Length: "
                    + (10L * 1024 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // not a byte of the 10 GiB body is sent
            String head = readHead(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413");
        }
        try (Socket s = new Socket("127.0.0.1", URI.create(app.baseUrl()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/files HTTP/1.1\r\nHost: x\r\n" + auth(alice) + "Content-Type: multipart/form-data; boundary="
                    + BOUNDARY + "\r\nContent-Length: " + (LIMIT + FileRoutes.MULTIPART_SLACK + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413");
        }
        assertThat(rows("SELECT count(*) FROM files")).isZero();
        assertThat(filesOnDisk()).isZero();
    }

    @Test
    void aStreamOverTheLimitWithoutALengthIsStoppedAt413AndLeavesNothing() throws Exception {
        byte[] png = TestImages.png(10, 10, 300);
        try (Socket s = new Socket("127.0.0.1", URI.create(app.baseUrl()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/files?filename=big.png HTTP/1.1\r\nHost: x\r\n" + auth(alice)
                    + "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            writeChunk(out, png);
            byte[] zeros = new byte[64 * 1024];
            for (long sent = png.length; sent <= LIMIT + zeros.length; sent += zeros.length) {
                try {
                    writeChunk(out, zeros);
                } catch (IOException closedByServer) {
                    break;
                }
            }
            String head = readHead(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413");
        }
        eventually(() -> rows("SELECT count(*) FROM files") == 0 && filesOnDisk() == 0);
    }

    @Test
    void anUploadCutOffMidStreamLeavesNeitherRowNorBytes() throws Exception {
        byte[] png = TestImages.png(600, 600, 300);
        byte[] body = multipart("cut.png", "image/png", png);
        try (Socket s = new Socket("127.0.0.1", URI.create(app.baseUrl()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/files HTTP/1.1\r\nHost: x\r\n" + auth(alice)
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(200); // the server is now streaming the part into the store
        } // the client goes away
        eventually(() -> filesOnDisk() == 0);
        assertThat(rows("SELECT count(*) FROM files")).isZero();
        // and the server is fine afterwards
        assertThat(uploadMultipart(alice, "ok.png", "image/png", png).statusCode()).isEqualTo(201);
    }

    @Test
    void deleteIsRefusedWhileAnUnfinishedJobUsesTheFile() {
        String id = body(uploadRaw(alice, "a.png", TestImages.png(20, 20, 300))).get("id").asText();
        db.exec("INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, file_ids) VALUES ('" + alice.org() + "', '"
                + alice.user() + "', 'j', ARRAY['" + id + "']::uuid[])");
        var r = send(request(alice, "/api/files/" + id).DELETE().build());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(body(r).get("code").asText()).isEqualTo("file.in-use");
        assertThat(send(request(alice, "/api/files/not-a-uuid").GET().build()).statusCode()).isEqualTo(400);
    }

    private HttpResponse<byte[]> postJson(Person p, String path, String body) {
        return send(request(p, path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aJobWhoseFilesDoNotFitThePrinterIsRefusedWithReasons() {
        String printer = body(postJson(alice, "/api/printers",
                "{\"name\":\"Small DTF\",\"printerType\":\"dtf\",\"maxWidthInches\":2,\"maxHeightInches\":3,\"dpi\":100}"))
                .get("id").asText();
        String big = body(uploadRaw(alice, "poster.png", TestImages.png(300, 600, 100))).get("id").asText();   // 3 x 6 in
        String blurry = body(uploadRaw(alice, "blurry.png", TestImages.png(100, 100, 50))).get("id").asText(); // 2 x 2 in at 50
        String fine = body(uploadRaw(alice, "fine.png", TestImages.png(200, 300, 100))).get("id").asText();    // 2 x 3 in

        var refused = postJson(alice, "/api/print-jobs", "{\"jobName\":\"too big\",\"printerId\":\"" + printer
                + "\",\"fileIds\":[\"" + big + "\",\"" + blurry + "\"]}");
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = body(refused);
        assertThat(problem.get("code").asText()).isEqualTo("print-job.print-check-failed");
        assertThat(problem.get("reasons")).hasSize(2);
        assertThat(problem.get("detail").asText())
                .contains("file poster.png is 3.0 × 6.0 in at 100 dpi; Small DTF takes at most 2 × 3 in")
                .contains("file blurry.png is 2.0 × 2.0 in at 50 dpi; at least 100 dpi is needed");
        assertThat(rows("SELECT count(*) FROM print_jobs")).isZero();

        var accepted = postJson(alice, "/api/print-jobs", "{\"jobName\":\"fits\",\"printerId\":\"" + printer
                + "\",\"fileIds\":[\"" + fine + "\"]}");
        assertThat(accepted.statusCode()).isEqualTo(201);

        // another organization's file is unusable in a job
        String bobsPrinter = body(postJson(person("dave", bob.org(), "admin"), "/api/printers",
                "{\"name\":\"P\",\"printerType\":\"dtf\",\"maxWidthInches\":22,\"maxHeightInches\":100}")).get("id").asText();
        var stolen = postJson(bob, "/api/print-jobs", "{\"jobName\":\"steal\",\"fileIds\":[\"" + fine + "\"]}");
        assertThat(stolen.statusCode()).isEqualTo(400);
        var stolenOnPrinter = postJson(bob, "/api/print-jobs", "{\"jobName\":\"steal\",\"printerId\":\"" + bobsPrinter
                + "\",\"fileIds\":[\"" + fine + "\"]}");
        assertThat(stolenOnPrinter.statusCode()).isEqualTo(400);
        assertThat(rows("SELECT count(*) FROM print_jobs WHERE organization_id = '" + bob.org() + "'")).isZero();
    }

    private HttpResponse<byte[]> patchJson(Person p, String path, String body) {
        return send(request(p, path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String job(String name, String printer, String file, String canvas) {
        return "{\"jobName\":\"" + name + "\"" + (printer == null ? "" : ",\"printerId\":\"" + printer + "\"")
                + ",\"fileIds\":[\"" + file + "\"]" + (canvas == null ? "" : ",\"printConfig\":{\"canvasConfigId\":\"" + canvas + "\"}")
                + "}";
    }

    @Test
    void aJobsCanvasConfigSetsTheMinimumEffectiveDpi() {
        // the printer asks 100 dpi only; the gang sheet asks 300, the draft sheet 150
        String printer = body(postJson(alice, "/api/printers",
                "{\"name\":\"Roll DTF\",\"printerType\":\"dtf\",\"maxWidthInches\":22,\"maxHeightInches\":100,\"dpi\":100}"))
                .get("id").asText();
        String gang = body(postJson(alice, "/api/canvas-configs",
                "{\"name\":\"Gang sheet 22\",\"widthInches\":22,\"heightInches\":60,\"dpi\":300}")).get("id").asText();
        String draft = body(postJson(alice, "/api/canvas-configs",
                "{\"name\":\"Draft\",\"widthInches\":22,\"heightInches\":60,\"dpi\":150}")).get("id").asText();
        String photo = body(uploadRaw(alice, "photo.png", TestImages.png(300, 450, 150))).get("id").asText(); // 2 x 3 in at 150

        // the printer alone takes it (150 >= 100); the gang sheet's 300 dpi does not, with or without a printer
        assertThat(postJson(alice, "/api/print-jobs", job("printer only", printer, photo, null)).statusCode()).isEqualTo(201);
        for (String on : new String[] {printer, null}) {
            var refused = postJson(alice, "/api/print-jobs", job("gang", on, photo, gang));
            assertThat(refused.statusCode()).isEqualTo(409);
            JsonNode problem = body(refused);
            assertThat(problem.get("code").asText()).isEqualTo("print-job.print-check-failed");
            assertThat(problem.get("reasons")).singleElement().extracting(JsonNode::asText).asString()
                    .isEqualTo("file photo.png is 2.0 × 3.0 in at 150 dpi; at least 300 dpi is needed, the dpi of canvas config"
                            + " \"Gang sheet 22\" (at 300 dpi it would print at 1.0 × 1.5 in)");
            assertThat(problem.get("minimumDpi").get("dpi").asInt()).isEqualTo(300);
            assertThat(problem.get("minimumDpi").get("from").asText()).isEqualTo("canvas-config");
            assertThat(problem.get("minimumDpi").get("id").asText()).isEqualTo(gang);
        }
        assertThat(rows("SELECT count(*) FROM print_jobs WHERE job_name = 'gang'")).isZero();

        // the draft sheet's 150 dpi passes, on the printer and without one; the job keeps the canvas config
        var accepted = postJson(alice, "/api/print-jobs", job("draft", printer, photo, draft));
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(body(accepted).get("printConfig").get("canvasConfigId").asText()).isEqualTo(draft);
        var unassigned = postJson(alice, "/api/print-jobs", job("draft later", null, photo, draft));
        assertThat(unassigned.statusCode()).isEqualTo(201);
        String later = body(unassigned).get("id").asText();

        // assigning a printer later checks against the canvas config's DPI too, even a printer asking more
        String fine = body(postJson(alice, "/api/printers",
                "{\"name\":\"Fine DTF\",\"printerType\":\"dtf\",\"maxWidthInches\":22,\"maxHeightInches\":100,\"dpi\":300}"))
                .get("id").asText();
        assertThat(patchJson(alice, "/api/print-jobs/" + later, "{\"printerId\":\"" + fine + "\"}").statusCode()).isEqualTo(200);
        assertThat(patchJson(alice, "/api/canvas-configs/" + draft, "{\"dpi\":600}").statusCode()).isEqualTo(200);
        var reassigned = patchJson(alice, "/api/print-jobs/" + later, "{\"printerId\":\"" + printer + "\"}");
        assertThat(reassigned.statusCode()).isEqualTo(409);
        assertThat(body(reassigned).get("detail").asText()).contains("at 150 dpi; at least 600 dpi is needed, the dpi of canvas config \"Draft\"");
        assertThat(body(send(request(alice, "/api/print-jobs/" + later).GET().build())).get("printerId").asText()).isEqualTo(fine);
    }

    @Test
    void aCanvasConfigOfAnotherOrganizationIsUnknownToAJob() {
        String photo = body(uploadRaw(alice, "photo.png", TestImages.png(300, 300, 300))).get("id").asText();
        String bobs = body(postJson(bob, "/api/canvas-configs", "{\"name\":\"Bob's sheet\",\"widthInches\":22,\"heightInches\":60,\"dpi\":50}"))
                .get("id").asText();
        for (String canvas : new String[] {bobs, UUID.randomUUID().toString()}) {
            var refused = postJson(alice, "/api/print-jobs", job("theirs", null, photo, canvas));
            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode problem = body(refused);
            assertThat(problem.get("errors").get("printConfig.canvasConfigId").asText())
                    .isEqualTo("no canvas config of this organization has the id " + canvas);
            assertThat(problem.toString()).doesNotContain("Bob's sheet");
        }
        var notAnId = postJson(alice, "/api/print-jobs", job("bad", null, photo, "gang-sheet"));
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(body(notAnId).get("errors").get("printConfig.canvasConfigId").asText())
                .startsWith("printConfig.canvasConfigId must be the id (a UUID)");
        assertThat(rows("SELECT count(*) FROM print_jobs")).isZero();
    }

    @Test
    void shopSecretsNeverAppearInAnswersOrEvents() {
        String secret = "sk_live_TOPSECRET_42";
        var created = send(request(alice, "/api/shops").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"Etsy\",\"platform\":\"etsy\",\"platformShopId\":\"e-1\",\"shopConfig\":{\"apiKey\":\"" + secret + "\"}}")).build());
        assertThat(created.statusCode()).isEqualTo(201);
        String createdText = new String(created.body(), StandardCharsets.UTF_8);
        assertThat(createdText).doesNotContain(secret).contains("\"apiKey\":\"••••\"");
        String id = body(created).get("id").asText();
        var dup = send(request(alice, "/api/shops").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"Etsy 2\",\"platform\":\"etsy\",\"platformShopId\":\"e-1\"}")).build());
        assertThat(dup.statusCode()).isEqualTo(409);
        var patched = send(request(alice, "/api/shops/" + id).header("Content-Type", "application/json").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"shopConfig\":{\"token\":\"" + secret + "-2\"}}")).build());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(new String(patched.body(), StandardCharsets.UTF_8)).doesNotContain(secret).contains("token", "apiKey");
        assertThat(new String(send(request(alice, "/api/shops").GET().build()).body(), StandardCharsets.UTF_8)).doesNotContain(secret);
        assertThat(new String(send(request(alice, "/api/shops/" + id).GET().build()).body(), StandardCharsets.UTF_8)).doesNotContain(secret);
        var badPlatform = send(request(alice, "/api/shops").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"X\",\"platform\":\"ebay\"}")).build());
        assertThat(badPlatform.statusCode()).isEqualTo(400);
        var unknownField = send(request(alice, "/api/shops").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"X\",\"platform\":\"etsy\",\"organizationId\":\"" + bob.org() + "\"}")).build());
        assertThat(unknownField.statusCode()).isEqualTo(400);
        Person member = person("carol", alice.org(), "member");
        assertThat(send(request(member, "/api/shops/" + id).DELETE().build()).statusCode()).isEqualTo(403);
        assertThat(send(request(alice, "/api/shops/" + id).DELETE().build()).statusCode()).isEqualTo(204);
        // the audit trail (every event, all organizations) holds no secret
        String events = text("SELECT event_type || ' ' || coalesce(event_data::text, '') FROM events");
        assertThat(events).contains("shop.created", "shop.updated", "shop.deleted").doesNotContain(secret);
        assertThat(text("SELECT shop_config::text FROM shops")).doesNotContain(secret);
    }

    @Test
    void canvasConfigsCrudWithValidation() {
        var created = send(request(bob, "/api/canvas-configs").header("Content-Type", "application/json").POST(
                HttpRequest.BodyPublishers.ofString("{\"name\":\"22in roll\",\"widthInches\":22,\"heightInches\":60}")).build());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = body(created);
        assertThat(c.get("dpi").asInt()).isEqualTo(300);
        assertThat(c.get("spacingWidthInches").asDouble()).isEqualTo(0.125);
        String id = c.get("id").asText();
        var bad = send(request(bob, "/api/canvas-configs").header("Content-Type", "application/json").POST(
                HttpRequest.BodyPublishers.ofString("{\"name\":\"\",\"widthInches\":-1,\"heightInches\":5,\"dpi\":5}")).build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("errors").fieldNames()).toIterable().contains("name", "widthInches", "dpi");
        var patched = send(request(bob, "/api/canvas-configs/" + id).header("Content-Type", "application/json").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"dpi\":600}")).build());
        assertThat(body(patched).get("dpi").asInt()).isEqualTo(600);
        assertThat(send(request(alice, "/api/canvas-configs/" + id).GET().build()).statusCode()).isEqualTo(404);
        assertThat(body(send(request(bob, "/api/canvas-configs").GET().build())).get("items")).hasSize(1);
        assertThat(send(request(bob, "/api/canvas-configs/" + id).DELETE().build()).statusCode()).isEqualTo(204);
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
