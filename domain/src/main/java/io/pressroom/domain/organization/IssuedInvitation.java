package io.pressroom.domain.organization;

/** A new invitation and its token: the only time the token is seen (only its hash is kept). */
public record IssuedInvitation(Invitation invitation, String token) {}
