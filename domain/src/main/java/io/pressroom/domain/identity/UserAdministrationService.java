package io.pressroom.domain.identity;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What system admins do with accounts, and how the first system admin comes to be (start-up
 * bootstrap and the {@code create-admin} command). Its units of work run in the system scope.
 */
public final class UserAdministrationService implements AdministerUsers, ManageSystemAdmins {

    /** The account created when no system admin exists and none is configured. */
    public static final String DEFAULT_ADMIN_EMAIL = "admin@pressroom.local";
    public static final Duration RESET_TOKEN_TTL = Duration.ofHours(24);

    private final Transactions transactions;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordResetRepository resets;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public UserAdministrationService(Transactions transactions, UserRepository users, SessionRepository sessions,
                                     PasswordResetRepository resets, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions);
        this.users = Objects.requireNonNull(users);
        this.sessions = Objects.requireNonNull(sessions);
        this.resets = Objects.requireNonNull(resets);
        this.hasher = Objects.requireNonNull(hasher);
        this.audit = Objects.requireNonNull(audit);
        this.clock = Objects.requireNonNull(clock);
    }

    private static TenantScope systemScope(Caller caller) {
        return new TenantScope(null, caller.userId(), TenantScope.Kind.SYSTEM);
    }

    @Override
    public Page<User> listUsers(Caller caller, PageRequest page, String emailPrefix) {
        caller.requireSystemAdmin();
        String prefix = emailPrefix == null || emailPrefix.isBlank() ? null : emailPrefix.strip().toLowerCase(Locale.ROOT);
        return transactions.inTransaction(systemScope(caller), () -> users.list(page, prefix));
    }

    @Override
    public User user(Caller caller, UUID userId) {
        caller.requireSystemAdmin();
        return transactions.inTransaction(systemScope(caller), () -> users.findById(userId))
                .orElseThrow(() -> DomainException.NotFound.of("user", userId));
    }

    @Override
    public User setSystemAdmin(Caller caller, UUID userId, boolean systemAdmin) {
        caller.requireSystemAdmin();
        return transactions.inTransaction(systemScope(caller), () -> {
            User user = users.findById(userId).orElseThrow(() -> DomainException.NotFound.of("user", userId));
            if (user.systemAdmin() == systemAdmin) {
                return user;
            }
            if (!systemAdmin && users.countSystemAdmins() <= 1) {
                throw new DomainException.Conflict("user.last-system-admin",
                        "this is the last system admin; make another user a system admin first");
            }
            users.setSystemAdmin(userId, systemAdmin);
            audit.record(caller, null, systemAdmin ? "user.system_admin_granted" : "user.system_admin_revoked", "user",
                    userId, AccountService.data("isSystemAdmin", java.util.Map.of("from", !systemAdmin, "to", systemAdmin)));
            return users.findById(userId).orElseThrow();
        });
    }

    @Override
    public IssuedToken issuePasswordReset(Caller caller, UUID userId) {
        caller.requireSystemAdmin();
        String token = SecretTokens.generate();
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(RESET_TOKEN_TTL);
        return transactions.inTransaction(systemScope(caller), () -> {
            users.findById(userId).orElseThrow(() -> DomainException.NotFound.of("user", userId));
            resets.create(userId, SecretTokens.hash(token), caller.userId(), expiresAt);
            audit.record(caller, null, "user.password_reset_issued", "user", userId,
                    AccountService.data("expiresAt", expiresAt.toString()));
            return new IssuedToken(token, expiresAt);
        });
    }

    @Override
    public Optional<GeneratedAdmin> bootstrap(String email, String password) {
        Caller system = Caller.system();
        if (email != null && !email.isBlank()) {
            String normalized = PasswordPolicy.email(email);
            boolean exists = transactions.inTransaction(TenantScope.system(), () -> users.findByEmail(normalized).isPresent());
            if (exists) {
                return Optional.empty();
            }
            boolean generated = password == null || password.isEmpty();
            String pw = generated ? SecretTokens.generatePassword() : password;
            PasswordPolicy.password("PRESSROOM_ADMIN_PASSWORD", pw, normalized);
            Optional<UUID> created = createIfAbsent(system, normalized, pw);
            return created.isPresent() && generated ? Optional.of(new GeneratedAdmin(normalized, pw)) : Optional.empty();
        }
        boolean anyAdmin = transactions.inTransaction(TenantScope.system(), () -> users.countSystemAdmins() > 0);
        if (anyAdmin) {
            return Optional.empty();
        }
        String candidate = DEFAULT_ADMIN_EMAIL;
        boolean taken = transactions.inTransaction(TenantScope.system(), () -> users.emailTaken(DEFAULT_ADMIN_EMAIL));
        if (taken) {
            candidate = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@pressroom.local";
        }
        String pw = SecretTokens.generatePassword();
        String chosen = candidate;
        return createIfAbsent(system, chosen, pw).map(id -> new GeneratedAdmin(chosen, pw));
    }

    /** Creates a system admin; empty when another instance created the same account meanwhile. */
    private Optional<UUID> createIfAbsent(Caller system, String email, String password) {
        String hash = hasher.hash(password);
        try {
            return Optional.of(transactions.inTransaction(TenantScope.system(), () -> {
                if (users.emailTaken(email)) {
                    throw AccountService.emailTaken();
                }
                UUID id = users.create(email, "System admin", hash, true);
                audit.record(system, null, "user.system_admin_bootstrapped", "user", id, AccountService.data("email", email));
                return id;
            }));
        } catch (DomainException.Conflict e) {
            return Optional.empty();
        }
    }

    @Override
    public UUID createAdmin(String email, String password, String name) {
        return createOrPromote(email, password, name).userId();
    }

    @Override
    public AdminAccount createOrPromote(String email, String password, String name) {
        String normalized = PasswordPolicy.email(email);
        if (password != null) {
            PasswordPolicy.password("password", password, normalized);
        }
        String displayName = name == null || name.isBlank() ? "System admin" : PasswordPolicy.name(name);
        boolean exists = transactions.inTransaction(TenantScope.system(), () -> users.findByEmail(normalized).isPresent());
        String generated = !exists && password == null ? SecretTokens.generatePassword() : null;
        String chosen = generated != null ? generated : password;
        String hash = chosen == null ? null : hasher.hash(chosen);
        Caller system = Caller.system();
        return transactions.inTransaction(TenantScope.system(), () -> {
            Optional<User> existing = users.findByEmail(normalized);
            if (existing.isPresent()) {
                UUID id = existing.get().id();
                users.setSystemAdmin(id, true);
                if (hash != null && generated == null) {
                    users.updatePasswordHash(id, hash);
                    // sessions are seen only in their user's scope (row-level security)
                    transactions.run(TenantScope.user(id), () -> sessions.revokeAll(id, null, clock.instant()));
                }
                audit.record(system, null, "user.system_admin_granted", "user", id,
                        AccountService.data("by", "create-admin", "credentialsReplaced", hash != null && generated == null));
                return new AdminAccount(id, existing.get().email(), false, null);
            }
            UUID id = users.create(normalized, displayName, hash, true);
            audit.record(system, null, "user.system_admin_bootstrapped", "user", id,
                    AccountService.data("email", normalized, "by", "create-admin"));
            return new AdminAccount(id, normalized, true, generated);
        });
    }
}
