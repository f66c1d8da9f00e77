package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.testing.TestPostgres;
import org.junit.jupiter.api.Test;

class MigrationsSmokeTest {

    @Test
    void freshDatabaseMigratesToCurrentAndTwiceIsANoOp() {
        var db = TestPostgres.newDatabase();
        var migrations = new Migrations(db.dataSource());
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.EMPTY);
        var first = migrations.migrate();
        assertThat(first.applied()).isGreaterThanOrEqualTo(3);
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(migrations.migrate().applied()).isZero();
    }
}
