-- V2: the seed's multi-tenant schema (production-migration-guide.md, Step 2), corrected.
--
-- What changed from the seed, and why:
--  * printers is created before print_jobs, which references it (the seed's order fails on an
--    empty database).
--  * Every tenant table carries UNIQUE (organization_id, id) and tenant rows reference each
--    other through (organization_id, <ref>_id), so the database itself refuses a reference
--    from one organization's row to another organization's row. print_jobs.file_ids (an
--    array, which no foreign key can cover) is checked by a trigger.
--  * Checked values: roles, job statuses, priorities (0-100), progress (0-100), platforms,
--    positive sizes, sane DPI; one default printer per organization (a partial unique index).
--  * files.file_size is BIGINT (INTEGER stops at 2 GiB).
--  * events.organization_id is nullable: signup, login and system admin actions belong to no
--    organization.
--  * canvas_configs gains a nullable organization_id (filled by `adopt-default-org`).
--  * users.org_id is added without a default (instant on a large table) and its foreign key
--    NOT VALID; V3 validates it and builds idx_users_org_id CONCURRENTLY, outside any
--    transaction, so a live database keeps taking writes.
--
-- The whole script is one short transaction. lock_timeout makes it give up rather than queue
-- writers behind a lock it cannot get at once (a long transaction on users); Pressroom's
-- migration runner then retries it after a pause (nothing was applied: DDL is transactional).
SET LOCAL lock_timeout = '500ms';

CREATE TABLE IF NOT EXISTS organizations (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name        VARCHAR NOT NULL,
    description TEXT,
    settings    JSONB DEFAULT '{"is_active": true}',
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at  TIMESTAMP,
    CONSTRAINT organizations_name_not_blank CHECK (length(btrim(name)) > 0),
    CONSTRAINT organizations_settings_is_object CHECK (settings IS NULL OR jsonb_typeof(settings) = 'object')
);

-- nullable for backward compatibility; the foreign key is validated by V3
ALTER TABLE users ADD COLUMN IF NOT EXISTS org_id UUID;
ALTER TABLE users ADD CONSTRAINT users_org_id_fkey
    FOREIGN KEY (org_id) REFERENCES organizations(id) ON DELETE CASCADE NOT VALID;

CREATE TABLE IF NOT EXISTS organization_members (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role            VARCHAR NOT NULL DEFAULT 'member',
    joined_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (organization_id, user_id),
    CONSTRAINT organization_members_role_check CHECK (role IN ('admin', 'member'))
);

CREATE TABLE IF NOT EXISTS shops (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name             VARCHAR NOT NULL,
    platform         VARCHAR NOT NULL,
    platform_shop_id VARCHAR,
    shop_config      JSONB DEFAULT '{}',
    is_active        BOOLEAN DEFAULT true,
    created_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT shops_org_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT shops_platform_shop_id_key UNIQUE (organization_id, platform, platform_shop_id),
    CONSTRAINT shops_platform_check CHECK (platform IN ('etsy', 'shopify', 'woocommerce', 'amazon', 'custom')),
    CONSTRAINT shops_name_not_blank CHECK (length(btrim(name)) > 0)
);

CREATE TABLE IF NOT EXISTS files (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    filename          VARCHAR NOT NULL,
    original_filename VARCHAR NOT NULL,
    file_path         VARCHAR NOT NULL,
    file_size         BIGINT NOT NULL,
    mime_type         VARCHAR NOT NULL,
    file_hash         VARCHAR NOT NULL,
    storage_backend   VARCHAR NOT NULL DEFAULT 'nas',
    file_metadata     JSONB DEFAULT '{}',
    created_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT files_org_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT files_org_id_hash_key UNIQUE (organization_id, file_hash),
    CONSTRAINT files_file_size_check CHECK (file_size >= 0),
    CONSTRAINT files_file_hash_check CHECK (file_hash ~ '^[0-9a-f]{64}$')
);

