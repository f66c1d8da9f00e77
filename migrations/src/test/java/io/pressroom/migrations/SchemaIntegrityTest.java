package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database itself refuses what no organization's data may hold, whoever connects. */
class SchemaIntegrityTest {

    static final String FK = "23503";
    static final String CHECK = "23514";
    static final String UNIQUE = "23505";
    static final String NOT_NULL = "23502";

    TestPostgres.Db db;
    UUID user = UUID.randomUUID();
    UUID orgA = UUID.randomUUID();
    UUID orgB = UUID.randomUUID();
    UUID printerA = UUID.randomUUID();
    UUID printerB = UUID.randomUUID();
    UUID shopB = UUID.randomUUID();
    UUID fileA = UUID.randomUUID();
    UUID fileB = UUID.randomUUID();
    UUID template = UUID.randomUUID();

    @BeforeEach
    void twoOrganizations() {
        db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + user + "', 'u@example.com', 'x');"
                + "INSERT INTO templates (id, name) VALUES ('" + template + "', 'A4');"
                + "INSERT INTO organizations (id, name) VALUES ('" + orgA + "', 'A'), ('" + orgB + "', 'B');"
                + printer(printerA, orgA, false) + printer(printerB, orgB, false)
                + "INSERT INTO shops (id, organization_id, name, platform) VALUES ('" + shopB + "', '" + orgB + "', 'S', 'etsy');"
                + file(fileA, orgA) + file(fileB, orgB));
    }

    String printer(UUID id, UUID org, boolean isDefault) {
        return "INSERT INTO printers (id, organization_id, user_id, name, printer_type, max_width_inches, max_height_inches, is_default) "
                + "VALUES ('" + id + "', '" + org + "', '" + user + "', 'P', 'dtf', 22, 24, " + isDefault + ");";
    }

    String file(UUID id, UUID org) {
        return "INSERT INTO files (id, organization_id, filename, original_filename, file_path, file_size, mime_type, file_hash) "
                + "VALUES ('" + id + "', '" + org + "', 'f.png', 'f.png', 'ab/cd', 10, 'image/png', '" + sha(id) + "');";
    }

    static String sha(UUID id) {
        String hex = id.toString().replace("-", "");
        return hex + hex;
    }

    String job(UUID org, String columns, String values) {
        return "INSERT INTO print_jobs (organization_id, created_by_user_id, job_name" + columns + ") VALUES ('" + org + "', '"
                + user + "', 'job'" + values + ")";
    }

    @Test
    void aJobCannotNameAnotherOrganizationsPrinterShopOrFile() {
        assertThat(Sql.stateOf(db, job(orgA, ", printer_id", ", '" + printerB + "'"))).isEqualTo(FK);
        assertThat(Sql.stateOf(db, job(orgA, ", shop_id", ", '" + shopB + "'"))).isEqualTo(FK);
        assertThat(Sql.stateOf(db, job(orgA, ", file_ids", ", ARRAY['" + fileA + "', '" + fileB + "']::uuid[]"))).isEqualTo(FK);
        assertThat(Sql.stateOf(db, job(orgA, ", file_ids", ", ARRAY['" + UUID.randomUUID() + "']::uuid[]"))).isEqualTo(FK);
        assertThat(Sql.stateOf(db, job(orgA, ", file_ids", ", ARRAY[NULL]::uuid[]"))).isEqualTo(FK);
        // and the same references within the organization are accepted
        assertThat(Sql.stateOf(db, job(orgA, ", printer_id, file_ids", ", '" + printerA + "', ARRAY['" + fileA + "', '" + fileA + "']::uuid[]")))
                .isNull();
        assertThat(Sql.stateOf(db, job(orgA, ", file_ids", ", '{}'::uuid[]"))).isNull();
        assertThat(Sql.count(db, "SELECT count(*) FROM print_jobs")).isEqualTo(2);
    }

    @Test
    void anUpdateCannotPointAJobOrMoveARowAcrossOrganizations() {
        db.exec(job(orgA, ", printer_id, file_ids", ", '" + printerA + "', ARRAY['" + fileA + "']::uuid[]"));
        assertThat(Sql.stateOf(db, "UPDATE print_jobs SET printer_id = '" + printerB + "'")).isEqualTo(FK);
        assertThat(Sql.stateOf(db, "UPDATE print_jobs SET file_ids = ARRAY['" + fileB + "']::uuid[]")).isEqualTo(FK);
        assertThat(Sql.stateOf(db, "UPDATE print_jobs SET organization_id = '" + orgB + "'")).isNotNull();
        assertThat(Sql.stateOf(db, "UPDATE files SET organization_id = '" + orgB + "' WHERE id = '" + fileA + "'")).isNotNull();
        assertThat(Sql.one(db, "SELECT printer_id FROM print_jobs")).isEqualTo(printerA.toString());
    }

    @Test
    void aFileUsedByAnUnfinishedJobCannotBeDeletedButItsOrganizationCan() {
        db.exec(job(orgA, ", file_ids", ", ARRAY['" + fileA + "']::uuid[]"));
        assertThat(Sql.stateOf(db, "DELETE FROM files WHERE id = '" + fileA + "'")).isEqualTo(FK);
        db.exec("UPDATE print_jobs SET status = 'completed'");
        assertThat(Sql.stateOf(db, "DELETE FROM files WHERE id = '" + fileA + "'")).isNull();

        db.exec(file(fileA, orgA) + job(orgA, ", file_ids", ", ARRAY['" + fileA + "']::uuid[]"));
        assertThat(Sql.stateOf(db, "DELETE FROM organizations WHERE id = '" + orgA + "'")).isNull();
        assertThat(Sql.count(db, "SELECT count(*) FROM files WHERE organization_id = '" + orgA + "'")).isZero();
    }

    @Test
    void aConcurrentDeleteOfAFileWaitsForTheJobThatNamesItAndIsThenRefused() throws Exception {
        try (Connection jobTx = db.dataSource().getConnection(); Statement st = jobTx.createStatement()) {
            jobTx.setAutoCommit(false);
            st.execute(job(orgA, ", file_ids", ", ARRAY['" + fileA + "']::uuid[]"));
            CompletableFuture<String> delete = CompletableFuture.supplyAsync(
                    () -> Sql.stateOf(db, "DELETE FROM files WHERE id = '" + fileA + "'"));
            // the delete waits on the job's row lock of the file (FOR KEY SHARE)
            waitUntil(() -> Sql.count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                    + "AND query LIKE 'DELETE FROM files%'") == 1);
            jobTx.commit();
            assertThat(delete.get(30, TimeUnit.SECONDS)).isEqualTo(FK);
        }
        assertThat(Sql.count(db, "SELECT count(*) FROM files WHERE id = '" + fileA + "'")).isEqualTo(1);
    }

    @Test
    void oneDefaultPrinterPerOrganization() {
        db.exec("UPDATE printers SET is_default = true WHERE id = '" + printerA + "'");
        assertThat(Sql.stateOf(db, printer(UUID.randomUUID(), orgA, true))).isEqualTo(UNIQUE);
        assertThat(Sql.stateOf(db, printer(UUID.randomUUID(), orgB, true))).isNull();
        assertThat(Sql.stateOf(db, printer(UUID.randomUUID(), orgA, false))).isNull();
        assertThat(Sql.count(db, "SELECT count(*) FROM printers WHERE is_default")).isEqualTo(2);
    }

    @Test
    void checkConstraintsRefuseBadStatusesRolesPrioritiesPercentagesAndNulls() {
        assertThat(Sql.stateOf(db, job(orgA, ", status", ", 'done'"))).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, job(orgA, ", priority", ", 101"))).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, job(orgA, ", priority", ", -1"))).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, job(orgA, ", priority", ", NULL"))).isEqualTo(NOT_NULL);
        assertThat(Sql.stateOf(db, job(orgA, ", progress_percentage", ", 101"))).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, job(orgA, ", progress_percentage", ", -5"))).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, job(orgA, ", progress_percentage", ", NULL"))).isEqualTo(NOT_NULL);
        assertThat(Sql.stateOf(db, job(orgA, ", job_name", ", ' '").replace("job_name, job_name", "job_name"))).isNotNull();
        assertThat(Sql.stateOf(db, job(orgA, ", started_at, completed_at", ", now(), now() - interval '1 hour'"))).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('"
                + orgA + "', '" + user + "', 'owner')")).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "INSERT INTO shops (organization_id, name, platform) VALUES ('" + orgA + "', 'S', 'ebay')"))
                .isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "UPDATE printers SET dpi = 0")).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "UPDATE printers SET max_width_inches = -3")).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "UPDATE printers SET is_default = NULL")).isEqualTo(NOT_NULL);
        assertThat(Sql.stateOf(db, "UPDATE printers SET supported_template_ids = ARRAY['" + UUID.randomUUID() + "']::uuid[]"))
                .isEqualTo(FK);
        assertThat(Sql.stateOf(db, "UPDATE printers SET supported_template_ids = ARRAY['" + template + "']::uuid[]")).isNull();
        assertThat(Sql.stateOf(db, "UPDATE files SET file_hash = 'not-a-hash'")).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "UPDATE files SET storage_backend = '../etc'")).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "INSERT INTO events (event_type, entity_type) VALUES ('', 'x')")).isEqualTo(CHECK);
        assertThat(Sql.stateOf(db, "UPDATE canvas_configs SET dpi = 0")).isNull(); // no rows: the check is there …
        db.exec("INSERT INTO canvas_configs (name, width_inches, height_inches) VALUES ('c', 1, 1)");
        assertThat(Sql.stateOf(db, "UPDATE canvas_configs SET dpi = 0")).isEqualTo(CHECK); // … and refuses
        assertThat(Sql.count(db, "SELECT count(*) FROM print_jobs")).isZero();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unused")
    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
