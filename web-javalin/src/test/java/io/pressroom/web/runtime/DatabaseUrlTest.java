package io.pressroom.web.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void railwayFormWithEveryPart() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s3cret@db.example.com:6543/pressroom?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/pressroom?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void percentEncodedPasswordWithSpecialCharacters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app%40corp:p%40ss%3Aw%2Fo%3Frd%23%25+x@localhost:5432/db");
        assertThat(url.user()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p@ss:w/o?rd#%+x");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/db");
    }

    @Test
    void unencodedAtAndColonInThePasswordAreTolerated() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p@ss:word@host/db");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void missingPortMeans5432AndSslmodeIsKeptWithOtherParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@host/db?sslmode=verify-full&connectTimeout=5");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db?sslmode=verify-full&connectTimeout=5");
    }

    @Test
    void missingDatabaseMeansTheUsersName() {
        assertThat(DatabaseUrl.parse("postgres://alice:x@host:5433").jdbcUrl()).isEqualTo("jdbc:postgresql://host:5433/alice");
        assertThat(DatabaseUrl.parse("postgres://alice:x@host:5433/").jdbcUrl()).isEqualTo("jdbc:postgresql://host:5433/alice");
    }

    @Test
    void ipv6Host() {
        assertThat(DatabaseUrl.parse("postgres://u:p@[::1]:5439/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5439/db");
        assertThat(DatabaseUrl.parse("postgres://u:p@[::1]/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void noUserInfo() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://host:5432/db");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void jdbcFormIsUsedAsIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=p&sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=p&sslmode=require");
        assertThat(url.user()).isNull();
        assertThat(url.describe()).doesNotContain("password=p").contains("password=***");
    }

    @Test
    void describeNeverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:hunter2@host/db");
        assertThat(url.describe()).doesNotContain("hunter2").contains("host:5432/db").contains("app");
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @Test
    void otherSchemesAndBadPortsAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:hunter2@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres://").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:hunter2@h:notaport/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void libpqVariables() {
        DatabaseUrl url = DatabaseUrl.fromEnvironment(Map.of("PGHOST", "pg.internal", "PGPORT", "5444", "PGUSER", "app",
                "PGPASSWORD", "pw", "PGDATABASE", "shop", "PGSSLMODE", "require"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.internal:5444/shop?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("pw");
    }

    @Test
    void databaseUrlWinsOverLibpqVariablesAndNothingMeansEmbedded() {
        DatabaseUrl url = DatabaseUrl.fromEnvironment(Map.of("DATABASE_URL", "postgres://a:b@one/x", "PGHOST", "two"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://one:5432/x");
        assertThat(DatabaseUrl.fromEnvironment(Map.of())).isNull();
        assertThat(DatabaseUrl.fromEnvironment(Map.of("PGUSER", "only-a-user"))).isNull();
    }
}
