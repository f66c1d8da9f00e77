package io.pressroom.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pressroom.web.testing.TestApp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Every page walked through in headless Chromium against a real server over a real database,
 * as a person would: sign up, create an organization, add printers, submit and watch jobs,
 * upload files, administer. Each page is photographed into target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {
    private static final String PASSWORD = TestApp.PASSWORD;
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private TestApp app;
    private Browser browser;

    @BeforeAll
    void start() {
        Browser.assumeInstalled();
        try {
            Path nas = Files.createTempDirectory("pressroom-browser-nas");
            app = TestApp.start(b -> b.fileStore(new io.pressroom.storage.nas.NasFileStore(nas)), io.pressroom.web.WebOptions.defaults());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browser = Browser.open(app.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void freshVisitor() {
        browser.resize(1366, 900);
        browser.forgetEverything();
    }

    @Test
    void the_login_page_renders_with_no_script_error_and_no_policy_violation() {
        browser.go("/login");
        browser.find("#login-form");
        browser.find("#signup-form");
        assertThat(browser.find("label[for=login-email]").getText()).isEqualTo("E-mail");
        browser.screenshot("login");
        browser.go("/signup");
        browser.waitFor(d -> "signup-name".equals(d.switchTo().activeElement().getAttribute("id")) ? true : null,
                "the signup form to have the focus");
        assertThat(browser.severeConsoleMessages()).isEmpty();
    }

    @Test
    void sign_up_then_log_out_and_log_in() {
        String email = signUp("Ada Lovelace");
        assertThat(browser.text("#who")).contains(email);
        assertThat(browser.driver().manage().getCookieNamed("pressroom_session")).isNotNull()
                .satisfies(c -> assertThat(c.isHttpOnly()).as("session cookie is HttpOnly").isTrue());
        assertThat(browser.script("return document.cookie")).asString().doesNotContain("pressroom_session");

        browser.click("#logout");
        browser.waitForPath("/login");
        browser.go("/jobs");
        browser.waitForPath("/login");
        assertThat(browser.driver().getCurrentUrl()).contains("next=%2Fjobs");

        browser.type("#login-email", email);
        browser.type("#login-password", PASSWORD);
        browser.click("#login-form button[type=submit]");
        browser.waitForPath("/jobs"); // back where they were going
        browser.waitForText("#who", email);
        browser.find("#no-org"); // no organization yet: asked to create one
        browser.screenshot("jobs-no-organization");
        assertThat(browser.severeConsoleMessages()).isEmpty();
    }

    @Test
    void a_form_submitted_before_its_page_binds_it_is_held_back_not_sent_natively() {
        browser.go("/login");
        browser.find("#login-form");
        assertThat(browser.script("return 'bound' in document.getElementById('login-form').dataset")).isEqualTo(true);
        // a form the page has not bound (as every form is while its page still loads its answers)
        browser.script("document.body.insertAdjacentHTML('beforeend',"
                + " '<form id=\"early\"><input name=\"password\" value=\"secret\"><button type=\"submit\">Go</button></form>');"
                + " document.querySelector('#early button').click();");
        browser.waitFor(d -> "complete".equals(browser.script("return document.readyState")) ? true : null, "the page settled");
        assertThat(browser.driver().getCurrentUrl()).as("no native GET with the fields in the URL").doesNotContain("secret");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.find("#early")).isNotNull(); // still the same document
    }

    @Test
    void a_wrong_password_and_a_bad_signup_are_answered_beside_their_fields() {
        browser.go("/signup");
        browser.type("#signup-name", "Bad Input");
        browser.type("#signup-email", "not-an-e-mail");
        browser.type("#signup-password", "short");
        browser.click("#signup-form button[type=submit]");
        WebElement error = browser.find("#signup-form .field-error");
        WebElement field = error.findElement(By.xpath("./ancestor::div[contains(@class,'field')][1]//input"));
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        browser.screenshot("signup-error");

        browser.type("#login-email", "nobody@example.com");
        browser.type("#login-password", "wrong password!");
        browser.click("#login-form button[type=submit]");
        browser.waitFor(d -> browser.text("#login-form .form-error").isBlank() ? null : true, "the login error");
        assertThat(browser.path()).as("stays on the page, signed out").isEqualTo("/signup");
        assertThat(browser.driver().manage().getCookieNamed("pressroom_session")).isNull();
        browser.screenshot("login-error");
    }

    @Test
    void create_an_organization_and_see_its_members() {
        String email = signUp("Grace Hopper");
        String org = createOrganization("Hopper Prints");
        browser.waitForText("#orgs-table tbody", "Hopper Prints");
        assertThat(new Select(browser.find("#org-switch")).getFirstSelectedOption().getText()).contains("Hopper Prints");
        browser.waitForText("#members-table tbody", email);
        assertThat(browser.text("#members-table tbody")).contains("admin");

        createOrganization("Second Shop");
        browser.waitForText("#orgs-table tbody", "Second Shop");
        // switch back with the header's organization selector
        new Select(browser.find("#org-switch")).selectByVisibleText("Hopper Prints (admin)");
        browser.waitFor(d -> org.equals(browser.script("return localStorage.getItem('pressroom.organizationId')")) ? true : null,
                "the active organization to be Hopper Prints");
        browser.waitForText("#members-title", "Hopper Prints");
        browser.screenshot("organizations");
    }

    @Test
    void add_printers_and_make_one_default() {
        signUp("Printer Admin");
        createOrganization("Default Prints");
        browser.go("/printers");
        addPrinter("DTF 24", "dtf", "24", "100");
        addPrinter("UV Flatbed", "uv", "16", "24");
        browser.waitForText("#printers-table tbody", "UV Flatbed");

        WebElement uvRow = row("#printers-table", "UV Flatbed");
        uvRow.findElement(By.cssSelector("button[aria-label^='Make default']")).click();
        browser.waitFor(d -> row("#printers-table", "UV Flatbed").findElements(By.cssSelector("[data-default=true]")).isEmpty() ? null : true,
                "UV Flatbed to be the default");
        assertThat(row("#printers-table", "DTF 24").findElements(By.cssSelector("[data-default=true]"))).isEmpty();

        // edit one: the form fills in, saves, and the table shows the change
        row("#printers-table", "DTF 24").findElement(By.cssSelector("button[aria-label^='Edit']")).click();
        assertThat(browser.find("#printer-name").getAttribute("value")).isEqualTo("DTF 24");
        browser.type("#printer-name", "DTF 24 wide");
        browser.click("#printer-submit");
        browser.waitForText("#printers-table tbody", "DTF 24 wide");

        // an agent key, shown once
        row("#printers-table", "UV Flatbed").findElement(By.cssSelector("button[aria-label^='Issue an agent key']")).click();
        assertThat(browser.find("#printer-key").getText()).isNotBlank();
        browser.screenshot("printers");
    }

    @Test
    void a_bad_printer_size_is_answered_beside_its_field() {
        signUp("Careless Admin");
        createOrganization("Careless Prints");
        browser.go("/printers");
        browser.type("#printer-name", "Broken");
        browser.type("#printer-type", "dtf");
        browser.type("#printer-width", "-3");
        browser.type("#printer-height", "10");
        browser.click("#printer-submit");
        WebElement error = browser.find("#printer-width ~ .field-error, #printer-width + .field-error");
        assertThat(error.getText()).containsIgnoringCase("width");
        WebElement width = browser.find("#printer-width");
        assertThat(width.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(width.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("printer-width");
        assertThat(browser.text("#printers-table tbody")).doesNotContain("Broken");
        browser.screenshot("printers-error");
    }

    @Test
    void submit_a_job_and_watch_its_progress_bar_move_as_the_agent_reports() {
        String email = signUp("Queue Watcher");
        UUID org = UUID.fromString(createOrganization("Live Prints"));
        String token = app.login(email, PASSWORD);
        String printerId = expect(201, app.post("/api/printers", token, org, Map.of(
                "name", "Roland", "printerType", "large-format", "maxWidthInches", 54, "maxHeightInches", 1200, "dpi", 720)))
                .path("id").asText();
        String key = expect(201, app.post("/api/printers/" + printerId + "/keys", token, org, Map.of())).path("key").asText();

        browser.go("/jobs");
        browser.waitForText("#live", "live");
        browser.type("#job-name", "Banner 3m");
        browser.type("#job-priority", "50");
        new Select(browser.find("#job-printer")).selectByValue(printerId);
        browser.click("#job-form button[type=submit]");
        browser.waitForText("#jobs-table tbody", "Banner 3m");
        browser.waitFor(d -> "pending".equals(row("#jobs-table", "Banner 3m").getAttribute("data-status")) ? true : null, "pending");
        browser.script("window.__sameDocument = true;");

        JsonNode claim = expect(200, app.post("/api/printers/" + printerId + "/claim", key, null, Map.of()));
        String jobId = claim.path("id").asText();
        String lease = claim.path("leaseToken").asText();
        browser.waitFor(d -> "printing".equals(jobRow(jobId).getAttribute("data-status")) ? true : null, "the job to show printing");

        for (int percent : new int[] {35, 80}) {
            expect(200, app.post("/api/print-jobs/" + jobId + "/progress", key, null, Map.of("leaseToken", lease, "percent", percent)));
            browser.waitFor(d -> String.valueOf(percent).equals(progressOf(jobId)) ? true : null, "the bar at " + percent + "%");
            browser.waitFor(d -> (percent + "%").equals(jobRow(jobId).findElement(By.cssSelector("[data-role=percent]")).getText()) ? true : null,
                    "the label at " + percent + "%");
        }
        browser.screenshot("jobs");
        browser.resize(820, 1180);
        browser.screenshot("jobs-tablet");
        browser.resize(1366, 900);

        expect(200, app.post("/api/print-jobs/" + jobId + "/complete", key, null, Map.of("leaseToken", lease)));
        browser.waitFor(d -> "completed".equals(jobRow(jobId).getAttribute("data-status")) ? true : null, "the job to show completed");
        assertThat(browser.script("return window.__sameDocument === true")).as("updated without reloading").isEqualTo(true);
    }

    @Test
    void hold_release_cancel_and_reprioritize_from_the_board() {
        signUp("Job Juggler");
        createOrganization("Juggled Prints");
        browser.go("/jobs");
        browser.type("#job-name", "Mugs");
        browser.click("#job-form button[type=submit]");
        browser.waitForText("#jobs-table tbody", "Mugs");
        inRow("Mugs", "button[aria-label='hold Mugs']", WebElement::click);
        browser.waitFor(d -> "held".equals(row("#jobs-table", "Mugs").getAttribute("data-status")) ? true : null, "held");
        inRow("Mugs", "button[aria-label='release Mugs']", WebElement::click);
        browser.waitFor(d -> "pending".equals(row("#jobs-table", "Mugs").getAttribute("data-status")) ? true : null, "pending again");
        inRow("Mugs", "input.priority", input -> browser.script(
                "arguments[0].value = '90'; arguments[0].dispatchEvent(new Event('change'));", input));
        browser.waitForText("#flash", "Priority of Mugs set to 90");
        inRow("Mugs", "button[aria-label='cancel Mugs']", WebElement::click);
        browser.waitFor(d -> "cancelled".equals(row("#jobs-table", "Mugs").getAttribute("data-status")) ? true : null, "cancelled");
        new Select(browser.find("#filter-status")).selectByValue("pending");
        browser.waitForText("#jobs-table tbody", "No jobs match.");
    }

    @Test
    void upload_a_file_and_see_its_size_and_dpi() throws IOException {
        signUp("File Uploader");
        createOrganization("Uploaded Prints");
        Path png = Files.createTempFile("artwork", ".png");
        Files.write(png, png(600, 300, 300));
        browser.go("/files");
        browser.find("#upload-file").sendKeys(png.toAbsolutePath().toString());
        browser.click("#upload-form button[type=submit]");
        browser.waitForText("#files-table tbody", png.getFileName().toString());
        WebElement row = row("#files-table", png.getFileName().toString());
        assertThat(row.getText()).contains("600 × 300").contains("300").contains("2.00 × 1.00");
        assertThat(browser.find("#upload-bar").getAttribute("value")).isEqualTo("100");
        browser.screenshot("files");
    }

    @Test
    void a_job_on_a_canvas_config_needs_its_dpi() throws IOException {
        String email = signUp("Gang Sheet Printer");
        UUID org = UUID.fromString(createOrganization("Gang Prints"));
        String token = app.login(email, PASSWORD);
        expect(201, app.post("/api/canvas-configs", token, org, Map.of("name", "Gang sheet 22", "widthInches", 22, "heightInches", 60, "dpi", 300)));
        String draft = expect(201, app.post("/api/canvas-configs", token, org,
                Map.of("name", "Draft sheet", "widthInches", 22, "heightInches", 60, "dpi", 150))).path("id").asText();
        Path png = Files.createTempFile("photo", ".png");
        Files.write(png, png(300, 450, 150)); // 2 x 3 in at 150 dpi
        browser.go("/files");
        browser.find("#upload-file").sendKeys(png.toAbsolutePath().toString());
        browser.click("#upload-form button[type=submit]");
        browser.waitForText("#files-table tbody", png.getFileName().toString());

        browser.go("/jobs");
        browser.waitFor(d -> browser.find("#job-canvas").findElements(By.tagName("option")).size() == 3 ? true : null,
                "the canvas configs in the form");
        browser.type("#job-name", "Gang 14");
        new Select(browser.find("#job-canvas")).selectByVisibleText("Gang sheet 22 (300 DPI)");
        browser.waitForText("#job-files-list", png.getFileName().toString());
        browser.find("#job-files-list input[type=checkbox]").click();
        browser.click("#job-form button[type=submit]");
        browser.waitForText("#job-form .form-error", "at least 300 dpi is needed, the dpi of canvas config \"Gang sheet 22\"");
        assertThat(browser.text("#job-form .form-error")).contains("at 150 dpi");
        assertThat(browser.text("#jobs-table tbody")).doesNotContain("Gang 14");
        browser.screenshot("jobs-canvas-dpi-refused");

        new Select(browser.find("#job-canvas")).selectByValue(draft);
        browser.click("#job-form button[type=submit]");
        browser.waitForText("#jobs-table tbody", "Gang 14");
        JsonNode jobs = expect(200, app.send("GET", "/api/print-jobs", token, org, null));
        assertThat(jobs.path("items").get(0).path("printConfig").path("canvasConfigId").asText()).isEqualTo(draft);
    }

    @Test
    void admin_is_open_to_a_system_admin_and_refused_to_a_member() {
        String admin = signUp("System Admin");
        app.db().exec("UPDATE users SET is_admin = true WHERE email = '" + admin.replace("'", "''") + "'");
        createOrganization("Admin's Own Prints");
        browser.go("/admin");
        browser.waitForText("#stats", "Users");
        browser.waitForText("#admin-users tbody", admin);
        browser.waitForText("#admin-orgs tbody", "Admin's Own Prints");
        assertThat(browser.find("nav.main a[href='/admin']").isDisplayed()).isTrue();
        browser.screenshot("admin");

        // more organizations than one page: "Show more" appends the next page, then hides
        app.db().exec("INSERT INTO organizations (name) SELECT 'Bulk Prints ' || g FROM generate_series(1, 130) g");
        browser.go("/admin");
        browser.waitFor(d -> browser.all("#admin-orgs tbody tr").size() == 100 ? true : null, "a first page of 100");
        browser.click("[data-more-for='#admin-orgs']");
        browser.waitFor(d -> browser.all("#admin-orgs tbody tr").size() > 100 ? true : null, "the second page appended");
        assertThat(browser.all("#admin-orgs tbody tr")).filteredOn(r -> r.getText().contains("Bulk Prints ")).hasSize(130);
        assertThat(browser.all("[data-more-for='#admin-orgs']").get(0).isDisplayed()).as("no third page").isFalse();
        int shown = browser.all("#admin-orgs tbody tr").size();
        // deactivating one redraws its row in place: the appended page stays
        browser.waitFor(d -> {
            row("#admin-orgs", "Admin's Own Prints").findElement(By.cssSelector("button[aria-label^='Deactivate']")).click();
            return true;
        }, "deactivating Admin's Own Prints");
        browser.waitFor(d -> row("#admin-orgs", "Admin's Own Prints").getText().contains("deactivated") ? true : null, "deactivated");
        assertThat(browser.all("#admin-orgs tbody tr")).hasSize(shown);

        browser.forgetEverything();
        signUp("Plain Member");
        browser.go("/admin");
        browser.find("#refused");
        assertThat(browser.all("#admin").get(0).isDisplayed()).isFalse();
        assertThat(browser.all("nav.main a[href='/admin']").get(0).isDisplayed()).isFalse();
        browser.screenshot("admin-refused");
    }

    // ---- steps ------------------------------------------------------------------------------

    private static JsonNode expect(int status, TestApp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.body();
    }

    /** Signs a new person up through /signup; answers their e-mail. */
    private String signUp(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z]+", ".") + "." + PEOPLE.incrementAndGet() + "." + System.nanoTime() + "@example.com";
        browser.go("/signup");
        browser.type("#signup-name", name);
        browser.type("#signup-email", email);
        browser.type("#signup-password", PASSWORD);
        browser.click("#signup-form button[type=submit]");
        browser.waitForPath("/organizations");
        browser.waitForText("#who", email);
        return email;
    }

    /** Creates an organization through /organizations (it becomes the active one); answers its id. */
    private String createOrganization(String name) {
        if (!"/organizations".equals(browser.path())) {
            browser.go("/organizations");
        }
        browser.type("#org-name", name);
        browser.click("#create-org-form button[type=submit]");
        browser.waitForText("#orgs-table tbody", name);
        return (String) browser.script("return localStorage.getItem('pressroom.organizationId')");
    }

    private void addPrinter(String name, String type, String width, String height) {
        browser.type("#printer-name", name);
        browser.type("#printer-type", type);
        browser.type("#printer-width", width);
        browser.type("#printer-height", height);
        browser.click("#printer-submit");
        browser.waitForText("#printers-table tbody", name);
    }

    private WebElement row(String table, String text) {
        return browser.waitFor(d -> d.findElements(By.cssSelector(table + " tbody tr")).stream()
                .filter(r -> r.getText().contains(text)).findFirst().orElse(null), "a row with " + text + " in " + table);
    }

    /** Acts on an element of a job's row, again if the live board re-rendered the row meanwhile. */
    private void inRow(String text, String css, java.util.function.Consumer<WebElement> action) {
        browser.waitFor(d -> {
            action.accept(row("#jobs-table", text).findElement(By.cssSelector(css)));
            return true;
        }, css + " in the row of " + text);
    }

    private WebElement jobRow(String jobId) {
        return browser.find("#jobs-table tr[data-id='" + jobId + "']");
    }

    private String progressOf(String jobId) {
        return jobRow(jobId).findElement(By.cssSelector("progress")).getAttribute("value");
    }

    /** A PNG of width × height pixels that says it is {@code dpi} dots per inch (a pHYs chunk, in pixels per metre). */
    static byte[] png(int width, int height, int dpi) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] plain = out.toByteArray();
        int perMetre = (int) Math.round(dpi / 0.0254);
        ByteBuffer chunk = ByteBuffer.allocate(4 + 4 + 9 + 4);
        chunk.putInt(9).put("pHYs".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(perMetre).putInt(perMetre).put((byte) 1);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + 9);
        chunk.putInt((int) crc.getValue());
        int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, then the IHDR chunk
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        result.write(plain, 0, afterHeader);
        result.write(chunk.array());
        result.write(plain, afterHeader, plain.length - afterHeader);
        return result.toByteArray();
    }
}
