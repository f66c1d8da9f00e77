package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import java.util.UUID;

/**
 * Inbound port: an organization's members. Listing: any member. Adding, changing a role and
 * removing: admins; a member may remove themselves (leave). The last admin can be neither
 * demoted nor removed nor leave ({@code member.last-admin}, 409).
 */
public interface ManageMembers {

    Page<Member> list(Caller user, UUID organizationId, PageRequest page);

    /** Adds an existing user, named by e-mail. */
    Member add(Caller user, UUID organizationId, String email, Role role);

    Member changeRole(Caller user, UUID organizationId, UUID memberUserId, Role role);

    void remove(Caller user, UUID organizationId, UUID memberUserId);
}
