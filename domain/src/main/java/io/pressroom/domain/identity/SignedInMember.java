package io.pressroom.domain.identity;

import java.util.Objects;
import java.util.UUID;

/**
 * A live session's user and their place in the organization a request selected, found in one
 * look-up. {@code organizationId} is the organization asked for, or the user's primary one when
 * none was (null when there is none); {@code membership} is null when the user is no member of
 * it (or it is deleted).
 */
public record SignedInMember(SignedIn signedIn, UUID organizationId, Membership membership) {
    public SignedInMember {
        Objects.requireNonNull(signedIn, "signedIn");
    }
}
