package io.pressroom.domain.identity;

/** The user a live session token belongs to (what an inbound adapter authenticates a request with). */
public record SignedIn(Session session, User user) {}
