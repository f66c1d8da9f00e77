package io.pressroom.domain.template;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Optional;
import java.util.UUID;

/** Outbound port: the templates (not scoped to an organization: the same for everyone). */
public interface TemplateRepository {
    Page<Template> list(PageRequest page);

    Optional<Template> find(UUID id);

    void insert(Template template);

    void update(Template template);

    /** false when there was none. */
    boolean delete(UUID id);
}
