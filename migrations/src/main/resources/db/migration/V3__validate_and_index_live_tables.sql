-- V3: the work on tables that may already hold production data, done without blocking writers.
-- Runs outside a transaction (V3__….sql.conf: executeInTransaction=false); each statement
-- takes only locks that let inserts and updates through (SHARE UPDATE EXCLUSIVE), and gives up
-- rather than wait behind a long transaction.
SET lock_timeout = '5s';

ALTER TABLE users VALIDATE CONSTRAINT users_org_id_fkey;
ALTER TABLE canvas_configs VALIDATE CONSTRAINT canvas_configs_organization_id_fkey;
ALTER TABLE canvas_configs VALIDATE CONSTRAINT canvas_configs_dpi_check;
ALTER TABLE canvas_configs VALIDATE CONSTRAINT canvas_configs_spacing_check;

-- A failed concurrent build leaves an INVALID index behind; the runner drops such leftovers
-- (DROP INDEX CONCURRENTLY) before it migrates, so IF NOT EXISTS never keeps a broken one.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_org_id ON users(org_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_canvas_configs_org_id ON canvas_configs(organization_id);

RESET lock_timeout;
