package io.pressroom.web.http.runtime;

import io.javalin.config.RoutesConfig;
import io.pressroom.domain.shared.DomainException;
import java.util.Set;

/**
 * Compatibility mode: the server runs on a database that holds only the legacy schema
 * ({@code PRESSROOM_MIGRATE_ON_START=false}). Every {@code /api} route answers 503
 * {@code schema-not-migrated} but those that work on the legacy schema (login, logout, me),
 * which the identity routes serve in this mode themselves.
 */
public final class CompatibilityMode {

    public static final String CODE = "schema-not-migrated";

    /** The {@code /api} paths that stay open in compatibility mode. */
    public static final Set<String> OPEN_PATHS = Set.of("/api/auth/login", "/api/auth/logout", "/api/me");

    private CompatibilityMode() {}

    public static void register(RoutesConfig routes) {
        routes.before("/api/*", ctx -> {
            String path = ctx.path();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (!OPEN_PATHS.contains(path)) {
                throw new DomainException.Unavailable(CODE, "The database holds only the legacy schema, so "
                        + ctx.method() + " " + ctx.path() + " is not available yet. Back the database up, then run "
                        + "`java -jar pressroom.jar migrate` (and `adopt-default-org`), or start with "
                        + "PRESSROOM_MIGRATE_ON_START=true.");
            }
        });
    }
}
