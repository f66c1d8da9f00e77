package io.pressroom.web.http.organization;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.organization.AdministerOrganizations;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.organization.OrganizationDtos.AdminOrganizationBody;
import io.pressroom.web.http.organization.OrganizationDtos.PageBody;
import io.pressroom.web.http.organization.OrganizationDtos.SetActive;

/** System admin: every organization, (de)activation, statistics. Others get 403. */
public final class AdminOrganizationRoutes {
    private final AdministerOrganizations admin;
    private final Auth auth;
    private final Requests requests;

    public AdminOrganizationRoutes(AdministerOrganizations admin, Auth auth, Requests requests) {
        this.admin = admin;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/admin/organizations", this::list);
        routes.get("/api/admin/organizations/{id}", this::get);
        routes.patch("/api/admin/organizations/{id}", this::setActive);
        routes.get("/api/admin/stats", this::stats);
    }

    private void list(Context ctx) {
        ctx.json(PageBody.of(admin.list(auth.user(ctx), Requests.page(ctx)), AdminOrganizationBody::from));
    }

    private void get(Context ctx) {
        ctx.json(AdminOrganizationBody.from(admin.get(auth.user(ctx), Requests.uuid(ctx, "id"))));
    }

    private void setActive(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        var id = Requests.uuid(ctx, "id");
        SetActive body = requests.body(ctx, SetActive.class);
        if (body.isActive() == null) {
            throw Problems.BadRequest.field("isActive", "isActive (true or false) is required");
        }
        ctx.json(AdminOrganizationBody.from(admin.setActive(caller, id, body.isActive())));
    }

    private void stats(Context ctx) {
        ctx.json(admin.stats(auth.user(ctx)));
    }
}
