-- V21: the claim rule checks a file's resolution, not only its size.
--
-- An unassigned job goes to the first printer that claims it and fits it. V15/V19's rule judged
-- "fits" by size alone (the file's printed size, widthInches × heightInches, within the printer's
-- maximum in either orientation), while the print check (PrintCheck) at submission and at
-- assignment also asks for a minimum effective DPI: the dpi of the job's canvas config
-- (printConfig.canvasConfigId) when it names one of the organization's, else the printer's. A job
-- submitted without a printer was therefore never held to any printer's DPI: a 150 dpi photo
-- went to a 600 dpi printer. The rule now refuses, for an unassigned job, a file that
--   * is too large at its own DPI (as before),
--   * has an effective DPI (the lower of dpiX and dpiY) under that minimum, or
--   * states no DPI and, sized at that minimum, is too large (PrintCheck sizes it so);
-- a file the reader could not measure is still not refused here (the print check judged it), nor
-- one whose metadata holds no numbers where these keys are (a legacy row: never a failing cast).
-- Assigned jobs are unchanged (checked when submitted or assigned). Same signature as V19's:
-- callers and grants are unchanged.
SET LOCAL lock_timeout = '5s';

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
                                  OR NOT EXISTS (
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
                                                              WHERE cc.organization_id = c.organization_id
                                                                AND cc.id::text = lower(c.print_config ->> 'canvasConfigId')),
                                                            p.dpi) AS required) m
                                       WHERE f.organization_id = c.organization_id AND f.id = ANY (c.file_ids)
                                         AND ((m.w_in IS NOT NULL AND m.h_in IS NOT NULL
                                               AND NOT ((m.w_in <= p.max_width_inches + 1e-6 AND m.h_in <= p.max_height_inches + 1e-6)
                                                     OR (m.w_in <= p.max_height_inches + 1e-6 AND m.h_in <= p.max_width_inches + 1e-6)))
                                              OR (m.dpi_x > 0 AND m.dpi_y > 0 AND least(m.dpi_x, m.dpi_y) < m.required)
                                              OR ((m.dpi_x IS NULL OR m.dpi_y IS NULL) AND m.w_px > 0 AND m.h_px > 0 AND m.required > 0
                                                  AND NOT ((m.w_px / m.required <= p.max_width_inches + 1e-6
                                                            AND m.h_px / m.required <= p.max_height_inches + 1e-6)
                                                        OR (m.w_px / m.required <= p.max_height_inches + 1e-6
                                                            AND m.h_px / m.required <= p.max_width_inches + 1e-6))))))))
                  ORDER BY c.priority DESC, c.created_at, c.id
                  LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED)
    RETURNING * INTO j;
    IF FOUND THEN
        RETURN NEXT j;
    END IF;
END
$$;
