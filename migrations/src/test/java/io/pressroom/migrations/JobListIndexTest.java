package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** V14: the first page of an organization's jobs (of one status, or all) is an index range read, not a sort. */
class JobListIndexTest {

    @Test
    void theFirstPageOfABigOrganizationsPendingJobsNeedsNoSort() {
        var db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate();
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + user + "', 'u@example.com', 'x');"
                + "INSERT INTO organizations (id, name) VALUES ('" + org + "', 'Big'), (gen_random_uuid(), 'Other');"
                + "INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, status, created_at) "
                + "SELECT o.id, '" + user + "', 'j' || g, (ARRAY['pending','completed'])[1 + g % 2], now() - g * interval '1 second' "
                + "FROM organizations o, generate_series(1, 20000) g;"
                + "ANALYZE print_jobs;");

        String byStatus = Sql.plan(db, "SELECT * FROM print_jobs WHERE organization_id = '" + org + "' AND status = 'pending' "
                + "ORDER BY created_at DESC, id DESC LIMIT 51");
        String all = Sql.plan(db, "SELECT * FROM print_jobs WHERE organization_id = '" + org + "' "
                + "ORDER BY created_at DESC, id DESC LIMIT 51");

        assertThat(byStatus).contains("idx_print_jobs_org_status_created").doesNotContain("Sort");
        assertThat(all).contains("idx_print_jobs_org_created").doesNotContain("Sort");
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }
}
