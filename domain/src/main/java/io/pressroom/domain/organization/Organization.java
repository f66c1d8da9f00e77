package io.pressroom.domain.organization;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant: a print shop with its members. {@code settings} is the seed's JSONB column; its key
 * {@value #ACTIVE_KEY} is the system admin's switch (a deactivated organization is read-only)
 * and can only be changed through {@link AdministerOrganizations}. {@code deletedAt} set: the
 * organization was deleted softly (its rows and events stay; it answers like one that does not
 * exist).
 */
public record Organization(UUID id, String name, String description, Map<String, Object> settings,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public static final String ACTIVE_KEY = "is_active";
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    public Organization {
        Objects.requireNonNull(id, "id");
        name = validName(name);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw io.pressroom.domain.shared.DomainException.Invalid.field("description", "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw io.pressroom.domain.shared.DomainException.Invalid.field("name", "name must not be blank");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw io.pressroom.domain.shared.DomainException.Invalid.field("name", "name must be at most " + MAX_NAME_LENGTH + " characters, was " + trimmed.length());
        }
        return trimmed;
    }

    /** A new organization: active, not deleted. */
    public static Organization create(UUID id, String name, String description, Instant now) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ACTIVE_KEY, true);
        return new Organization(id, name, description, settings, now, now, null);
    }

    /** Anything but an explicit {@code false} counts as active (the seed's default is true). */
    public boolean active() {
        return !Boolean.FALSE.equals(settings.get(ACTIVE_KEY));
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The settings an organization admin sees and may write (the activation switch is not one). */
    public Map<String, Object> ownSettings() {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.remove(ACTIVE_KEY);
        return copy;
    }

    public Organization withDetails(String newName, String newDescription, Map<String, Object> newSettings, Instant now) {
        Map<String, Object> merged = new LinkedHashMap<>(settings);
        if (newSettings != null) {
            if (newSettings.containsKey(ACTIVE_KEY)) {
                throw new io.pressroom.domain.shared.DomainException.Invalid("validation.failed",
                        "settings." + ACTIVE_KEY + " is set by a system admin (PATCH /api/admin/organizations/{id})",
                        Map.of("settings." + ACTIVE_KEY, "cannot be set here"));
            }
            merged.putAll(newSettings);
            merged.values().removeIf(Objects::isNull);
            merged.putIfAbsent(ACTIVE_KEY, active());
        }
        return new Organization(id, newName == null ? name : newName,
                newDescription == null ? description : newDescription, merged, createdAt, now, deletedAt);
    }

    public Organization withActive(boolean active, Instant now) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put(ACTIVE_KEY, active);
        return new Organization(id, name, description, s, createdAt, now, deletedAt);
    }
}
