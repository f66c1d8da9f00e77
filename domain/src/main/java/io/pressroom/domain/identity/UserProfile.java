package io.pressroom.domain.identity;

import java.util.List;

/** {@code GET /api/me}: the user and the organizations they belong to. */
public record UserProfile(User user, List<Membership> organizations) {
    public UserProfile {
        organizations = List.copyOf(organizations);
    }
}
