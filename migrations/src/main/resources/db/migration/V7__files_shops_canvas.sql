-- V7 (files, shops, canvas configs): what the file store, shops and canvas configs need on
-- top of V2 (files.file_size is already BIGINT; (organization_id, file_hash) is already unique,
-- which is the per-organization deduplication).
--
-- Runs outside a transaction (V7__….sql.conf) because it builds indexes CONCURRENTLY on tables
-- that may already hold production rows; every statement is idempotent, so a rerun after a
-- failure (e.g. lock_timeout) finishes the job.
SET lock_timeout = '5s';

-- Canvas configs written by the legacy application have no organization until
-- `adopt-default-org` runs: their owner (user_id) keeps seeing and editing them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = 'canvas_configs' AND policyname = 'canvas_configs_own_legacy') THEN
        CREATE POLICY canvas_configs_own_legacy ON canvas_configs
            USING (organization_id IS NULL AND user_id = pressroom_current_user())
            WITH CHECK (organization_id IS NULL AND user_id = pressroom_current_user());
    END IF;
END
$$;

-- GET /api/files and /api/shops: newest first, keyset pagination
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_files_org_created ON files (organization_id, created_at DESC, id DESC);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_shops_org_created ON shops (organization_id, created_at DESC, id DESC);

RESET lock_timeout;
