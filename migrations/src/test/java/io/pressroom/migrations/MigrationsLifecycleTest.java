package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** migrate / info / baseline / adopt-default-org / rollback, as an operator runs them. */
class MigrationsLifecycleTest {

    static final String USERS_DIGEST = "SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM "
            + "(SELECT id, email, password_hash, name, is_admin, created_at, updated_at FROM users) t";
    static final String CONFIGS_DIGEST = "SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM "
            + "(SELECT id, user_id, name, width_inches, height_inches, created_at, updated_at FROM canvas_configs) t";

    @Test
    void freshDatabaseMigratesToCurrentAndTheSecondRunIsANoOp() {
        var db = TestPostgres.newDatabase();
        var migrations = new Migrations(db.dataSource());

        var first = migrations.migrate();
        String schemaAfterFirst = schemaFingerprint(db);
        var second = migrations.migrate();

        assertThat(first.fromVersion()).isNull();
        assertThat(first.applied()).isEqualTo(migrations.info().size());
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(second.applied()).isZero();
        assertThat(second.toVersion()).isEqualTo(first.toVersion());
        assertThat(schemaFingerprint(db)).isEqualTo(schemaAfterFirst);
        assertThat(migrations.info()).allSatisfy(step -> assertThat(step.state()).isEqualTo("Success"));
    }

