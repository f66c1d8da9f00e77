package io.pressroom.domain.canvas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A canvas configuration (the legacy {@code canvas_configs} table with the seed's DPI and
 * spacing). {@code organizationId} is null for a row the legacy application wrote that
 * {@code adopt-default-org} has not adopted yet (it then belongs to its {@code userId});
 * legacy rows may also lack sizes (null).
 */
public record CanvasConfig(UUID id, UUID organizationId, UUID userId, String name, Double widthInches,
                           Double heightInches, int dpi, double spacingWidthInches, double spacingHeightInches,
                           Instant createdAt, Instant updatedAt) {
    public static final int DEFAULT_DPI = 300;
    public static final double DEFAULT_SPACING = 0.125;

    public CanvasConfig {
        Objects.requireNonNull(id, "id");
    }
}
