-- V15: the print agent's hot path in one round trip (found by bench/claim).
--
-- An agent's completeAndClaimNext was nine round trips (BEGIN, set_config, SELECT … FOR UPDATE,
-- UPDATE, INSERT event, UPDATE printers, claim UPDATE, INSERT event, COMMIT); on a busy machine
-- every round trip waits for both processes to be scheduled again, and the claimers' row locks
-- lived as long as those transactions. These functions do the same work in one statement, run
-- in autocommit (its own transaction), so the round trip and the row locks end together.
--
-- They are SECURITY INVOKER: the first thing they do is what every unit of work does first
-- (JooqTransactions.applyScope: the tenant settings and SET LOCAL ROLE pressroom_app), so every
-- statement after it runs as pressroom_app under FORCE ROW LEVEL SECURITY, like the domain path.
-- The domain (PrintJob) stays the authority: each WHERE is exactly the domain's precondition
-- (status, lease token, printer) and each event is what PrintJob/JobEvent write (tests compare
-- both paths); when the completion's precondition does not hold the function changes nothing
-- and returns no row, and the service takes the domain path for the precise 404/409.
SET LOCAL lock_timeout = '5s';

-- The claim rule (one source: the repository's claimNext calls it too): the next pending job
-- this printer may print (assigned to it, or unassigned, of a template it supports, with no file
-- known to be too large), by priority then age, locked with SKIP LOCKED, moved to printing with
-- the lease. The pick walks idx_print_jobs_claimable.
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

-- The unit of work's first statement (JooqTransactions.applyScope) for an agent of p_org.
CREATE OR REPLACE FUNCTION pressroom_enter_agent_scope(p_org uuid, p_user uuid)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
    PERFORM set_config('pressroom.organization_id', p_org::text, true),
            set_config('pressroom.user_id', coalesce(p_user::text, ''), true),
            set_config('pressroom.scope', 'tenant', true),
            set_config('role', 'pressroom_app', true),
            set_config('TimeZone', 'UTC', true);
END
$$;

-- claim, with its presence (when due) and its print_job.claimed event (PrintJob.claimedEvent):
-- returns the claimed job, or no row when there is none.
CREATE OR REPLACE FUNCTION pressroom_agent_claim(p_org uuid, p_user uuid, p_printer uuid, p_token uuid,
                                                 p_expires timestamp, p_expires_text text, p_now timestamp,
                                                 p_ip varchar, p_user_agent text, p_seen boolean)
    RETURNS SETOF print_jobs
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    j print_jobs;
BEGIN
    PERFORM pressroom_enter_agent_scope(p_org, p_user);
    IF p_seen THEN
        UPDATE printers SET last_seen_at = p_now
         WHERE organization_id = p_org AND id = p_printer AND (last_seen_at IS NULL OR last_seen_at < p_now);
    END IF;
    SELECT * INTO j FROM pressroom_claim_print_job(p_org, p_printer, p_token, p_expires, p_now);
    IF FOUND THEN
        INSERT INTO events (organization_id, user_id, event_type, entity_type, entity_id, event_data, ip_address, user_agent)
        VALUES (p_org, p_user, 'print_job.claimed', 'print_job', j.id,
                jsonb_build_object('status', 'printing', 'progressPercentage', 0, 'attempt', coalesce(j.attempt, 1),
                                   'priority', coalesce(j.priority, 0), 'printerId', p_printer::text,
                                   'leaseExpiresAt', p_expires_text),
                p_ip, p_user_agent);
        RETURN NEXT j;
    END IF;
END
$$;

-- complete (PrintJob.complete: printing, under this lease token, a job of this printer), its
-- print_job.completed event, then claim the printer's next job as pressroom_agent_claim does.
-- Returns the completed job then the claimed one (if any); no row at all when the completion's
-- precondition did not hold (nothing changed).
CREATE OR REPLACE FUNCTION pressroom_agent_complete_and_claim(p_org uuid, p_user uuid, p_printer uuid,
                                                              p_job uuid, p_token uuid,
                                                              p_next_token uuid, p_next_expires timestamp,
                                                              p_next_expires_text text, p_now timestamp,
                                                              p_ip varchar, p_user_agent text, p_seen boolean)
    RETURNS SETOF print_jobs
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    done print_jobs;
    j print_jobs;
BEGIN
    PERFORM pressroom_enter_agent_scope(p_org, p_user);
    UPDATE print_jobs
       SET status = 'completed', progress_percentage = 100, completed_at = p_now, estimated_completion = NULL,
           lease_token = NULL, lease_expires_at = NULL, updated_at = p_now
     WHERE organization_id = p_org AND id = p_job AND status = 'printing'
       AND p_token IS NOT NULL AND lease_token = p_token
       AND (claimed_by_printer_id = p_printer OR printer_id = p_printer)
    RETURNING * INTO done;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- JobEvent: a completed job is not leased, so printerId is its assignment, if any; else the
    -- audit log adds the acting printer (JooqAuditLog: actorPrinterId)
    INSERT INTO events (organization_id, user_id, event_type, entity_type, entity_id, event_data, ip_address, user_agent)
    VALUES (p_org, p_user, 'print_job.completed', 'print_job', done.id,
            jsonb_build_object('status', 'completed', 'progressPercentage', 100, 'attempt', coalesce(done.attempt, 1),
                               'priority', coalesce(done.priority, 0))
            || CASE WHEN done.printer_id IS NOT NULL THEN jsonb_build_object('printerId', done.printer_id::text)
                    ELSE jsonb_build_object('actorPrinterId', p_printer::text) END,
            p_ip, p_user_agent);
    RETURN NEXT done;
    IF p_seen THEN
        UPDATE printers SET last_seen_at = p_now
         WHERE organization_id = p_org AND id = p_printer AND (last_seen_at IS NULL OR last_seen_at < p_now);
    END IF;
    SELECT * INTO j FROM pressroom_claim_print_job(p_org, p_printer, p_next_token, p_next_expires, p_now);
    IF FOUND THEN
        INSERT INTO events (organization_id, user_id, event_type, entity_type, entity_id, event_data, ip_address, user_agent)
        VALUES (p_org, p_user, 'print_job.claimed', 'print_job', j.id,
                jsonb_build_object('status', 'printing', 'progressPercentage', 0, 'attempt', coalesce(j.attempt, 1),
                                   'priority', coalesce(j.priority, 0), 'printerId', p_printer::text,
                                   'leaseExpiresAt', p_next_expires_text),
                p_ip, p_user_agent);
        RETURN NEXT j;
    END IF;
END
$$;

-- invoker functions: they can do nothing their caller could not; pressroom_app calls the claim
-- rule from its own units of work (and from the two above, after the role switch)
GRANT EXECUTE ON FUNCTION pressroom_claim_print_job(uuid, uuid, uuid, timestamp, timestamp) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_enter_agent_scope(uuid, uuid) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_agent_claim(uuid, uuid, uuid, uuid, timestamp, text, timestamp, varchar, text, boolean) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_agent_complete_and_claim(uuid, uuid, uuid, uuid, uuid, uuid, timestamp, text, timestamp, varchar, text, boolean) TO pressroom_app;
