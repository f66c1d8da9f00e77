package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Optional;
import java.util.UUID;

/** Outbound port: invitations, stored with the hash of their token (never the token). */
public interface InvitationRepository {

    void insert(Invitation invitation, String tokenHash);

    Optional<Invitation> find(UUID organizationId, UUID invitationId);

    /** The invitation of {@code tokenHash} in {@code organizationId}, locked until the unit of work ends. */
    Optional<Invitation> lockByTokenHash(UUID organizationId, String tokenHash);

    /**
     * The organization a token belongs to, for a signed-in user who holds it (a narrow path
     * without a tenant: the token is the secret that unlocks it).
     */
    Optional<UUID> organizationOfToken(String tokenHash);

    Page<Invitation> list(UUID organizationId, PageRequest page);

    /** Writes acceptance or revocation. */
    void update(Invitation invitation);
}
