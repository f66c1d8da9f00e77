package io.pressroom.web.http.template;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.template.ManageTemplates;
import io.pressroom.domain.template.Template;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.organization.OrganizationDtos.PageBody;
import java.time.Instant;
import java.util.UUID;

/** Templates: read by every signed-in user, written by system admins. */
public final class TemplateRoutes {
    private final ManageTemplates templates;
    private final Auth auth;
    private final Requests requests;

    public TemplateRoutes(ManageTemplates templates, Auth auth, Requests requests) {
        this.templates = templates;
        this.auth = auth;
        this.requests = requests;
    }

    public record TemplateFieldsBody(String name, Double widthInches, Double heightInches) {
        ManageTemplates.TemplateFields toCommand() {
            return new ManageTemplates.TemplateFields(name, widthInches, heightInches);
        }
    }

    public record TemplateBody(UUID id, String name, Double widthInches, Double heightInches, Instant createdAt, Instant updatedAt) {
        static TemplateBody from(Template t) {
            return new TemplateBody(t.id(), t.name(), t.widthInches(), t.heightInches(), t.createdAt(), t.updatedAt());
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/templates", ctx -> ctx.json(PageBody.of(templates.list(auth.user(ctx), Requests.page(ctx)), TemplateBody::from)));
        routes.get("/api/templates/{id}", ctx -> ctx.json(TemplateBody.from(templates.get(auth.user(ctx), Requests.uuid(ctx, "id")))));
        routes.post("/api/templates", this::create);
        routes.patch("/api/templates/{id}", this::update);
        routes.delete("/api/templates/{id}", this::delete);
    }

    private void create(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        TemplateFieldsBody body = requests.body(ctx, TemplateFieldsBody.class);
        ctx.status(201).json(TemplateBody.from(templates.create(caller, body.toCommand())));
    }

    private void update(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        UUID id = Requests.uuid(ctx, "id");
        TemplateFieldsBody body = requests.body(ctx, TemplateFieldsBody.class);
        ctx.json(TemplateBody.from(templates.update(caller, id, body.toCommand())));
    }

    private void delete(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        templates.delete(caller, Requests.uuid(ctx, "id"));
        ctx.status(204);
    }
}
