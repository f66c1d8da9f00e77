package io.pressroom.domain.shared;

/**
 * {@code limit} is clamped to [1, {@value #MAX_LIMIT}]; {@code cursor} is opaque (null: first page).
 */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 0) {
            throw DomainException.Invalid.field("limit", "limit must be >= 0, was " + limit);
        }
        limit = limit == 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }
}
