package io.pressroom.persistence.organization;

import io.pressroom.Pressroom;
import io.pressroom.domain.shared.Caller;
import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh database with Pressroom over it, and users made directly in SQL (the identity side is not needed here). */
final class OrgFixture implements AutoCloseable {
    final TestPostgres.Db db = TestPostgres.newDatabase();
    final Pressroom pressroom = Pressroom.builder().dataSource(db.dataSource()).build();

    Caller user(String email) {
        return Caller.user(insertUser(email, false), false, "203.0.113.7", "test-agent");
    }

    Caller systemAdmin(String email) {
        return Caller.user(insertUser(email, true), true, "203.0.113.8", "test-agent");
    }

    UUID insertUser(String email, boolean admin) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO users (email, password_hash, name, is_admin) VALUES (?, 'x', ?, ?) RETURNING id")) {
            ps.setString(1, email);
            ps.setString(2, email.substring(0, email.indexOf('@')));
            ps.setBoolean(3, admin);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One number from SQL run as the superuser (which row-level security does not stop). */
    long count(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Object value(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long events() {
        return count("SELECT count(*) FROM events");
    }

    @Override
    public void close() {
        pressroom.close();
    }
}