CREATE TABLE IF NOT EXISTS printers (
    id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id        UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id                UUID NOT NULL REFERENCES users(id),
    name                   VARCHAR NOT NULL,
    printer_type           VARCHAR NOT NULL,
    max_width_inches       FLOAT NOT NULL,
    max_height_inches      FLOAT NOT NULL,
    dpi                    INTEGER NOT NULL DEFAULT 300,
    supported_template_ids UUID[],
    is_active              BOOLEAN DEFAULT true,
    is_default             BOOLEAN DEFAULT false,
    notes                  TEXT,
    printer_config         JSONB DEFAULT '{}',
    created_at             TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at             TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT printers_org_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT printers_max_width_inches_check CHECK (max_width_inches > 0),
    CONSTRAINT printers_max_height_inches_check CHECK (max_height_inches > 0),
    CONSTRAINT printers_dpi_check CHECK (dpi BETWEEN 50 AND 10000),
    CONSTRAINT printers_printer_type_check CHECK (printer_type ~ '^[a-z0-9][a-z0-9_-]*$'),
    CONSTRAINT printers_name_not_blank CHECK (length(btrim(name)) > 0)
);

-- exactly one default printer per organization (at most one row with is_default)
CREATE UNIQUE INDEX IF NOT EXISTS printers_one_default_per_org
    ON printers (organization_id) WHERE is_default;

CREATE TABLE IF NOT EXISTS print_jobs (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_by_user_id   UUID NOT NULL REFERENCES users(id),
    printer_id           UUID,
    shop_id              UUID,
    job_name             VARCHAR NOT NULL,
    status               VARCHAR NOT NULL DEFAULT 'pending',
    priority             INTEGER DEFAULT 0,
    file_ids             UUID[],
    print_config         JSONB DEFAULT '{}',
    progress_percentage  INTEGER DEFAULT 0,
    estimated_completion TIMESTAMP,
    started_at           TIMESTAMP,
    completed_at         TIMESTAMP,
    error_message        TEXT,
    created_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT print_jobs_org_id_id_key UNIQUE (organization_id, id),
    -- the seed's printer_id/shop_id references, made tenant-safe
    CONSTRAINT print_jobs_printer_id_fkey FOREIGN KEY (organization_id, printer_id)
        REFERENCES printers (organization_id, id),
    CONSTRAINT print_jobs_shop_id_fkey FOREIGN KEY (organization_id, shop_id)
        REFERENCES shops (organization_id, id),
    CONSTRAINT print_jobs_status_check
        CHECK (status IN ('pending', 'held', 'printing', 'paused', 'completed', 'failed', 'cancelled')),
    CONSTRAINT print_jobs_priority_check CHECK (priority BETWEEN 0 AND 100),
    CONSTRAINT print_jobs_progress_percentage_check CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT print_jobs_job_name_not_blank CHECK (length(btrim(job_name)) > 0)
);

