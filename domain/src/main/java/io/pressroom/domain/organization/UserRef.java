package io.pressroom.domain.organization;

import java.util.UUID;

/** What the organization side needs to know of a user (never a credential). */
public record UserRef(UUID id, String email, String name, boolean systemAdmin) {}
