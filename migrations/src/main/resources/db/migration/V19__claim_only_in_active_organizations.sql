-- V19: a deactivated (or soft-deleted) organization's printers claim nothing, whatever the
-- agent's Caller says.
--
-- PrintJobService.claim answered nothing for an agent whose Caller says the organization is
-- inactive, and completeAndClaimNext refused such a Caller (a write to a read-only organization);
-- but a Caller made before the deactivation (a library user's long-lived one, or a printer key
-- cached for a few seconds: PrinterService.KEY_CACHE) went on claiming through both, since the
-- claim rule (V15, which both paths and the domain's claimNext use) did not look at the
-- organization. It now does, the way pressroom_printer_key_owner (V6) judges it: not deleted,
-- settings.is_active not false. One primary-key probe of organizations per claim; the row is read,
-- not locked. Same signature as V15's: callers and grants are unchanged.
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
                             -- a file without a known size is not refused here (the print check at submission judges it)
                             AND (coalesce(cardinality(c.file_ids), 0) = 0
                                  OR NOT EXISTS (
                                      SELECT 1 FROM files f
                                       WHERE f.organization_id = c.organization_id AND f.id = ANY (c.file_ids)
                                         AND (f.file_metadata ->> 'widthInches')::double precision IS NOT NULL
                                         AND (f.file_metadata ->> 'heightInches')::double precision IS NOT NULL
                                         AND NOT (((f.file_metadata ->> 'widthInches')::double precision <= p.max_width_inches
                                                   AND (f.file_metadata ->> 'heightInches')::double precision <= p.max_height_inches)
                                               OR ((f.file_metadata ->> 'widthInches')::double precision <= p.max_height_inches
                                                   AND (f.file_metadata ->> 'heightInches')::double precision <= p.max_width_inches))))))
                  ORDER BY c.priority DESC, c.created_at, c.id
                  LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED)
    RETURNING * INTO j;
    IF FOUND THEN
        RETURN NEXT j;
    END IF;
END
$$;
