package io.pressroom.domain.organization;

import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Role;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An invitation to join an organization with a role, until {@code expiresAt}; accepted once,
 * by the signed-in user whose e-mail it names, or revoked. Its token is shown once at
 * creation and only its hash is stored.
 */
public record Invitation(UUID id, UUID organizationId, String email, Role role, UUID invitedBy,
                         Instant createdAt, Instant expiresAt, Instant acceptedAt, UUID acceptedBy, Instant revokedAt) {

    public enum Status { PENDING, ACCEPTED, REVOKED, EXPIRED }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        email = normalizeEmail(email);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw DomainException.Invalid.field("email", "email must not be blank");
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (at < 1 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.length() > 320 || e.chars().anyMatch(Character::isWhitespace)) {
            throw DomainException.Invalid.field("email", "email must look like name@example.com");
        }
        return e;
    }

    public Status status(Instant now) {
        if (acceptedAt != null) {
            return Status.ACCEPTED;
        }
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.PENDING : Status.EXPIRED;
    }

    /** Refuses (409) unless this invitation can be accepted now by a user with {@code userEmail}. */
    public Invitation accept(UUID userId, String userEmail, Instant now) {
        switch (status(now)) {
            case ACCEPTED -> throw new DomainException.Conflict("invitation.already-accepted", "this invitation has already been accepted");
            case REVOKED -> throw new DomainException.Conflict("invitation.revoked", "this invitation has been revoked");
            case EXPIRED -> throw new DomainException.Conflict("invitation.expired", "this invitation expired at " + expiresAt);
            case PENDING -> { }
        }
        if (userEmail == null || !email.equals(userEmail.strip().toLowerCase(Locale.ROOT))) {
            throw new DomainException.Conflict("invitation.email-mismatch",
                    "this invitation is for another e-mail address: sign in as the invitee to accept it");
        }
        return new Invitation(id, organizationId, email, role, invitedBy, createdAt, expiresAt, now, userId, null);
    }

    public Invitation revoke(Instant now) {
        return switch (status(now)) {
            case ACCEPTED -> throw new DomainException.Conflict("invitation.already-accepted", "an accepted invitation cannot be revoked");
            case REVOKED -> throw new DomainException.Conflict("invitation.revoked", "this invitation has already been revoked");
            case PENDING, EXPIRED -> new Invitation(id, organizationId, email, role, invitedBy, createdAt, expiresAt, null, null, now);
        };
    }
}
