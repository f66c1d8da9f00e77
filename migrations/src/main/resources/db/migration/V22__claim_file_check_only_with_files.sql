-- V22 (queue): the claim rule's file check (V21) runs only for a job that names files.
--
-- V21 put the file check (size, effective DPI against the canvas config's or the printer's) into the
-- claim's statement as a correlated NOT EXISTS over files, canvas_configs and a lateral of the file's
-- metadata. Its plan is initialised with the claim's on every execution (a bitmap scan of files and
-- its quals, the canvas_configs lookup), whether or not the job names a file: bench/claim's backends
-- went from 0.79-0.87 to 1.11 ms of CPU per job (two runs each, alternating, load 10-12; one session
-- with a commit per job 420 -> 532 us). The same check now lives in pressroom_print_job_files_refused
-- (plpgsql, STABLE, invoker: the caller's snapshot, role and row-level security), which the rule calls
-- only for an unassigned job with files (the OR stops at a job without files), with its own cached
-- plan. The check itself is V21's, word for word, the job's and printer's columns as parameters.
-- Same signature for pressroom_claim_print_job: callers and grants are unchanged.
SET LOCAL lock_timeout = '5s';

CREATE OR REPLACE FUNCTION pressroom_print_job_files_refused(p_org uuid, p_file_ids uuid[], p_canvas_config_id text,
                                                             p_max_width double precision, p_max_height double precision,
                                                             p_printer_dpi integer)
    RETURNS boolean
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN EXISTS (
        SELECT 1
          FROM files f
          CROSS JOIN LATERAL (
              SELECT CASE WHEN jsonb_typeof(f.file_metadata -> 'widthInches') = 'number' THEN (f.file_metadata ->> 'widthInches')::double precision END AS w_in,
                     CASE WHEN jsonb_typeof(f.file_metadata -> 'heightInches') = 'number' THEN (f.file_metadata ->> 'heightInches')::double precision END AS h_in,
                     CASE WHEN jsonb_typeof(f.file_metadata -> 'widthPx') = 'number' THEN (f.file_metadata ->> 'widthPx')::double precision END AS w_px,
                     CASE WHEN jsonb_typeof(f.file_metadata -> 'heightPx') = 'number' THEN (f.file_metadata ->> 'heightPx')::double precision END AS h_px,
                     CASE WHEN jsonb_typeof(f.file_metadata -> 'dpiX') = 'number' THEN (f.file_metadata ->> 'dpiX')::double precision END AS dpi_x,
                     CASE WHEN jsonb_typeof(f.file_metadata -> 'dpiY') = 'number' THEN (f.file_metadata ->> 'dpiY')::double precision END AS dpi_y,
                     -- the minimum: the job's canvas config's dpi (300 when it
                     -- has none), else the printer's
                     coalesce((SELECT coalesce(cc.dpi, 300) FROM canvas_configs cc
                                WHERE cc.organization_id = p_org
                                  AND cc.id::text = p_canvas_config_id),
                              p_printer_dpi) AS required) m
         WHERE f.organization_id = p_org AND f.id = ANY (p_file_ids)
           AND ((m.w_in IS NOT NULL AND m.h_in IS NOT NULL
                 AND NOT ((m.w_in <= p_max_width + 1e-6 AND m.h_in <= p_max_height + 1e-6)
                       OR (m.w_in <= p_max_height + 1e-6 AND m.h_in <= p_max_width + 1e-6)))
                OR (m.dpi_x > 0 AND m.dpi_y > 0 AND least(m.dpi_x, m.dpi_y) < m.required)
                OR ((m.dpi_x IS NULL OR m.dpi_y IS NULL) AND m.w_px > 0 AND m.h_px > 0 AND m.required > 0
                    AND NOT ((m.w_px / m.required <= p_max_width + 1e-6
                              AND m.h_px / m.required <= p_max_height + 1e-6)
                          OR (m.w_px / m.required <= p_max_height + 1e-6
                              AND m.h_px / m.required <= p_max_width + 1e-6))))
    );
END
$$;

CREATE OR REPLACE FUNCTION pressroom_claim_print_job(p_org uuid, p_printer uuid, p_token uuid,
                                                     p_expires timestamp, p_now timestamp)
    RETURNS SETOF print_jobs
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    j print_jobs;
BEGIN
    UPDATE print_jobs
       SET status = 'printing', claimed_by_printer_id = p_printer, lease_token = p_token,
           lease_expires_at = p_expires, started_at = p_now, completed_at = NULL,
           progress_percentage = 0, estimated_completion = NULL, error_message = NULL, updated_at = p_now
     WHERE organization_id = p_org
       AND id = (SELECT c.id
                   FROM print_jobs c
                   JOIN printers p ON p.organization_id = c.organization_id AND p.id = p_printer AND p.is_active
                   JOIN organizations o ON o.id = p_org AND o.deleted_at IS NULL
                                       AND coalesce((o.settings ->> 'is_active')::boolean, true)
                  WHERE c.organization_id = p_org AND c.status = 'pending'
                    AND (c.printer_id = p_printer
                         OR (c.printer_id IS NULL
                             AND (lower(c.print_config ->> 'templateId') IS NULL
                                  OR coalesce(cardinality(p.supported_template_ids), 0) = 0
                                  OR lower(c.print_config ->> 'templateId') = ANY (p.supported_template_ids::varchar[]))
                             AND (coalesce(cardinality(c.file_ids), 0) = 0
                                  OR NOT pressroom_print_job_files_refused(c.organization_id, c.file_ids, lower(c.print_config ->> 'canvasConfigId'),
                                                                           p.max_width_inches, p.max_height_inches, p.dpi))))
                  ORDER BY c.priority DESC, c.created_at, c.id
                  LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED)
    RETURNING * INTO j;
    IF FOUND THEN
        RETURN NEXT j;
    END IF;
END
$$;

GRANT EXECUTE ON FUNCTION pressroom_print_job_files_refused(uuid, uuid[], text, double precision, double precision, integer) TO pressroom_app;
