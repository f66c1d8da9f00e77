package io.pressroom.persistence.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database's own walls, in raw SQL: row-level security for the runtime role (with a
 * tenant, without one), the composite foreign keys, the append-only audit trail (even for a
 * superuser), and the narrow definer functions.
 */
class TenantWallsTest {
    private static final OrgFixture F = new OrgFixture();
    private static Caller ann;
    private static Caller bob;
    private static UUID orgA;
    private static UUID orgB;

    @BeforeAll
    static void twoOrganizationsWithData() {
        ann = F.user("ann@walls.test");
        bob = F.user("bob@walls.test");
        orgA = F.pressroom.organizations().create(ann, new NewOrganization("A", null)).organization().id();
        orgB = F.pressroom.organizations().create(bob, new NewOrganization("B", null)).organization().id();
        F.pressroom.invitations().invite(ann, orgA, "x@walls.test", Role.MEMBER, null);
        F.pressroom.invitations().invite(bob, orgB, "y@walls.test", Role.MEMBER, null);
        for (UUID org : List.of(orgA, orgB)) {
            UUID owner = org.equals(orgA) ? ann.userId() : bob.userId();
            F.db.exec("INSERT INTO shops (organization_id, name, platform) VALUES ('" + org + "', 'shop', 'etsy');"
                    + "INSERT INTO printers (organization_id, user_id, name, printer_type, max_width_inches, max_height_inches) "
                    + "VALUES ('" + org + "', '" + owner + "', 'p', 'dtf', 22, 60);"
                    + "INSERT INTO files (organization_id, filename, original_filename, file_path, file_size, mime_type, file_hash) "
                    + "VALUES ('" + org + "', 'f', 'f.png', '/x', 1, 'image/png', '" + "a".repeat(63) + (org.equals(orgA) ? "1" : "2") + "');"
                    + "INSERT INTO print_jobs (organization_id, created_by_user_id, job_name) VALUES ('" + org + "', '" + owner + "', 'j');"
                    + "INSERT INTO canvas_configs (organization_id, user_id, name) VALUES ('" + org + "', '" + owner + "', 'c');"
                    + "INSERT INTO printer_keys (organization_id, printer_id, key_hash, key_prefix) SELECT organization_id, id, '"
                    + "b".repeat(63) + (org.equals(orgA) ? "1" : "2") + "', 'prk_x' FROM printers WHERE organization_id = '" + org + "';");
        }
    }

    @AfterAll
    static void close() {
        F.close();
    }

