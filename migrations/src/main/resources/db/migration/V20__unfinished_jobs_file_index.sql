-- V20 (queue): the in-use index of print_jobs.file_ids holds only the jobs that can make a file
-- "in use", found by bench/claim.
--
-- idx_print_jobs_file_ids (V2, GIN over every job's file_ids) served one question: is file F named
-- by an unfinished job (pending, held, printing, paused)? The delete trigger of files
-- (pressroom_protect_used_file) and FileService's early check (JooqFileRepository.usedByUnfinishedJob)
-- ask it. Every update of a job is non-HOT (the seed's index on status), so every claim and every
-- completion inserted the job's file_ids into it again, finished jobs included, and a job without
-- files still took an "empty" GIN entry: 341 bytes of WAL per job in bench/claim (2 GIN inserts,
-- each also locking the GIN metapage all writers share). The partial index below holds unfinished
-- jobs that name files only: a completion (or a failure, a cancellation) inserts nothing, a job
-- without files never enters it. Both queries repeat the predicate word for word (the planner
-- proves a partial index usable only from the query's own conditions).
-- Built CONCURRENTLY outside a transaction (V20__unfinished_jobs_file_index.sql.conf): print_jobs is
-- live. Rerunnable from its first line (IF NOT EXISTS, IF EXISTS, CREATE OR REPLACE; an INVALID
-- leftover is dropped by migrate).
SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_print_jobs_unfinished_file_ids
    ON print_jobs USING gin (file_ids)
    WHERE status IN ('pending', 'held', 'printing', 'paused') AND cardinality(file_ids) > 0;

-- V9's function, the index's predicate added to its query
CREATE OR REPLACE FUNCTION pressroom_protect_used_file() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM print_jobs
                WHERE print_jobs.organization_id = OLD.organization_id
                  AND print_jobs.file_ids @> ARRAY[OLD.id]
                  AND print_jobs.status IN ('pending', 'held', 'printing', 'paused')
                  AND cardinality(print_jobs.file_ids) > 0)
       AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = OLD.organization_id) THEN
        RAISE EXCEPTION 'file % is used by an unfinished print job', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'print_jobs_file_ids_fkey';
    END IF;
    RETURN OLD;
END
$$;

DROP INDEX CONCURRENTLY IF EXISTS idx_print_jobs_file_ids;

RESET lock_timeout;
