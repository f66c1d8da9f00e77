package io.pressroom.persistence.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pressroom.Pressroom;
import io.pressroom.domain.audit.EventFilter;
import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.organization.ManageOrganizations.OrganizationChanges;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of interleaved units of work of three organizations over a pool of two
 * connections: no answer ever carries another organization's row, and a connection handed back
 * to the pool carries no tenant.
 */
class InterleavedTenantsTest {

    @Test
    void interleavedTenantsOverTwoConnectionsNeverSeeAForeignRow() throws Exception {
        OrgFixture setup = new OrgFixture();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(setup.db.jdbcUrl());
        cfg.setUsername(setup.db.user());
        cfg.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(cfg);
             Pressroom pressroom = Pressroom.builder().dataSource(pool).migrate(false).build()) {
            int orgs = 3;
            Caller[] admins = new Caller[orgs];
            java.util.UUID[] ids = new java.util.UUID[orgs];
            for (int o = 0; o < orgs; o++) {
                admins[o] = setup.user("admin" + o + "@interleaved.test");
                ids[o] = pressroom.organizations().create(admins[o], new NewOrganization("Org " + o, null)).organization().id();
                for (int m = 0; m < 3; m++) {
                    setup.insertUser("m" + m + "-" + o + "@interleaved.test", false);
                    pressroom.members().add(admins[o], ids[o], "m" + m + "-" + o + "@interleaved.test", Role.MEMBER);
                }
                pressroom.invitations().invite(admins[o], ids[o], "inv" + o + "@interleaved.test", Role.MEMBER, null);
            }
            AtomicInteger checked = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                futures.add(threads.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < 400; i++) {
                        int o = rnd.nextInt(orgs);
                        Caller admin = admins[o];
                        java.util.UUID org = ids[o];
                        switch (rnd.nextInt(5)) {
                            case 0 -> assertThat(pressroom.members().list(admin, org, PageRequest.first()).items())
                                    .hasSize(4).allSatisfy(m -> assertThat(m.organizationId()).isEqualTo(org));
                            case 1 -> assertThat(pressroom.auditTrail().list(admin.inOrganization(org, Role.ADMIN), EventFilter.none(),
                                    new PageRequest(200, null)).items()).isNotEmpty().allSatisfy(e -> assertThat(e.organizationId()).isEqualTo(org));
                            case 2 -> assertThat(pressroom.invitations().list(admin, org, PageRequest.first()).items())
                                    .hasSize(1).allSatisfy(inv -> assertThat(inv.organizationId()).isEqualTo(org));
                            case 3 -> assertThat(pressroom.organizations().listMine(admin, PageRequest.first()).items())
                                    .extracting(m -> m.organization().id()).containsExactly(org);
                            default -> assertThat(pressroom.organizations().update(admin, org,
                                    new OrganizationChanges("Org " + o, null, null)).organization().id()).isEqualTo(org);
                        }
                        // between units of work, a pooled connection carries neither a tenant nor the runtime role
                        if (i % 50 == 0) {
                            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                                 ResultSet rs = st.executeQuery("SELECT coalesce(current_setting('pressroom.organization_id', true), ''), "
                                         + "current_user")) {
                                rs.next();
                                assertThat(rs.getString(1)).isEmpty();
                                assertThat(rs.getString(2)).isEqualTo("postgres");
                            }
                        }
                        checked.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            threads.shutdown();
            assertThat(checked.get()).isEqualTo(2400);
            // a pooled connection, outside any unit of work, has no tenant and is not the runtime role
            for (int i = 0; i < 2; i++) {
                try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT coalesce(current_setting('pressroom.organization_id', true), ''), current_user")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEmpty();
                    assertThat(rs.getString(2)).isEqualTo("postgres");
                }
            }
        } finally {
            setup.close();
        }
    }
}
