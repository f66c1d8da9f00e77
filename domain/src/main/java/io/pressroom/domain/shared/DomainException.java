package io.pressroom.domain.shared;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the domain names: each kind maps to one HTTP status in the web adapter (in one
 * place), and carries a stable {@code code} (e.g. {@code print-job.invalid-transition}) and
 * data a client can act on. Never a catch-all.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.NotFound, DomainException.Conflict, DomainException.Forbidden,
        DomainException.Invalid, DomainException.Unauthenticated, DomainException.TooManyRequests,
        DomainException.Unavailable, DomainException.PayloadTooLarge {

    private final String code;
    private final Map<String, Object> data;

    protected DomainException(String code, String message, Map<String, Object> data) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.data = data == null ? Map.of() : Map.copyOf(data);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> data() {
        return data;
    }

    /** The thing does not exist, or belongs to another organization (indistinguishable on purpose). */
    public static final class NotFound extends DomainException {
        public NotFound(String code, String message) {
            super(code, message, Map.of());
        }

        public static NotFound of(String entity, Object id) {
            return new NotFound(entity + ".not-found", entity + " " + id + " was not found");
        }
    }

    /** The request does not fit the current state (e.g. a transition that does not apply). */
    public static final class Conflict extends DomainException {
        public Conflict(String code, String message) {
            super(code, message, Map.of());
        }

        public Conflict(String code, String message, Map<String, Object> data) {
            super(code, message, data);
        }
    }

    /** Signed in, but not allowed to do this. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String code, String message) {
            super(code, message, Map.of());
        }
    }

    /** Not signed in, or credentials not accepted. */
    public static final class Unauthenticated extends DomainException {
        public Unauthenticated(String code, String message) {
            super(code, message, Map.of());
        }
    }

    /** Input that breaks a rule; {@link #fieldErrors()} names the fields. */
    public static final class Invalid extends DomainException {
        private final Map<String, String> fieldErrors;

        public Invalid(String code, String message, Map<String, String> fieldErrors) {
            super(code, message, Map.of());
            this.fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
        }

        public static Invalid field(String field, String message) {
            return new Invalid("validation.failed", message, Map.of(field, message));
        }

        public Map<String, String> fieldErrors() {
            return fieldErrors;
        }
    }

    /** Throttled; {@code retryAfterSeconds} says when to try again. */
    public static final class TooManyRequests extends DomainException {
        private final long retryAfterSeconds;

        public TooManyRequests(String code, String message, long retryAfterSeconds) {
            super(code, message, Map.of("retryAfterSeconds", retryAfterSeconds));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Cannot serve this now (e.g. {@code schema-not-migrated}, database down). */
    public static final class Unavailable extends DomainException {
        public Unavailable(String code, String message) {
            super(code, message, Map.of());
        }
    }

    /** A body or file over the configured limit. */
    public static final class PayloadTooLarge extends DomainException {
        public PayloadTooLarge(String code, String message, long limitBytes) {
            super(code, message, Map.of("limitBytes", limitBytes));
        }
    }
}
