package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Role;
import java.util.UUID;

/**
 * A user's place in one organization: its name, the user's role there, and whether the
 * organization is active (a system admin may deactivate it: read-only).
 */
public record Membership(UUID organizationId, String organizationName, Role role, boolean organizationActive) {}
