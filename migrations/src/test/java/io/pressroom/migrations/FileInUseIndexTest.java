package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * V20: "is this file named by an unfinished job?" reads a GIN index of unfinished jobs with files
 * only (a completion or a job without files writes nothing into it), and both askers (the files'
 * delete trigger, JooqFileRepository.usedByUnfinishedJob) can use it.
 */
class FileInUseIndexTest {

    @Test
    void theInUseQuestionReadsThePartialIndexOfUnfinishedJobsWithFiles() {
        var db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate();

        assertThat(Sql.set(db, "SELECT indexname FROM pg_indexes WHERE tablename = 'print_jobs' AND indexdef LIKE '%gin%'"))
                .containsExactly("idx_print_jobs_unfinished_file_ids");
        assertThat(Sql.one(db, "SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'idx_print_jobs_unfinished_file_ids'::regclass"))
                .contains("pending", "held", "printing", "paused").contains("cardinality(file_ids) > 0")
                .doesNotContain("completed");
        // an organization with 4,000 pending jobs, each naming one of 2,000 files
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + user + "', 'u@example.com', 'x');"
                + "INSERT INTO organizations (id, name) VALUES ('" + org + "', 'A');"
                + "INSERT INTO files (id, organization_id, filename, original_filename, file_path, file_size, mime_type, file_hash) "
                + "SELECT (lpad(to_hex(g), 8, '0') || '-0000-4000-8000-000000000000')::uuid, '" + org + "', 'f.png', 'f.png', 'p', 10, "
                + "'image/png', lpad(to_hex(g), 64, '0') FROM generate_series(1, 2000) g;"
                + "INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, file_ids) "
                + "SELECT '" + org + "', '" + user + "', 'j' || g, ARRAY[(lpad(to_hex(1 + g % 2000), 8, '0') || '-0000-4000-8000-000000000000')::uuid] "
                + "FROM generate_series(1, 4000) g;"
                + "ANALYZE print_jobs;");
        UUID file = UUID.fromString("00000007-0000-4000-8000-000000000000");
        // the trigger's query (V20's pressroom_protect_used_file), and the repository's as jOOQ renders it
        String trigger = "SELECT 1 FROM print_jobs WHERE print_jobs.organization_id = '" + org + "'"
                + " AND print_jobs.file_ids @> ARRAY['" + file + "'::uuid]"
                + " AND print_jobs.status IN ('pending', 'held', 'printing', 'paused')"
                + " AND cardinality(print_jobs.file_ids) > 0";
        String repository = "select 1 as \"one\" from \"public\".\"print_jobs\" where (\"public\".\"print_jobs\".\"organization_id\" = '" + org + "'"
                + " and \"public\".\"print_jobs\".\"file_ids\" @> cast(array['" + file + "'] as uuid[])"
                + " and \"public\".\"print_jobs\".\"status\" in ('pending', 'held', 'printing', 'paused')"
                + " and cardinality(\"public\".\"print_jobs\".\"file_ids\") > 0)";
        for (String sql : new String[] {trigger, repository}) {
            assertThat(Sql.plan(db, sql, "SET enable_seqscan = off")).as(sql).contains("idx_print_jobs_unfinished_file_ids");
        }
        assertThat(Sql.one(db, "SELECT prosrc FROM pg_proc WHERE proname = 'pressroom_protect_used_file'"))
                .contains("AND cardinality(print_jobs.file_ids) > 0");
    }
}