    /** Every table of the public schema that has an organization_id column. */
    private static List<String> tenantTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = F.db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.table_name FROM information_schema.columns c "
                     + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                     + "WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE' "
                     + "ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Runs {@code sql} as the runtime role in one transaction with the given tenant (null: none). */
    private static long countAsApp(UUID tenant, String sql) throws SQLException {
        try (Connection c = F.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('role', 'pressroom_app', true), set_config('pressroom.organization_id', '"
                        + (tenant == null ? "" : tenant) + "', true)");
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void execAsApp(UUID tenant, String sql) throws SQLException {
        try (Connection c = F.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('role', 'pressroom_app', true), set_config('pressroom.organization_id', '"
                        + (tenant == null ? "" : tenant) + "', true)");
                st.execute(sql);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void everyTenantTableHasRowSecurityEnabledAndForcedAndTheRuntimeRoleIsPowerless() throws SQLException {
        List<String> tables = tenantTables();
        assertThat(tables).contains("organization_members", "organization_invitations", "events", "shops", "files", "printers",
                "print_jobs", "canvas_configs");
        for (String t : tables) {
            assertThat(F.count("SELECT count(*) FROM pg_class WHERE relname = ? AND relnamespace = 'public'::regnamespace "
                    + "AND relrowsecurity AND relforcerowsecurity", t)).as(t + " has RLS enabled and forced").isEqualTo(1);
            assertThat(F.count("SELECT count(*) FROM pg_policies WHERE tablename = ?", t)).as(t + " has a policy").isPositive();
        }
        assertThat(F.count("SELECT count(*) FROM pg_roles WHERE rolname = 'pressroom_app' AND NOT rolsuper AND NOT rolbypassrls")).isEqualTo(1);
        assertThat(F.count("SELECT count(*) FROM pg_class WHERE relowner = 'pressroom_app'::regrole")).isZero();
        assertThat(F.count("SELECT count(*) FROM pg_roles WHERE rolname = 'pressroom_definer' AND NOT rolsuper AND NOT rolbypassrls "
                + "AND NOT rolcanlogin")).isEqualTo(1);
        assertThat(F.count("SELECT count(*) FROM pg_class WHERE relowner = 'pressroom_definer'::regrole")).isZero();
        assertThat(F.count("SELECT count(*) FROM pg_auth_members WHERE roleid = 'pressroom_definer'::regrole "
                + "AND member = 'pressroom_app'::regrole")).isZero();
    }

    @Test
    void withoutATenantTheRuntimeRoleSeesNoRowsAtAll() throws SQLException {
        for (String t : tenantTables()) {
            assertThat(F.count("SELECT count(*) FROM " + t)).as(t + " has rows (as the superuser)").isPositive();
            assertThat(countAsApp(null, "SELECT count(*) FROM " + t)).as(t + " without a tenant").isZero();
        }
        assertThat(countAsApp(null, "SELECT count(*) FROM organizations")).isZero();
    }

    @Test
    void withTenantATheOtherOrganizationsRowsAreInvisibleAndCannotBeWritten() throws SQLException {
        for (String t : tenantTables()) {
            long total = F.count("SELECT count(*) FROM " + t + " WHERE organization_id = ?", orgA);
            assertThat(countAsApp(orgA, "SELECT count(*) FROM " + t)).as(t + " with tenant A").isEqualTo(total);
            assertThat(countAsApp(orgA, "SELECT count(*) FROM " + t + " WHERE organization_id = '" + orgB + "'")).as(t).isZero();
        }
        assertThat(countAsApp(orgA, "SELECT count(*) FROM organizations")).isEqualTo(1);
        assertThat(countAsApp(orgA, "WITH u AS (UPDATE shops SET name = 'pwned' WHERE organization_id = '" + orgB
                + "' RETURNING 1) SELECT count(*) FROM u")).isZero();
        assertThat(countAsApp(orgA, "WITH d AS (DELETE FROM organization_members WHERE organization_id = '" + orgB
                + "' RETURNING 1) SELECT count(*) FROM d")).isZero();
        assertThatThrownBy(() -> execAsApp(orgA, "INSERT INTO shops (organization_id, name, platform) VALUES ('" + orgB + "', 's', 'etsy')"))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> execAsApp(orgA, "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('"
                + orgB + "', '" + ann.userId() + "', 'admin')")).hasMessageContaining("row-level security");
        assertThatThrownBy(() -> execAsApp(orgA, "INSERT INTO events (organization_id, event_type, entity_type) VALUES ('"
                + orgB + "', 'x', 'y')")).hasMessageContaining("row-level security");
        assertThatThrownBy(() -> execAsApp(orgA, "INSERT INTO organization_invitations (organization_id, email, role, token_hash, expires_at) "
                + "VALUES ('" + orgB + "', 'a@b.c', 'admin', '" + "b".repeat(64) + "', now())")).hasMessageContaining("row-level security");
    }

    @Test
    void aCrossOrganizationReferenceIsRefusedByTheDatabase() {
        String printerOfB = String.valueOf(F.value("SELECT id FROM printers WHERE organization_id = ?", orgB));
        String fileOfB = String.valueOf(F.value("SELECT id FROM files WHERE organization_id = ?", orgB));
        // even as the superuser, whom row-level security does not stop
        assertThatThrownBy(() -> F.db.exec("INSERT INTO print_jobs (organization_id, created_by_user_id, printer_id, job_name) VALUES ('"
                + orgA + "', '" + ann.userId() + "', '" + printerOfB + "', 'x')")).hasMessageContaining("print_jobs_printer_id_fkey");
        assertThatThrownBy(() -> F.db.exec("INSERT INTO print_jobs (organization_id, created_by_user_id, file_ids, job_name) VALUES ('"
                + orgA + "', '" + ann.userId() + "', ARRAY['" + fileOfB + "']::uuid[], 'x')")).hasMessageContaining("is not a file of organization");
    }

    @Test
    void eventsAreAppendOnlyEvenForTheSuperuser() {
        long events = F.events();
        assertThat(events).isPositive();
        assertThatThrownBy(() -> F.db.exec("UPDATE events SET event_type = 'forged'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> F.db.exec("DELETE FROM events")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> F.db.exec("TRUNCATE events")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> F.db.exec("SET session_replication_role = replica; DELETE FROM events")).hasMessageContaining("append-only");
        // hard-deleting an organization would cascade to its events: refused as well
        assertThatThrownBy(() -> F.db.exec("DELETE FROM organizations WHERE id = '" + orgA + "'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execAsApp(orgA, "DELETE FROM events")).isInstanceOf(SQLException.class);
        assertThat(F.events()).isEqualTo(events);
        assertThat(F.count("SELECT count(*) FROM events WHERE event_type = 'forged'")).isZero();
    }

    @Test
    void theDefinerFunctionsAnswerOnlyWhatTheirSecretOrCallerUnlocks() throws SQLException {
        // the statistics: refused unless the transaction's user is a system admin
        assertThatThrownBy(() -> countAsApp(null, "SELECT (pressroom_admin_stats()->>'users')::bigint"))
                .hasMessageContaining("system admin");
        UUID root = F.insertUser("root@walls.test", true);
        try (Connection c = F.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('role', 'pressroom_app', true), set_config('pressroom.user_id', '" + root + "', true)");
                try (ResultSet rs = st.executeQuery("SELECT (pressroom_admin_stats()->>'organizations')::bigint")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(2);
                }
                // a system admin outside the 'system' scope still sees no organization through the policies
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM organizations")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                st.execute("SELECT set_config('pressroom.scope', 'system', true)");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM organizations")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(2);
                }
                // but still no tenant rows
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM shops")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            } finally {
                c.rollback();
            }
        }
        // an invitation token's hash unlocks its organization's id, for a signed-in user only
        String hash = String.valueOf(F.value("SELECT token_hash FROM organization_invitations WHERE organization_id = ?", orgB));
        try (Connection c = F.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('role', 'pressroom_app', true)");
                try (PreparedStatement ps = c.prepareStatement("SELECT pressroom_invitation_organization(?)")) {
                    ps.setString(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getObject(1)).isNull();
                    }
                    st.execute("SELECT set_config('pressroom.user_id', '" + ann.userId() + "', true)");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getObject(1, UUID.class)).isEqualTo(orgB);
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM organization_invitations")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            } finally {
                c.rollback();
            }
        }
    }
}
