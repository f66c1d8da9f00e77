package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Role;

/** An organization as one of its members sees it: with their role there. */
public record Membership(Organization organization, Role role) {}
