-- V11: identity, second step.
-- (1) The SECURITY DEFINER functions of V5 are handed to pressroom_definer (V8), like every
--     other definer function: owned by the migrating role they would see nothing through FORCE
--     ROW LEVEL SECURITY when that role is no superuser (and everything when it is one). The
--     definer gets exactly what those functions need, through policies granted TO it alone.
-- (2) Logins look accounts up by lower(email): an index for it, built CONCURRENTLY (users may be
--     a large live table), so this script runs outside a transaction (V11...sql.conf) and every
--     statement is safe to run again after an interruption.
SET lock_timeout = '2s';

GRANT SELECT ON sessions TO pressroom_definer;
GRANT SELECT, UPDATE ON password_reset_tokens TO pressroom_definer;
GRANT SELECT, INSERT, DELETE ON login_failures TO pressroom_definer;
GRANT SELECT (id, email, password_hash, created_at) ON users TO pressroom_definer;

DROP POLICY IF EXISTS sessions_definer_read ON sessions;
CREATE POLICY sessions_definer_read ON sessions FOR SELECT TO pressroom_definer USING (true);
DROP POLICY IF EXISTS password_reset_tokens_definer_redeem ON password_reset_tokens;
CREATE POLICY password_reset_tokens_definer_redeem ON password_reset_tokens TO pressroom_definer
    USING (true) WITH CHECK (true);

GRANT CREATE ON SCHEMA public TO pressroom_definer;
ALTER FUNCTION pressroom_login_credentials(text) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_own_password_hash() OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_session_by_token(bytea, timestamp) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_redeem_password_reset(bytea, timestamp) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_login_failure_counts(text, text, integer) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_record_login_failure(text, text) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_clear_login_failures(text) OWNER TO pressroom_definer;
REVOKE CREATE ON SCHEMA public FROM pressroom_definer;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email_lower ON users (lower(email));

RESET lock_timeout;