    @Test
    void migrateOnALegacyDatabaseWithoutHistoryRefusesAndNamesBaseline() {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 10);
        var migrations = new Migrations(db.dataSource());

        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.LEGACY_UNMANAGED);
        assertThatThrownBy(migrations::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("baseline");
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'organizations'")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM users")).isEqualTo(10);
    }

    @Test
    void baselineThenMigrateAdoptsALegacyDatabaseKeepingEveryRow() {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 2_000);
        String usersBefore = Sql.one(db, USERS_DIGEST);
        String configsBefore = Sql.one(db, CONFIGS_DIGEST);
        var migrations = new Migrations(db.dataSource());

        migrations.baseline();
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.LEGACY);
        var result = migrations.migrate();

        assertThat(result.fromVersion()).isEqualTo(Migrations.LEGACY_VERSION);
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(Sql.one(db, USERS_DIGEST))
                .isEqualTo(usersBefore);
        assertThat(Sql.one(db, CONFIGS_DIGEST))
                .isEqualTo(configsBefore);
        // the seed's new canvas columns got their defaults on the old rows
        assertThat(Sql.count(db, "SELECT count(*) FROM canvas_configs WHERE dpi = 300 AND spacing_width_inches = 0.125 AND spacing_height_inches = 0.125"))
                .isEqualTo(200);
        assertThat(Sql.count(db, "SELECT count(*) FROM users WHERE org_id IS NOT NULL")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    @Test
    void baselineRefusesAnEmptyDatabaseAndAManagedOne() {
        var empty = TestPostgres.newDatabase();
        assertThatThrownBy(() -> new Migrations(empty.dataSource()).baseline())
                .isInstanceOf(MigrationException.class).hasMessageContaining("migrate");
        var managed = TestPostgres.newDatabase();
        new Migrations(managed.dataSource()).migrate();
        assertThatThrownBy(() -> new Migrations(managed.dataSource()).baseline())
                .isInstanceOf(MigrationException.class).hasMessageContaining("already");
    }

    @Test
    void adoptDefaultOrgTwiceMakesOneOrganizationAndEveryLegacyUserAnAdminMemberOnce() {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 12_345); // more than one adoption batch
        var migrations = new Migrations(db.dataSource());
        migrations.baseline();
        migrations.migrate();

        var first = migrations.adoptDefaultOrganization();
        var second = migrations.adoptDefaultOrganization();

        assertThat(first.organizationCreated()).isTrue();
        assertThat(first.usersAdopted()).isEqualTo(12_345);
        assertThat(first.membersAdded()).isEqualTo(12_345);
        assertThat(first.canvasConfigsAdopted()).isEqualTo(1_234);
        assertThat(second.organizationCreated()).isFalse();
        assertThat(second.organizationId()).isEqualTo(first.organizationId());
        assertThat(second.usersAdopted()).isZero();
        assertThat(second.membersAdded()).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM organizations WHERE name = 'Default Organization'")).isEqualTo(1);
        assertThat(Sql.count(db, "SELECT count(*) FROM organizations")).isEqualTo(1);
        assertThat(Sql.count(db, "SELECT count(*) FROM users WHERE org_id = '" + first.organizationId() + "'")).isEqualTo(12_345);
        assertThat(Sql.count(db, "SELECT count(*) FROM organization_members WHERE role = 'admin' AND organization_id = '"
                + first.organizationId() + "'")).isEqualTo(12_345);
        assertThat(Sql.count(db, "SELECT count(*) FROM (SELECT user_id FROM organization_members GROUP BY user_id HAVING count(*) > 1) d"))
                .isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM canvas_configs WHERE organization_id IS NULL")).isZero();
        assertThat(Sql.one(db, "SELECT settings ->> 'is_active' FROM organizations")).isEqualTo("true");
    }

    @Test
    void adoptDefaultOrgAlsoWorksForANewUserAddedBetweenRuns() {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 5);
        var migrations = new Migrations(db.dataSource());
        migrations.baseline();
        migrations.migrate();
        migrations.adoptDefaultOrganization();
        db.exec("INSERT INTO users (email, password_hash) VALUES ('late@example.com', '$2b$12$x')");

        var again = migrations.adoptDefaultOrganization();

        assertThat(again.usersAdopted()).isEqualTo(1);
        assertThat(Sql.count(db, "SELECT count(*) FROM organization_members")).isEqualTo(6);
        assertThat(Sql.count(db, "SELECT count(*) FROM organizations")).isEqualTo(1);
    }

    @Test
    void rollbackThenMigrateWorksAgainAndTheLegacyRowsStay() {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 100);
        var migrations = new Migrations(db.dataSource());
        migrations.baseline();
        migrations.migrate();
        migrations.adoptDefaultOrganization();
        String currentSchema = schemaFingerprint(db);

        migrations.rollback();

        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.LEGACY);
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN "
                + "('organizations','organization_members','shops','files','printers','print_jobs','events')")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'org_id'"))
                .isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM users")).isEqualTo(100);
        assertThat(Sql.count(db, "SELECT count(*) FROM canvas_configs")).isEqualTo(10);

        var again = migrations.migrate();

        assertThat(again.applied()).isGreaterThan(0);
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(schemaFingerprint(db)).isEqualTo(currentSchema);
        assertThat(migrations.adoptDefaultOrganization().usersAdopted()).isEqualTo(100);
    }

    @Test
    void migrateWithATargetStopsThereAndTheRestFollowsLater() {
        var db = TestPostgres.newDatabase();
        var migrations = new Migrations(db.dataSource());

        var toTwo = migrations.migrate("2");

        assertThat(toTwo.toVersion()).isEqualTo("2");
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.BEHIND);
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'print_jobs'")).isEqualTo(1);
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_users_org_id'")).isZero();

        var toOne = new Migrations(TestPostgres.newDatabase().dataSource()).migrate("1");
        assertThat(toOne.toVersion()).isEqualTo("1");

        migrations.migrate();
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_users_org_id'")).isEqualTo(1);
    }

    /** Tables, columns with type/nullability/default, indexes, constraints, triggers and policies of the public schema. */
    static String schemaFingerprint(TestPostgres.Db db) {
        return String.join("\n", Sql.column(db, """
                SELECT 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                UNION ALL SELECT 'idx ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                  AND tablename <> 'flyway_schema_history'
                UNION ALL SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
                UNION ALL SELECT 'trg ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL SELECT 'pol ' || tablename || ' ' || policyname || ' ' || coalesce(qual, '') FROM pg_policies
                ORDER BY 1
                """));
    }
}
