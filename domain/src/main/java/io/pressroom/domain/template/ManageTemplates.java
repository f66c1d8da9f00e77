package io.pressroom.domain.template;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.UUID;

/** Inbound port: templates are read by every signed-in user and managed by system admins. */
public interface ManageTemplates {
    Page<Template> list(Caller user, PageRequest page);

    Template get(Caller user, UUID id);

    Template create(Caller systemAdmin, TemplateFields fields);

    /** Null fields are left as they are. */
    Template update(Caller systemAdmin, UUID id, TemplateFields changes);

    void delete(Caller systemAdmin, UUID id);

    record TemplateFields(String name, Double widthInches, Double heightInches) {}
}
