package io.pressroom.web;

import io.pressroom.Pressroom;
import io.pressroom.domain.identity.ManageSystemAdmins;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity side of the server's start: session lifetime from the environment, and the
 * system admin bootstrap (PRESSROOM_ADMIN_EMAIL / PRESSROOM_ADMIN_PASSWORD, or a generated admin
 * printed once when no system admin exists at all).
 */
public final class IdentityStartup {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityStartup.class);
    public static final int DEFAULT_SESSION_HOURS = 24 * 7;

    private IdentityStartup() {}

    /**
     * Login and signup limits; {@code PRESSROOM_SIGNUPS_PER_HOUR}: signup attempts allowed per
     * client address within an hour (default 10; behind a proxy, set PRESSROOM_TRUSTED_PROXIES or
     * every client shares the proxy's address).
     */
    public static io.pressroom.domain.identity.LoginThrottle.Limits loginLimits(Map<String, String> env) {
        var defaults = io.pressroom.domain.identity.LoginThrottle.Limits.defaults();
        String raw = env.get("PRESSROOM_SIGNUPS_PER_HOUR");
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        int perHour;
        try {
            perHour = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PRESSROOM_SIGNUPS_PER_HOUR must be a whole number, was '" + raw + "'");
        }
        if (perHour < 1) {
            throw new IllegalArgumentException("PRESSROOM_SIGNUPS_PER_HOUR must be >= 1, was " + perHour);
        }
        return defaults.withSignups(perHour, Duration.ofHours(1));
    }

    /** {@code PRESSROOM_SESSION_HOURS} (default 168: seven days), from 1 hour to 365 days. */
    public static Duration sessionTtl(Map<String, String> env) {
        String raw = env.get("PRESSROOM_SESSION_HOURS");
        if (raw == null || raw.isBlank()) {
            return Duration.ofHours(DEFAULT_SESSION_HOURS);
        }
        long hours;
        try {
            hours = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PRESSROOM_SESSION_HOURS must be a whole number of hours, was '" + raw + "'");
        }
        if (hours < 1 || hours > 24 * 365) {
            throw new IllegalArgumentException("PRESSROOM_SESSION_HOURS must be from 1 to 8760, was " + hours);
        }
        return Duration.ofHours(hours);
    }

    /** Runs the bootstrap; a generated admin's credentials are printed to {@code out}, once. */
    public static Optional<ManageSystemAdmins.GeneratedAdmin> bootstrapAdmin(Pressroom pressroom, Map<String, String> env,
                                                                            PrintStream out) {
        String email = blankToNull(env.get("PRESSROOM_ADMIN_EMAIL"));
        String password = blankToNull(env.get("PRESSROOM_ADMIN_PASSWORD"));
        Optional<ManageSystemAdmins.GeneratedAdmin> generated = pressroom.users().bootstrap(email, password);
        if (generated.isPresent()) {
            LOG.warn("created the system admin {} with a generated password, printed once on standard output", generated.get().email());
            printCredentials(out, "Pressroom created a system admin", generated.get().email(), generated.get().password());
        } else if (email != null) {
            LOG.info("system admin {}: present", email);
        }
        return generated;
    }

    static void printCredentials(PrintStream out, String title, String email, String password) {
        out.println("==================================================================");
        out.println(title + ":");
        out.println("  email:    " + email);
        out.println("  password: " + password);
        out.println("Sign in and change it (POST /api/me/password). It is not shown again.");
        out.println("==================================================================");
        out.flush();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
