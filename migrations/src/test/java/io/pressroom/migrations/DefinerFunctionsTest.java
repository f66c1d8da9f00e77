package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.testing.TestPostgres;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * No SECURITY DEFINER function of the schema is executable by PUBLIC, whether a superuser or a
 * non-superuser owner migrated (V18); pressroom_app executes every one.
 */
class DefinerFunctionsTest {

    static final String DEFINER_FUNCTIONS = "SELECT p.oid::regprocedure::text FROM pg_proc p "
            + "WHERE p.prosecdef AND p.pronamespace = 'public'::regnamespace";
    static final String EXECUTABLE_BY_PUBLIC = " AND EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a "
            + "WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')";
    static final String NOT_EXECUTABLE_BY_APP = " AND NOT has_function_privilege('pressroom_app', p.oid, 'EXECUTE')";

    @Test
    void migratedByASuperuser() {
        var db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate();

        assertClosedToPublicAndOpenToTheApp(db);
        assertThat(Sql.stateOf(db, "CREATE ROLE stranger_" + db.name() + " LOGIN; SET ROLE stranger_" + db.name() + ";"
                + "SELECT * FROM pressroom_login_credentials('a@example.com')")).isEqualTo("42501");
        // functions made by later migrations are closed by default too
        db.exec("CREATE FUNCTION pressroom_probe() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'");
        assertThat(Sql.column(db, DEFINER_FUNCTIONS + EXECUTABLE_BY_PUBLIC)).isEmpty();
        assertThat(Sql.column(db, DEFINER_FUNCTIONS + NOT_EXECUTABLE_BY_APP)).isEmpty();
    }

    @Test
    void migratedByANonSuperuserOwner() {
        var db = TestPostgres.newDatabase();
        PGSimpleDataSource asOwner = Sql.nonSuperuserOwner(db);
        var migrations = new Migrations(asOwner);

        migrations.migrate();

        assertClosedToPublicAndOpenToTheApp(db);
        assertThat(Sql.one(db, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'pressroom_is_system_admin'"))
                .isEqualTo("pressroom_definer");
        // the owner still reads its tables under FORCE ROW LEVEL SECURITY (policies TO PUBLIC call
        // pressroom_is_system_admin(), which it executes)
        assertThat(migrations.adoptDefaultOrganization().organizationCreated()).isTrue();
        assertThat(Sql.count(db, "SELECT count(*) FROM organizations")).isEqualTo(1);
    }

    private static void assertClosedToPublicAndOpenToTheApp(TestPostgres.Db db) {
        assertThat(Sql.set(db, DEFINER_FUNCTIONS)).as("the definer functions").hasSizeGreaterThan(10)
                .contains("pressroom_login_credentials(text)", "pressroom_is_system_admin()", "pressroom_protect_used_template()");
        assertThat(Sql.column(db, DEFINER_FUNCTIONS + EXECUTABLE_BY_PUBLIC)).as("executable by PUBLIC").isEmpty();
        assertThat(Sql.column(db, DEFINER_FUNCTIONS + NOT_EXECUTABLE_BY_APP)).as("not executable by pressroom_app").isEmpty();
        assertThat(Set.copyOf(Sql.column(db, "SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc p WHERE p.prosecdef "
                + "AND p.pronamespace = 'public'::regnamespace"))).containsExactly("pressroom_definer");
    }
}
