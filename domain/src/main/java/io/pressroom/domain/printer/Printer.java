package io.pressroom.domain.printer;

import io.pressroom.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A printer of an organization: what it can print (size in inches, either orientation; DPI;
 * the templates it supports — none listed: any), whether it takes work ({@code active}) and
 * whether it is the organization's default. {@code lastSeenAt} is the last agent call.
 */
public record Printer(UUID id, UUID organizationId, UUID createdByUserId, String name, String printerType,
                      double maxWidthInches, double maxHeightInches, int dpi, List<UUID> supportedTemplateIds,
                      boolean active, boolean isDefault, String notes, Map<String, Object> printerConfig,
                      Instant lastSeenAt, Instant createdAt, Instant updatedAt) {

    public static final int MIN_DPI = 72;
    public static final int MAX_DPI = 4800;
    public static final double MAX_INCHES = 10_000;
    private static final Pattern TYPE = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

    public Printer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        supportedTemplateIds = supportedTemplateIds == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(supportedTemplateIds));
        printerConfig = printerConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(printerConfig));
    }

    /** What an admin sends to create a printer; null dpi: 300, null isActive: true. */
    public record Draft(String name, String printerType, Double maxWidthInches, Double maxHeightInches, Integer dpi,
                        List<UUID> supportedTemplateIds, Boolean isActive, Boolean isDefault, String notes,
                        Map<String, Object> printerConfig) {}

    /** A partial update: null fields stay as they are. */
    public record Patch(String name, String printerType, Double maxWidthInches, Double maxHeightInches, Integer dpi,
                        List<UUID> supportedTemplateIds, Boolean isActive, Boolean isDefault, String notes,
                        Map<String, Object> printerConfig) {}

    public static Printer create(UUID id, UUID organizationId, UUID userId, Draft d, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.name() == null) {
            errors.put("name", "name is required");
        }
        if (d.printerType() == null) {
            errors.put("printerType", "printerType is required (e.g. dtf, uv, sublimation, large-format)");
        }
        if (d.maxWidthInches() == null) {
            errors.put("maxWidthInches", "maxWidthInches is required");
        }
        if (d.maxHeightInches() == null) {
            errors.put("maxHeightInches", "maxHeightInches is required");
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid("validation.failed", String.join("; ", errors.values()), errors);
        }
        Printer p = new Printer(id, organizationId, userId, d.name().strip(), d.printerType().strip(), d.maxWidthInches(),
                d.maxHeightInches(), d.dpi() == null ? 300 : d.dpi(), d.supportedTemplateIds(),
                d.isActive() == null || d.isActive(), Boolean.TRUE.equals(d.isDefault()), d.notes(), d.printerConfig(),
                null, now, now);
        p.validate();
        return p;
    }

    public Printer apply(Patch c, Instant now) {
        Printer p = new Printer(id, organizationId, createdByUserId,
                c.name() == null ? name : c.name().strip(),
                c.printerType() == null ? printerType : c.printerType().strip(),
                c.maxWidthInches() == null ? maxWidthInches : c.maxWidthInches(),
                c.maxHeightInches() == null ? maxHeightInches : c.maxHeightInches(),
                c.dpi() == null ? dpi : c.dpi(),
                c.supportedTemplateIds() == null ? supportedTemplateIds : c.supportedTemplateIds(),
                c.isActive() == null ? active : c.isActive(),
                c.isDefault() == null ? isDefault : c.isDefault(),
                c.notes() == null ? notes : c.notes(),
                c.printerConfig() == null ? printerConfig : c.printerConfig(),
                lastSeenAt, createdAt, now);
        p.validate();
        return p;
    }

    private void validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", "name must be 1 to 200 characters");
        }
        if (!TYPE.matcher(printerType).matches() || printerType.length() > 50) {
            errors.put("printerType", "printerType must be lowercase letters, digits, '-' or '_' (e.g. dtf, large-format), was '"
                    + printerType + "'");
        }
        if (!(maxWidthInches > 0) || maxWidthInches > MAX_INCHES) {
            errors.put("maxWidthInches", "maxWidthInches must be > 0 and at most " + (int) MAX_INCHES + ", was " + maxWidthInches);
        }
        if (!(maxHeightInches > 0) || maxHeightInches > MAX_INCHES) {
            errors.put("maxHeightInches", "maxHeightInches must be > 0 and at most " + (int) MAX_INCHES + ", was " + maxHeightInches);
        }
        if (dpi < MIN_DPI || dpi > MAX_DPI) {
            errors.put("dpi", "dpi must be between " + MIN_DPI + " and " + MAX_DPI + ", was " + dpi);
        }
        if (supportedTemplateIds.stream().anyMatch(Objects::isNull) || supportedTemplateIds.stream().distinct().count() != supportedTemplateIds.size()) {
            errors.put("supportedTemplateIds", "supportedTemplateIds must list distinct template ids");
        }
        if (notes != null && notes.length() > 10_000) {
            errors.put("notes", "notes must be at most 10000 characters");
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid("validation.failed", String.join("; ", errors.values()), errors);
        }
    }

    /** Online: an agent called within the last two leases. */
    public boolean online(Instant now, Duration lease) {
        return lastSeenAt != null && lastSeenAt.isAfter(now.minus(lease.multipliedBy(2)));
    }

    /** Whether a template is supported (a printer listing none supports any). */
    public boolean supportsTemplate(UUID templateId) {
        return templateId == null || supportedTemplateIds.isEmpty() || supportedTemplateIds.contains(templateId);
    }

    /** Whether a piece {@code w} × {@code h} inches fits, in either orientation. */
    public boolean fits(double w, double h) {
        return (w <= maxWidthInches && h <= maxHeightInches) || (w <= maxHeightInches && h <= maxWidthInches);
    }

    /** What an audit event records about a printer (never secrets: printerConfig keys only). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("printerType", printerType);
        m.put("maxWidthInches", maxWidthInches);
        m.put("maxHeightInches", maxHeightInches);
        m.put("dpi", dpi);
        m.put("supportedTemplateIds", supportedTemplateIds.stream().map(UUID::toString).toList());
        m.put("isActive", active);
        m.put("isDefault", isDefault);
        return m;
    }
}
