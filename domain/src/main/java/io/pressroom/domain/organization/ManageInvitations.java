package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import java.time.Duration;
import java.util.UUID;

/** Inbound port: invitations (admins invite and revoke; the invitee accepts with the token). */
public interface ManageInvitations {

    Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    Duration MAX_VALIDITY = Duration.ofDays(90);

    /** {@code validity} null: {@link #DEFAULT_VALIDITY}. The answer carries the token, the only time. */
    IssuedInvitation invite(Caller user, UUID organizationId, String email, Role role, Duration validity);

    Page<Invitation> list(Caller user, UUID organizationId, PageRequest page);

    void revoke(Caller user, UUID organizationId, UUID invitationId);

    /** By the signed-in invitee (their e-mail must be the invitation's); accepted once. */
    Membership accept(Caller user, String token);
}
