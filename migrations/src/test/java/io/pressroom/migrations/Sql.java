package io.pressroom.migrations;

import io.pressroom.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Small JDBC helpers for the migration tests. */
final class Sql {
    private Sql() {}

    static long count(TestPostgres.Db db, String sql) {
        return Long.parseLong(one(db, sql));
    }

    static String one(TestPostgres.Db db, String sql) {
        List<String> rows = column(db, sql);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + ": " + sql);
        }
        return rows.get(0);
    }

    static List<String> column(TestPostgres.Db db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** {@code EXPLAIN (COSTS OFF) sql}, one line per plan line, after {@code settings} (e.g. {@code SET enable_seqscan = off}) on the same connection. */
    static String plan(TestPostgres.Db db, String sql, String... settings) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String setting : settings) {
                st.execute(setting);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("EXPLAIN (COSTS OFF) " + sql)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("\n", lines);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Set<String> set(TestPostgres.Db db, String sql) {
        return new TreeSet<>(column(db, sql));
    }

    /** The SQLSTATE of running {@code sql}, or null when it succeeded. */
    static String stateOf(TestPostgres.Db db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** The legacy application's schema (V1's script), run outside Flyway: a production database before Pressroom. */
    /**
     * Makes a login role that owns DB's database but is no superuser (no BYPASSRLS, no CREATEROLE),
     * as a managed PostgreSQL gives an application, with the migrations' cluster-wide roles made and
     * granted by the cluster's admin (such an owner cannot make them itself); answers a data
     * source that connects as it.
     */
    static org.postgresql.ds.PGSimpleDataSource nonSuperuserOwner(TestPostgres.Db db) {
        String owner = "owner_" + db.name();
        db.exec("CREATE ROLE " + owner + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE;"
                + "ALTER DATABASE " + db.name() + " OWNER TO " + owner + ";"
                + "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pressroom_app') THEN "
                + "CREATE ROLE pressroom_app NOLOGIN NOINHERIT; END IF; END $$;"
                + "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pressroom_definer') THEN "
                + "CREATE ROLE pressroom_definer NOLOGIN NOINHERIT; END IF; END $$;"
                + "GRANT pressroom_app TO " + owner + ";"
                + "GRANT pressroom_definer TO " + owner + " WITH INHERIT FALSE, SET TRUE;");
        var asOwner = new org.postgresql.ds.PGSimpleDataSource();
        asOwner.setURL(db.jdbcUrl());
        asOwner.setUser(owner);
        return asOwner;
    }

    static void createLegacySchema(TestPostgres.Db db) {
        db.exec(resource("/db/migration/V1__legacy_single_tenant_schema.sql"));
    }

    static String resource(String path) {
        try (InputStream in = Sql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** n legacy users (with bcrypt-looking hashes) and one canvas config for every tenth. */
    static void seedLegacyUsers(TestPostgres.Db db, int n) {
        db.exec("INSERT INTO users (email, password_hash, name, is_admin) "
                + "SELECT 'legacy' || g || '@example.com', '$2b$12$' || md5(g::text) || md5(g::text), 'User ' || g, g = 1 "
                + "FROM generate_series(1, " + n + ") g");
        db.exec("INSERT INTO canvas_configs (user_id, name, width_inches, height_inches) "
                + "SELECT id, 'canvas of ' || email, 22, 24 FROM users WHERE email ~ '^legacy[0-9]*0@'");
        db.exec("INSERT INTO templates (name, width_inches, height_inches) VALUES ('A4', 8.27, 11.69)");
    }
}
