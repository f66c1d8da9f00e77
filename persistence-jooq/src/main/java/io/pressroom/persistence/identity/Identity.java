package io.pressroom.persistence.identity;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.identity.AccountService;
import io.pressroom.domain.identity.LoginThrottle;
import io.pressroom.domain.identity.PasswordHasher;
import io.pressroom.domain.identity.PasswordResetRepository;
import io.pressroom.domain.identity.SessionRepository;
import io.pressroom.domain.identity.UserAdministrationService;
import io.pressroom.domain.identity.UserRepository;
import io.pressroom.domain.shared.Transactions;
import io.pressroom.migrations.Migrations;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The identity services assembled for {@code Pressroom}: over the V5 schema, or in compatibility mode. */
public record Identity(AccountService accounts, UserAdministrationService users, boolean compatibilityMode) {
    private static final Logger LOG = LoggerFactory.getLogger(Identity.class);
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofDays(7);

    public static boolean legacySchemaOnly(Migrations migrations) {
        Migrations.SchemaState state = migrations.state();
        return state == Migrations.SchemaState.LEGACY || state == Migrations.SchemaState.LEGACY_UNMANAGED;
    }

    public static Identity assemble(DSLContext dsl, Transactions transactions, AuditLog auditLog, Clock clock,
                                    Duration sessionTtl, LoginThrottle.Limits limits, PasswordHasher hasher,
                                    boolean compatibilityMode) {
        UserRepository users;
        SessionRepository sessions;
        PasswordResetRepository resets;
        LoginThrottle throttle;
        AuditLog audit;
        Transactions tx;
        if (compatibilityMode) {
            LOG.warn("compatibility mode: the database has the legacy schema only; existing users can log in, "
                    + "sessions are held in memory (lost on restart, not shared between instances), passwords are "
                    + "not rehashed and nothing is written. Run `pressroom migrate` to leave this mode.");
            tx = new CompatibilityTransactions(dsl);
            users = new JooqUserRepository(dsl, true);
            sessions = new InMemorySessionRepository();
            resets = new InMemoryPasswordResetRepository();
            throttle = new InMemoryLoginThrottle(limits, clock);
            audit = new LoggingAuditLog();
        } else {
            tx = transactions;
            users = new JooqUserRepository(dsl);
            sessions = new JooqSessionRepository(dsl);
            resets = new JooqPasswordResetRepository(dsl);
            throttle = new JooqLoginThrottle(dsl, limits);
            audit = auditLog;
        }
        AccountService accounts = new AccountService(tx, users, sessions, resets, hasher, throttle, audit, clock, sessionTtl,
                !compatibilityMode, compatibilityMode ? null : new JdbcSessionAccess(dsl, tx));
        UserAdministrationService admin = new UserAdministrationService(tx, users, sessions, resets, hasher, audit, clock);
        return new Identity(accounts, admin, compatibilityMode);
    }
}
