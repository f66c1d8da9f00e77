package io.pressroom.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.pressroom.domain.shared.Caller;
import io.pressroom.web.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SessionAuth#member}: X-Organization-Id, the primary organization, and foreign organizations answering 404. */
class SessionAuthMemberTest {
    static TestApp app;
    static Javalin probe;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        var mapper = Json.mapper();
        SessionAuth auth = new SessionAuth(app.pressroom().accounts(), new ClientAddress(List.of()));
        probe = Javalin.create(cfg -> {
            new Problems(mapper).register(cfg.routes);
            cfg.routes.get("/probe", ctx -> {
                Caller c = auth.member(ctx);
                ctx.json(Map.of("organizationId", c.organizationId().toString(), "role", c.role().wire(),
                        "active", c.organizationActive()));
            });
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        probe.stop();
        app.close();
    }

    record Answer(int status, String body) {}

    static Answer probe(String token, String orgHeader) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probe.port() + "/probe"))
                .header("Authorization", "Bearer " + token);
        if (orgHeader != null) {
            b.header("X-Organization-Id", orgHeader);
        }
        var r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static UUID organization(String name, boolean active) {
        UUID id = UUID.randomUUID();
        app.db().exec("INSERT INTO organizations (id, name, settings) VALUES ('" + id + "', '" + name + "', '{\"is_active\": "
                + active + "}')");
        return id;
    }

    static void member(UUID org, UUID user, String role) {
        app.db().exec("INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + user
                + "', '" + role + "')");
    }

    @Test
    void selectsTheOrganizationAndTreatsAForeignOneExactlyLikeAnUnknownOne() throws Exception {
        String ann = app.signUp(TestApp.email("ann"));
        String bob = app.signUp(TestApp.email("bob"));
        UUID annId = app.userId(ann);
        UUID bobId = app.userId(bob);
        UUID annsOrg = organization("Anns shop", true);
        UUID bobsOrg = organization("Bobs shop", true);
        member(annsOrg, annId, "admin");
        member(bobsOrg, bobId, "member");

        Answer own = probe(ann, annsOrg.toString());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("\"role\":\"admin\"").contains(annsOrg.toString());

        Answer foreign = probe(ann, bobsOrg.toString());
        UUID unknownId = UUID.randomUUID();
        Answer unknown = probe(ann, unknownId.toString());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.body().replace(bobsOrg.toString(), "ID")).isEqualTo(unknown.body().replace(unknownId.toString(), "ID"));

        assertThat(probe(ann, "not-a-uuid").status()).isEqualTo(400);
        // no header and no primary organization
        Answer none = probe(ann, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body()).contains("organization.none");

        // /api/me lists the user's organizations
        var me = app.get("/api/me", ann, null).body();
        assertThat(me.get("organizations").size()).isEqualTo(1);
        assertThat(me.get("organizations").get(0).get("name").asText()).isEqualTo("Anns shop");
        assertThat(me.get("organizations").get(0).get("role").asText()).isEqualTo("admin");
    }

    @Test
    void fallsBackToThePrimaryOrganizationAndCarriesItsActiveFlag() throws Exception {
        String carol = app.signUp(TestApp.email("carol"));
        UUID carolId = app.userId(carol);
        UUID org = organization("Dormant", false);
        member(org, carolId, "member");
        app.db().exec("UPDATE users SET org_id = '" + org + "' WHERE id = '" + carolId + "'");

        Answer a = probe(carol, null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains(org.toString()).contains("\"active\":false").contains("\"role\":\"member\"");
        assertThat(app.get("/api/me", carol, null).body().get("primaryOrganizationId").asText()).isEqualTo(org.toString());

        // a deleted organization is gone for its members too
        app.db().exec("UPDATE organizations SET deleted_at = now() WHERE id = '" + org + "'");
        assertThat(probe(carol, org.toString()).status()).isEqualTo(404);
        assertThat(app.get("/api/me", carol, null).body().get("organizations").size()).isZero();
    }
}
