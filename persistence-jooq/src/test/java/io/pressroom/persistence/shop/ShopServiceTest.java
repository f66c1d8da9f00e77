package io.pressroom.persistence.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.Pressroom;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.domain.shop.ManageShops;
import io.pressroom.domain.shop.Shop;
import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopServiceTest {
    private static final String SECRET = "sk_live_51HcVerySecretValue";
    private static final String TOKEN = "shpat_0123456789abcdef";

    private TestPostgres.Db db;
    private Pressroom pressroom;
    private Caller admin;
    private Caller member;
    private Caller otherAdmin;

    @AfterEach
    void closePressroom() {
        pressroom.close();
    }

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase();
        pressroom = Pressroom.builder().dataSource(db.dataSource()).secretKey("correct horse battery staple").build();
        UUID org = UUID.randomUUID();
        db.exec("INSERT INTO organizations (id, name) VALUES ('" + org + "', 'Acme')");
        admin = person(org, "admin", Role.ADMIN);
        member = person(org, "member", Role.MEMBER);
        UUID other = UUID.randomUUID();
        db.exec("INSERT INTO organizations (id, name) VALUES ('" + other + "', 'Other')");
        otherAdmin = person(other, "admin", Role.ADMIN);
    }

    private Caller person(UUID org, String role, Role r) {
        UUID user = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + user + "', '" + user + "@example.com', 'x');"
                + "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + user + "', '" + role + "')");
        return Caller.user(user, false, "10.0.0.1", "test").inOrganization(org, r);
    }

    private String text(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
            return b.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void secretsAreWriteOnlyEncryptedAtRestAndNeverInAnEvent() {
        Shop shop = pressroom.shops().create(admin, new ManageShops.Draft("Etsy EU", "etsy", "etsy-123",
                config("apiKey", SECRET, "shopDomain", "acme.example", "retries", 3), null));
        assertThat(shop.maskedConfig()).containsOnly(Map.entry("apiKey", Shop.MASK), Map.entry("shopDomain", Shop.MASK),
                Map.entry("retries", Shop.MASK));
        assertThat(shop.toString()).doesNotContain(SECRET);
        Shop updated = pressroom.shops().update(admin, shop.id(), new ManageShops.Changes("Etsy Europe", null, null,
                config("accessToken", TOKEN, "shopDomain", null), false));
        assertThat(updated.maskedConfig()).containsOnlyKeys("apiKey", "retries", "accessToken");
        assertThat(updated.active()).isFalse();
        String stored = text("SELECT shop_config::text FROM shops");
        assertThat(stored).doesNotContain(SECRET, TOKEN).contains("enc:v1:");
        String events = text("SELECT event_type || ' ' || event_data::text FROM events");
        assertThat(events).contains("shop.created", "shop.updated", "apiKey", "accessToken").doesNotContain(SECRET, TOKEN, "acme.example");
        assertThat(pressroom.shops().revealConfig(admin, shop.id()))
                .containsEntry("apiKey", SECRET).containsEntry("accessToken", TOKEN).containsEntry("retries", "3");
        assertThatThrownBy(() -> pressroom.shops().revealConfig(member, shop.id())).isInstanceOf(DomainException.Forbidden.class);
        pressroom.shops().delete(admin, shop.id());
        assertThat(text("SELECT event_data::text FROM events")).doesNotContain(SECRET, TOKEN);
    }

    @Test
    void aSealedValueMovedToAnotherShopDoesNotOpen() {
        Shop a = pressroom.shops().create(admin, new ManageShops.Draft("A", "shopify", null, config("apiKey", SECRET), null));
        Shop b = pressroom.shops().create(admin, new ManageShops.Draft("B", "shopify", null, config("apiKey", "other"), null));
        db.exec("UPDATE shops SET shop_config = (SELECT shop_config FROM shops WHERE id = '" + a.id() + "') WHERE id = '" + b.id() + "'");
        assertThatThrownBy(() -> pressroom.shops().revealConfig(admin, b.id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutASecretKeyValuesAreStillMaskedInAnswersAndEvents() {
        try (Pressroom plain = Pressroom.builder().dataSource(db.dataSource()).migrate(false).build()) {
            Shop shop = plain.shops().create(admin, new ManageShops.Draft("Woo", "woocommerce", null, config("consumerSecret", SECRET), null));
            assertThat(shop.maskedConfig()).containsEntry("consumerSecret", Shop.MASK);
            assertThat(text("SELECT event_data::text FROM events")).doesNotContain(SECRET);
            assertThat(plain.shops().revealConfig(admin, shop.id())).containsEntry("consumerSecret", SECRET);
        }
    }

    @Test
    void platformShopIdIsUniquePerOrganizationAndPlatform() {
        pressroom.shops().create(admin, new ManageShops.Draft("One", "etsy", "shop-1", null, null));
        assertThatThrownBy(() -> pressroom.shops().create(admin, new ManageShops.Draft("Two", "etsy", "shop-1", null, null)))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("shop.platform-shop-id-taken"));
        pressroom.shops().create(admin, new ManageShops.Draft("Three", "amazon", "shop-1", null, null));
        pressroom.shops().create(otherAdmin, new ManageShops.Draft("Four", "etsy", "shop-1", null, null));
        Shop five = pressroom.shops().create(admin, new ManageShops.Draft("Five", "etsy", "shop-5", null, null));
        assertThatThrownBy(() -> pressroom.shops().update(admin, five.id(), new ManageShops.Changes(null, null, "shop-1", null, null)))
                .isInstanceOf(DomainException.Conflict.class);
        assertThat(pressroom.shops().list(admin, PageRequest.first()).items()).hasSize(3);
        assertThat(pressroom.shops().list(otherAdmin, PageRequest.first()).items()).hasSize(1);
    }

    @Test
    void validationAndPermissions() {
        assertThatThrownBy(() -> pressroom.shops().create(admin, new ManageShops.Draft("X", "ebay", null, null, null)))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.fieldErrors()).containsKey("platform"));
        assertThatThrownBy(() -> pressroom.shops().create(admin, new ManageShops.Draft(" ", "etsy", null, null, null)))
                .isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> pressroom.shops().create(admin, new ManageShops.Draft("X", "etsy", null, config("nested", Map.of("a", 1)), null)))
                .isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> pressroom.shops().create(member, new ManageShops.Draft("X", "etsy", null, null, null)))
                .isInstanceOf(DomainException.Forbidden.class);
        Shop s = pressroom.shops().create(admin, new ManageShops.Draft("X", "custom", null, null, null));
        assertThat(pressroom.shops().get(member, s.id()).name()).isEqualTo("X");
        assertThatThrownBy(() -> pressroom.shops().get(otherAdmin, s.id())).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> pressroom.shops().delete(member, s.id())).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void aShopNamedByPrintJobsCannotBeDeleted() {
        Shop s = pressroom.shops().create(admin, new ManageShops.Draft("X", "custom", null, null, null));
        db.exec("INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, shop_id) VALUES ('"
                + admin.organizationId() + "', '" + admin.userId() + "', 'j', '" + s.id() + "')");
        assertThatThrownBy(() -> pressroom.shops().delete(admin, s.id()))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("shop.in-use"));
    }
}
