package io.pressroom.web.http.organization;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.organization.ManageInvitations;
import io.pressroom.domain.organization.ManageMembers;
import io.pressroom.domain.organization.ManageOrganizations;
import io.pressroom.domain.shared.Role;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.organization.OrganizationDtos.AddMember;
import io.pressroom.web.http.organization.OrganizationDtos.ChangeRole;
import io.pressroom.web.http.organization.OrganizationDtos.CreateInvitation;
import io.pressroom.web.http.organization.OrganizationDtos.CreateOrganization;
import io.pressroom.web.http.organization.OrganizationDtos.InvitationBody;
import io.pressroom.web.http.organization.OrganizationDtos.IssuedInvitationBody;
import io.pressroom.web.http.organization.OrganizationDtos.MemberBody;
import io.pressroom.web.http.organization.OrganizationDtos.OrganizationBody;
import io.pressroom.web.http.organization.OrganizationDtos.PageBody;
import io.pressroom.web.http.organization.OrganizationDtos.UpdateOrganization;
import java.time.Duration;
import java.util.UUID;

/**
 * Organizations, members and invitations. The organization is the one in the path: the
 * services check that the caller is a member of it (else 404, like an unknown id).
 */
public final class OrganizationRoutes {
    private final ManageOrganizations organizations;
    private final ManageMembers members;
    private final ManageInvitations invitations;
    private final Auth auth;
    private final Requests requests;

    public OrganizationRoutes(ManageOrganizations organizations, ManageMembers members, ManageInvitations invitations, Auth auth,
                              Requests requests) {
        this.organizations = organizations;
        this.members = members;
        this.invitations = invitations;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/organizations", this::list);
        routes.post("/api/organizations", this::create);
        routes.get("/api/organizations/{id}", this::get);
        routes.patch("/api/organizations/{id}", this::update);
        routes.delete("/api/organizations/{id}", this::delete);
        routes.get("/api/organizations/{id}/members", this::listMembers);
        routes.post("/api/organizations/{id}/members", this::addMember);
        routes.patch("/api/organizations/{id}/members/{userId}", this::changeRole);
        routes.delete("/api/organizations/{id}/members/{userId}", this::removeMember);
        routes.get("/api/organizations/{id}/invitations", this::listInvitations);
        routes.post("/api/organizations/{id}/invitations", this::invite);
        routes.delete("/api/organizations/{id}/invitations/{invitationId}", this::revoke);
        routes.post("/api/invitations/{token}/accept", this::accept);
    }

    private void list(Context ctx) {
        ctx.json(PageBody.of(organizations.listMine(auth.user(ctx), Requests.page(ctx)), OrganizationBody::from));
    }

    private void create(Context ctx) {
        var caller = auth.user(ctx);
        CreateOrganization body = requests.body(ctx, CreateOrganization.class);
        var created = organizations.create(caller, new ManageOrganizations.NewOrganization(body.name(), body.description()));
        ctx.status(201).json(OrganizationBody.from(created));
    }

    private void get(Context ctx) {
        ctx.json(OrganizationBody.from(organizations.get(auth.user(ctx), Requests.uuid(ctx, "id"))));
    }

    private void update(Context ctx) {
        var caller = auth.user(ctx);
        UUID id = Requests.uuid(ctx, "id");
        UpdateOrganization body = requests.body(ctx, UpdateOrganization.class);
        ctx.json(OrganizationBody.from(organizations.update(caller, id,
                new ManageOrganizations.OrganizationChanges(body.name(), body.description(), body.settings()))));
    }

    private void delete(Context ctx) {
        organizations.delete(auth.user(ctx), Requests.uuid(ctx, "id"));
        ctx.status(204);
    }

    private void listMembers(Context ctx) {
        var caller = auth.user(ctx);
        ctx.json(PageBody.of(members.list(caller, Requests.uuid(ctx, "id"), Requests.page(ctx)), MemberBody::from));
    }

    private void addMember(Context ctx) {
        var caller = auth.user(ctx);
        UUID id = Requests.uuid(ctx, "id");
        AddMember body = requests.body(ctx, AddMember.class);
        ctx.status(201).json(MemberBody.from(members.add(caller, id, body.email(), OrganizationDtos.role(body.role(), Role.MEMBER))));
    }

    private void changeRole(Context ctx) {
        var caller = auth.user(ctx);
        UUID id = Requests.uuid(ctx, "id");
        UUID userId = Requests.uuid(ctx, "userId");
        ChangeRole body = requests.body(ctx, ChangeRole.class);
        ctx.json(MemberBody.from(members.changeRole(caller, id, userId, OrganizationDtos.role(body.role(), null))));
    }

    private void removeMember(Context ctx) {
        var caller = auth.user(ctx);
        members.remove(caller, Requests.uuid(ctx, "id"), Requests.uuid(ctx, "userId"));
        ctx.status(204);
    }

    private void listInvitations(Context ctx) {
        var caller = auth.user(ctx);
        ctx.json(PageBody.of(invitations.list(caller, Requests.uuid(ctx, "id"), Requests.page(ctx)), InvitationBody::from));
    }

    private void invite(Context ctx) {
        var caller = auth.user(ctx);
        UUID id = Requests.uuid(ctx, "id");
        CreateInvitation body = requests.body(ctx, CreateInvitation.class);
        Duration validity = null;
        if (body.expiresInDays() != null) {
            int days = body.expiresInDays();
            if (days < 1 || days > ManageInvitations.MAX_VALIDITY.toDays()) {
                throw Problems.BadRequest.field("expiresInDays",
                        "expiresInDays must be between 1 and " + ManageInvitations.MAX_VALIDITY.toDays() + ", was " + days);
            }
            validity = Duration.ofDays(days);
        }
        var issued = invitations.invite(caller, id, body.email(), OrganizationDtos.role(body.role(), Role.MEMBER), validity);
        ctx.status(201).json(IssuedInvitationBody.from(issued));
    }

    private void revoke(Context ctx) {
        var caller = auth.user(ctx);
        invitations.revoke(caller, Requests.uuid(ctx, "id"), Requests.uuid(ctx, "invitationId"));
        ctx.status(204);
    }

    private void accept(Context ctx) {
        var caller = auth.user(ctx);
        ctx.json(OrganizationBody.from(invitations.accept(caller, ctx.pathParam("token"))));
    }
}
