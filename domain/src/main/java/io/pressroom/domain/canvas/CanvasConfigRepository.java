package io.pressroom.domain.canvas;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * Outbound port: the canvas configs a member sees: the organization's, and the legacy rows
 * (no organization yet) of the user themself.
 */
public interface CanvasConfigRepository {
    CanvasConfig insert(CanvasConfig config);

    CanvasConfig update(CanvasConfig config);

    Optional<CanvasConfig> find(UUID organizationId, UUID userId, UUID id);

    Page<CanvasConfig> list(UUID organizationId, UUID userId, PageRequest page);

    boolean delete(UUID organizationId, UUID userId, UUID id);
}
