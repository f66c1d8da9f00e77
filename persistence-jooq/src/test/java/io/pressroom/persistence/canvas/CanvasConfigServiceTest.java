package io.pressroom.persistence.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.Pressroom;
import io.pressroom.domain.canvas.CanvasConfig;
import io.pressroom.domain.canvas.ManageCanvasConfigs.Draft;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CanvasConfigServiceTest {
    private TestPostgres.Db db;
    private Pressroom pressroom;
    private Caller alice;
    private Caller bob;

    @AfterEach
    void closePressroom() {
        pressroom.close();
    }

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase();
        pressroom = Pressroom.builder().dataSource(db.dataSource()).build();
        alice = person("alice");
        bob = person("bob");
    }

    private Caller person(String name) {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + user + "', '" + name + "@example.com', 'x');"
                + "INSERT INTO organizations (id, name) VALUES ('" + org + "', '" + name + "');"
                + "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + user + "', 'member')");
        return Caller.user(user, false, null, null).inOrganization(org, Role.MEMBER);
    }

    @Test
    void createWithDefaultsUpdateAndDelete() {
        CanvasConfig c = pressroom.canvasConfigs().create(alice, new Draft("22 in roll", 22.0, 60.0, null, null, null));
        assertThat(c.dpi()).isEqualTo(300);
        assertThat(c.spacingWidthInches()).isEqualTo(0.125);
        assertThat(c.spacingHeightInches()).isEqualTo(0.125);
        assertThat(c.organizationId()).isEqualTo(alice.organizationId());
        CanvasConfig u = pressroom.canvasConfigs().update(alice, c.id(), new Draft(null, null, 100.0, 600, 0.25, null));
        assertThat(u.heightInches()).isEqualTo(100.0);
        assertThat(u.dpi()).isEqualTo(600);
        assertThat(u.spacingWidthInches()).isEqualTo(0.25);
        assertThat(u.name()).isEqualTo("22 in roll");
        assertThatThrownBy(() -> pressroom.canvasConfigs().get(bob, c.id())).isInstanceOf(DomainException.NotFound.class);
        pressroom.canvasConfigs().delete(alice, c.id());
        assertThatThrownBy(() -> pressroom.canvasConfigs().get(alice, c.id())).isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void validationNamesEveryBadField() {
        assertThatThrownBy(() -> pressroom.canvasConfigs().create(alice, new Draft("", -1.0, null, 10, -0.5, 1000.0)))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("name", "widthInches", "heightInches", "dpi", "spacingWidthInches", "spacingHeightInches"));
    }

    @Test
    void legacyRowsKeepWorkingForTheirOwner() {
        UUID legacy = UUID.randomUUID();
        // as the legacy application wrote it: no organization, no size, explicit NULLs in the seed's new columns
        db.exec("INSERT INTO canvas_configs (id, user_id, name, dpi, spacing_width_inches, spacing_height_inches) VALUES ('"
                + legacy + "', '" + alice.userId() + "', 'old canvas', NULL, NULL, NULL)");
        CanvasConfig c = pressroom.canvasConfigs().get(alice, legacy);
        assertThat(c.organizationId()).isNull();
        assertThat(c.dpi()).isEqualTo(300);
        assertThat(c.spacingWidthInches()).isEqualTo(0.125);
        assertThat(c.widthInches()).isNull();
        assertThat(pressroom.canvasConfigs().list(alice, PageRequest.first()).items()).extracting(CanvasConfig::id).contains(legacy);
        assertThat(pressroom.canvasConfigs().list(bob, PageRequest.first()).items()).isEmpty();
        assertThatThrownBy(() -> pressroom.canvasConfigs().get(bob, legacy)).isInstanceOf(DomainException.NotFound.class);
        CanvasConfig u = pressroom.canvasConfigs().update(alice, legacy, new Draft("renamed", 10.0, 12.0, null, null, null));
        assertThat(u.name()).isEqualTo("renamed");
        assertThat(u.organizationId()).isNull();
        pressroom.canvasConfigs().delete(alice, legacy);
        assertThat(pressroom.canvasConfigs().list(alice, PageRequest.first()).items()).isEmpty();
    }
}
