-- V9: what V2–V4 left open, found on review of the seed and of those migrations.
--
--  1. print_jobs.file_ids could race: a job inserted with file F and a concurrent DELETE of F
--     each checked the other's table before either committed, and both succeeded (a dangling
--     element). The check now locks the files it names (FOR KEY SHARE, as a real foreign key
--     does), so the delete waits for the job's transaction and then sees it.
--  2. Deleting an organization (hard delete, e.g. by an operator) cascaded into its files and
--     was refused by the "file in use" trigger while the organization still had unfinished jobs;
--     the trigger now lets the cascade of a deleted organization through.
--  3. printers.supported_template_ids named templates that need not exist (no foreign key can
--     cover an array): a trigger checks every element against templates.
--  4. Three-valued flags and numbers: priority, progress_percentage, is_active, is_default were
--     nullable, so a NULL slipped past their CHECKs (a job with no priority sorts nowhere; a
--     printer neither default nor not). They are NOT NULL now (their seed defaults are kept).
--  5. Free-text columns that are used as codes are checked: files.storage_backend (a port
--     name such as nas or s3), files.mime_type, events.event_type/entity_type not blank.
--  6. Maintenance under FORCE ROW LEVEL SECURITY: `adopt-default-org` touches tenant tables.
--     When the migrating role is the tables' owner but not a superuser (a managed database's
--     usual admin), FORCE RLS hid every row from it: it could not see the Default Organization
--     it had made (so a second run made another) nor the unassigned canvas configs. Each table
--     it touches gets a policy for the tables' OWNER only, open only while the transaction has
--     set pressroom.scope = 'maintenance'. The application never runs as the owner (its unit of
--     work switches to pressroom_app), and the owner could lift RLS anyway (ALTER TABLE), so this
--     opens nothing that was closed.
--
-- All on tables that Pressroom itself created (V2); none of them is a legacy production table,
-- so the checks are added and validated in this one short transaction.
SET LOCAL lock_timeout = '500ms';

-- 1. file_ids: lock what is referenced
CREATE OR REPLACE FUNCTION pressroom_check_print_job_files() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    wanted  UUID[];
    found   UUID[];
    missing UUID;
BEGIN
    IF NEW.file_ids IS NULL OR cardinality(NEW.file_ids) = 0 THEN
        RETURN NEW;
    END IF;
    IF array_position(NEW.file_ids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'print_jobs.file_ids: an element is null'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'print_jobs_file_ids_fkey';
    END IF;
    wanted := ARRAY(SELECT DISTINCT u FROM unnest(NEW.file_ids) AS u ORDER BY u);
    -- in id order, so two jobs naming the same files never lock them in opposite orders
    found := ARRAY(SELECT f.id FROM files f
                    WHERE f.id = ANY (wanted) AND f.organization_id = NEW.organization_id
                    ORDER BY f.id FOR KEY SHARE);
    IF cardinality(found) < cardinality(wanted) THEN
        SELECT w INTO missing FROM unnest(wanted) AS w WHERE w <> ALL (found) LIMIT 1;
        RAISE EXCEPTION 'print_jobs.file_ids: file % is not a file of organization %', missing, NEW.organization_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'print_jobs_file_ids_fkey';
    END IF;
    RETURN NEW;
END
$$;

-- 2. the cascade of a deleted organization is not "deleting a file in use"
CREATE OR REPLACE FUNCTION pressroom_protect_used_file() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM print_jobs
                WHERE print_jobs.organization_id = OLD.organization_id
                  AND print_jobs.file_ids @> ARRAY[OLD.id]
                  AND print_jobs.status IN ('pending', 'held', 'printing', 'paused'))
       AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = OLD.organization_id) THEN
        RAISE EXCEPTION 'file % is used by an unfinished print job', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'print_jobs_file_ids_fkey';
    END IF;
    RETURN OLD;
END
$$;

-- 3. printers.supported_template_ids: every element a template (templates are global)
CREATE OR REPLACE FUNCTION pressroom_check_printer_templates() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    missing UUID;
BEGIN
    IF NEW.supported_template_ids IS NULL OR cardinality(NEW.supported_template_ids) = 0 THEN
        RETURN NEW;
    END IF;
    SELECT t.id INTO missing
      FROM unnest(NEW.supported_template_ids) AS t(id)
     WHERE t.id IS NULL OR NOT EXISTS (SELECT 1 FROM templates WHERE templates.id = t.id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'printers.supported_template_ids: % is not a template', coalesce(missing::text, 'null')
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'printers_supported_template_ids_fkey';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER printers_supported_template_ids_fkey
    BEFORE INSERT OR UPDATE OF supported_template_ids ON printers
    FOR EACH ROW EXECUTE FUNCTION pressroom_check_printer_templates();

-- 4. no NULL where NULL means nothing
UPDATE print_jobs SET priority = 0 WHERE priority IS NULL;
UPDATE print_jobs SET progress_percentage = 0 WHERE progress_percentage IS NULL;
UPDATE printers SET is_active = true WHERE is_active IS NULL;
UPDATE printers SET is_default = false WHERE is_default IS NULL;
UPDATE shops SET is_active = true WHERE is_active IS NULL;
ALTER TABLE print_jobs
    ALTER COLUMN priority SET NOT NULL,
    ALTER COLUMN progress_percentage SET NOT NULL;
ALTER TABLE printers
    ALTER COLUMN is_active SET NOT NULL,
    ALTER COLUMN is_default SET NOT NULL;
ALTER TABLE shops
    ALTER COLUMN is_active SET NOT NULL;

-- 5. codes and names
ALTER TABLE files
    ADD CONSTRAINT files_storage_backend_check CHECK (storage_backend ~ '^[a-z0-9][a-z0-9_-]*$'),
    ADD CONSTRAINT files_mime_type_check CHECK (mime_type ~ '^[A-Za-z0-9.+_-]+/[A-Za-z0-9.+_-]+'),
    ADD CONSTRAINT files_filename_not_blank CHECK (length(btrim(filename)) > 0);
ALTER TABLE events
    ADD CONSTRAINT events_event_type_not_blank CHECK (length(btrim(event_type)) > 0),
    ADD CONSTRAINT events_entity_type_not_blank CHECK (length(btrim(entity_type)) > 0);
ALTER TABLE print_jobs
    ADD CONSTRAINT print_jobs_completed_after_started
        CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at);

-- 6. maintenance policies for the tables' owner (see the header)
DO $$
DECLARE
    owner_role text;
    t          text;
BEGIN
    SELECT pg_get_userbyid(c.relowner) INTO owner_role FROM pg_class c WHERE c.oid = 'organizations'::regclass;
    FOREACH t IN ARRAY ARRAY['organizations', 'organization_members', 'canvas_configs'] LOOP
        EXECUTE format('CREATE POLICY %I ON %I TO %I '
                       'USING (pressroom_current_scope() = ''maintenance'') '
                       'WITH CHECK (pressroom_current_scope() = ''maintenance'')',
                       t || '_maintenance', t, owner_role);
    END LOOP;
END
$$;
