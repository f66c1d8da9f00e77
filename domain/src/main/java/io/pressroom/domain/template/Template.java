package io.pressroom.domain.template;

import io.pressroom.domain.shared.DomainException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A print template (the legacy table; printers' {@code supportedTemplateIds} point here):
 * shared by every organization, managed by system admins.
 */
public record Template(UUID id, String name, Double widthInches, Double heightInches, Instant createdAt, Instant updatedAt) {
    public static final int MAX_NAME_LENGTH = 200;

    public Template {
        Objects.requireNonNull(id, "id");
    }

    /** A template as written by a system admin: checked (rows read back are taken as they are). */
    public static Template checked(UUID id, String name, Double widthInches, Double heightInches, Instant createdAt, Instant updatedAt) {
        if (name == null || name.isBlank()) {
            throw DomainException.Invalid.field("name", "name must not be blank");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw DomainException.Invalid.field("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        positive("widthInches", widthInches);
        positive("heightInches", heightInches);
        return new Template(id, name, widthInches, heightInches, createdAt, updatedAt);
    }

    private static void positive(String field, Double value) {
        if (value != null && (value.isNaN() || value.isInfinite() || value <= 0 || value > 10_000)) {
            throw DomainException.Invalid.field(field, field + " must be > 0 and at most 10000, was " + value);
        }
    }
}
