-- V12: a template that a printer supports cannot be deleted.
--
-- V9 checks printers.supported_template_ids against templates when a printer is written; this
-- is the other side of that reference (as files_in_use_by_print_jobs is for print_jobs.file_ids).
-- Templates are global and printers are tenant rows: the check must see every organization's
-- printers whoever deletes, so the trigger function is SECURITY DEFINER, owned by
-- pressroom_definer (V8), which reads printers through its own read policy; it answers a yes/no.
SET LOCAL lock_timeout = '5s';

CREATE INDEX IF NOT EXISTS idx_printers_supported_template_ids ON printers USING gin (supported_template_ids);

CREATE OR REPLACE FUNCTION pressroom_protect_used_template() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM public.printers p WHERE p.supported_template_ids @> ARRAY[OLD.id]) THEN
        RAISE EXCEPTION 'template % is supported by a printer', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'printers_supported_template_ids_fkey';
    END IF;
    RETURN OLD;
END
$$;

GRANT CREATE ON SCHEMA public TO pressroom_definer;
ALTER FUNCTION pressroom_protect_used_template() OWNER TO pressroom_definer;
REVOKE CREATE ON SCHEMA public FROM pressroom_definer;

CREATE TRIGGER templates_in_use_by_printers
    BEFORE DELETE ON templates
    FOR EACH ROW EXECUTE FUNCTION pressroom_protect_used_template();
