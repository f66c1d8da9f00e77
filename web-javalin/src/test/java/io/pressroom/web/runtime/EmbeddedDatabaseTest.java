package io.pressroom.web.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL: data kept across restarts under the data directory, fsync on. */
class EmbeddedDatabaseTest {

    @Test
    void keepsItsDataAcrossRestartsWithFsyncOn(@TempDir Path dataDir) throws Exception {
        Config config = Config.fromEnvironment(Map.of("PRESSROOM_DATA_DIR", dataDir.toString()));
        try (Database db = Database.open(config, null)) {
            assertThat(db.embedded()).isTrue();
            assertThat(db.description()).contains(dataDir.resolve("pg").toString());
            // a second server on the same data directory is refused, and does not stop the first one
            assertThatThrownBy(() -> Database.open(config, null)).isInstanceOf(Database.Unavailable.class)
                    .hasMessageContaining("another Pressroom");
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
                try (ResultSet rs = st.executeQuery("SHOW fsync")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("on");
                }
                try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(Database.EMBEDDED_DATABASE);
                }
            }
        }
        assertThat(Files.exists(dataDir.resolve("pg").resolve("PG_VERSION"))).isTrue();
        try (Database db = Database.open(config, null);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }
}
