package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.testing.TestPostgres;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * Versions are allocated ahead of time, so a lower version can land on main after a developer's
 * database was migrated past it. The next build must apply it, and say the database is behind
 * until then.
 */
class MigrationsOutOfOrderTest {

    private static final List<String> LANDED_LATE = List.of("classpath:db/landed-late");

    @Test
    void aLowerVersionLandingLateMakesTheDatabaseBehindAndMigrateAppliesIt() {
        var db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate("10"); // a dev database, migrated before V9.5 landed
        new Migrations(db.dataSource()).migrate();
        var build = new Migrations(db.dataSource(), LANDED_LATE); // the build that has V9.5

        assertThat(build.state()).isEqualTo(Migrations.SchemaState.BEHIND);
        assertThat(build.info()).filteredOn(s -> s.version().equals("9.5"))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("Pending"));

        var result = build.migrate();

        assertThat(result.applied()).isEqualTo(1);
        assertThat(build.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'landed_late'")).isEqualTo(1);
        assertThat(build.info()).filteredOn(s -> s.version().equals("9.5"))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("Out of Order"));
        assertThat(build.migrate().applied()).isZero();
    }

    @Test
    void withoutOutOfOrderFlywayRefusesSuchADatabase() {
        var db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate();

        // what Migrations configured before: the same scripts, outOfOrder off
        Flyway strict = Flyway.configure().configuration(new Migrations(db.dataSource(), LANDED_LATE).flyway().getConfiguration())
                .outOfOrder(false).load();

        assertThatThrownBy(strict::validate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("not applied");
        assertThat(new Migrations(db.dataSource(), LANDED_LATE).state()).isEqualTo(Migrations.SchemaState.BEHIND);
    }
}