CREATE TABLE IF NOT EXISTS events (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         UUID REFERENCES users(id),
    event_type      VARCHAR NOT NULL,
    entity_type     VARCHAR NOT NULL,
    entity_id       UUID,
    event_data      JSONB DEFAULT '{}',
    ip_address      VARCHAR,
    user_agent      TEXT,
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- print_jobs.file_ids: every element must be a file of the job's own organization.
CREATE OR REPLACE FUNCTION pressroom_check_print_job_files() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    missing UUID;
BEGIN
    IF NEW.file_ids IS NULL OR cardinality(NEW.file_ids) = 0 THEN
        RETURN NEW;
    END IF;
    SELECT f.id INTO missing
      FROM unnest(NEW.file_ids) AS f(id)
     WHERE NOT EXISTS (SELECT 1 FROM files
                        WHERE files.id = f.id AND files.organization_id = NEW.organization_id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'print_jobs.file_ids: file % is not a file of organization %', missing, NEW.organization_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'print_jobs_file_ids_fkey';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER print_jobs_file_ids_fkey
    BEFORE INSERT OR UPDATE OF file_ids, organization_id ON print_jobs
    FOR EACH ROW EXECUTE FUNCTION pressroom_check_print_job_files();

-- the other side of that reference: a file used by an unfinished job cannot be deleted
CREATE OR REPLACE FUNCTION pressroom_protect_used_file() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM print_jobs
                WHERE print_jobs.organization_id = OLD.organization_id
                  AND print_jobs.file_ids @> ARRAY[OLD.id]
                  AND print_jobs.status IN ('pending', 'held', 'printing', 'paused')) THEN
        RAISE EXCEPTION 'file % is used by an unfinished print job', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'print_jobs_file_ids_fkey';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER files_in_use_by_print_jobs
    BEFORE DELETE ON files
    FOR EACH ROW EXECUTE FUNCTION pressroom_protect_used_file();

-- a row never moves from one organization to another
CREATE OR REPLACE FUNCTION pressroom_forbid_organization_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organization_id IS DISTINCT FROM OLD.organization_id THEN
        RAISE EXCEPTION '%.organization_id cannot change', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER organization_members_organization_fixed BEFORE UPDATE OF organization_id ON organization_members
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();
CREATE TRIGGER shops_organization_fixed BEFORE UPDATE OF organization_id ON shops
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();
CREATE TRIGGER files_organization_fixed BEFORE UPDATE OF organization_id ON files
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();
CREATE TRIGGER printers_organization_fixed BEFORE UPDATE OF organization_id ON printers
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();
CREATE TRIGGER print_jobs_organization_fixed BEFORE UPDATE OF organization_id ON print_jobs
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();

-- the seed's performance indexes (idx_users_org_id is built CONCURRENTLY by V3)
CREATE INDEX IF NOT EXISTS idx_organization_members_org_id ON organization_members(organization_id);
CREATE INDEX IF NOT EXISTS idx_organization_members_user_id ON organization_members(user_id);
CREATE INDEX IF NOT EXISTS idx_shops_org_id ON shops(organization_id);
CREATE INDEX IF NOT EXISTS idx_files_org_id ON files(organization_id);
CREATE INDEX IF NOT EXISTS idx_print_jobs_org_id ON print_jobs(organization_id);
CREATE INDEX IF NOT EXISTS idx_print_jobs_status ON print_jobs(status);
CREATE INDEX IF NOT EXISTS idx_events_org_id ON events(organization_id);
CREATE INDEX IF NOT EXISTS idx_events_user_id ON events(user_id);
CREATE INDEX IF NOT EXISTS idx_printers_org_id ON printers(organization_id);
CREATE INDEX IF NOT EXISTS idx_printers_user_id ON printers(user_id);
-- ours: the elements of file_ids, for the in-use check above
CREATE INDEX IF NOT EXISTS idx_print_jobs_file_ids ON print_jobs USING gin (file_ids);

-- canvas_configs: the seed's DPI and spacing fields (constant defaults: no table rewrite), and
-- a nullable tenant. Checks are NOT VALID here (no scan under lock) and validated by V3.
ALTER TABLE canvas_configs
    ADD COLUMN IF NOT EXISTS dpi INTEGER DEFAULT 300,
    ADD COLUMN IF NOT EXISTS spacing_width_inches FLOAT DEFAULT 0.125,
    ADD COLUMN IF NOT EXISTS spacing_height_inches FLOAT DEFAULT 0.125,
    ADD COLUMN IF NOT EXISTS organization_id UUID;
ALTER TABLE canvas_configs
    ADD CONSTRAINT canvas_configs_organization_id_fkey
        FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE NOT VALID,
    ADD CONSTRAINT canvas_configs_dpi_check CHECK (dpi BETWEEN 50 AND 10000) NOT VALID,
    ADD CONSTRAINT canvas_configs_spacing_check
        CHECK (spacing_width_inches >= 0 AND spacing_height_inches >= 0) NOT VALID;
