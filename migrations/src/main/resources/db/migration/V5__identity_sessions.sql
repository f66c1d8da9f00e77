-- V5: identity — sessions, one-time password reset tokens, failed-login throttling, and the
-- narrow paths that let pressroom_app find them without a general bypass.
--
-- Secrets are never stored: a session token or reset token is 32 random bytes handed to the
-- client once; the database keeps its SHA-256 (token_hash). users has no organization_id (an
-- account exists before any organization), so it is not a tenant table; instead its one secret
-- column, password_hash, is withdrawn from pressroom_app's SELECT privilege: the application
-- reads a hash only through the SECURITY DEFINER functions below (by e-mail for a login, or the
-- signed-in user's own). Every other column stays readable (member lists join users).
SET LOCAL lock_timeout = '500ms';

CREATE TABLE IF NOT EXISTS sessions (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  BYTEA NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    expires_at  TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP,
    ip_address  VARCHAR,
    user_agent  VARCHAR(512),
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
    CONSTRAINT sessions_token_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT sessions_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX IF NOT EXISTS idx_sessions_user_id ON sessions(user_id);

CREATE TABLE IF NOT EXISTS password_reset_tokens (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id            UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash         BYTEA NOT NULL,
    created_by_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at         TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    expires_at         TIMESTAMP NOT NULL,
    used_at            TIMESTAMP,
    CONSTRAINT password_reset_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT password_reset_tokens_token_hash_length CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX IF NOT EXISTS idx_password_reset_tokens_user_id ON password_reset_tokens(user_id);

-- Failed logins, counted per account and per address over a sliding minute, so throttling
-- holds across every server instance of the database. Written and read only through the
-- functions below (pressroom_app has no privilege on the table itself).
CREATE TABLE IF NOT EXISTS login_failures (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account    VARCHAR NOT NULL,
    ip_address VARCHAR,
    failed_at  TIMESTAMP NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC')
);
CREATE INDEX IF NOT EXISTS idx_login_failures_account ON login_failures(account, failed_at);
CREATE INDEX IF NOT EXISTS idx_login_failures_ip ON login_failures(ip_address, failed_at);
REVOKE ALL ON login_failures FROM pressroom_app;

-- sessions: a signed-in user sees and revokes their own; finding one by its token goes through
-- pressroom_session_by_token (the token is the secret that unlocks exactly that row).
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_own ON sessions
    USING (user_id = pressroom_current_user())
    WITH CHECK (user_id = pressroom_current_user());

-- reset tokens: issued and listed by system admin routes (scope 'system'); redeemed by token
-- through pressroom_redeem_password_reset.
ALTER TABLE password_reset_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_reset_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY password_reset_tokens_system ON password_reset_tokens
    USING (pressroom_current_scope() = 'system')
    WITH CHECK (pressroom_current_scope() = 'system');

-- users.password_hash: not readable by the runtime role (INSERT/UPDATE stay: signup, rehash).
REVOKE SELECT ON users FROM pressroom_app;
GRANT SELECT (id, email, name, is_admin, created_at, updated_at, org_id) ON users TO pressroom_app;

-- A login: the account of this e-mail (case-insensitive) and its hash, nothing else.
CREATE OR REPLACE FUNCTION pressroom_login_credentials(p_email text)
    RETURNS TABLE (user_id uuid, password_hash varchar)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT u.id, u.password_hash FROM users u
     WHERE lower(u.email) = lower(p_email)
     ORDER BY (u.email = p_email) DESC, u.created_at
     LIMIT 1
$$;

-- The signed-in user's own hash (changing one's password checks the current one).
CREATE OR REPLACE FUNCTION pressroom_own_password_hash()
    RETURNS varchar
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT u.password_hash FROM users u WHERE u.id = pressroom_current_user()
$$;

-- The live session of a token (by its SHA-256): not revoked, not expired at p_now.
CREATE OR REPLACE FUNCTION pressroom_session_by_token(p_token_hash bytea, p_now timestamp)
    RETURNS TABLE (session_id uuid, user_id uuid, created_at timestamp, expires_at timestamp)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT s.id, s.user_id, s.created_at, s.expires_at FROM sessions s
     WHERE s.token_hash = p_token_hash
       AND s.revoked_at IS NULL
       AND s.expires_at > p_now
$$;

-- Redeems a reset token once: marks it used and answers its user (null: unknown, used or expired).
CREATE OR REPLACE FUNCTION pressroom_redeem_password_reset(p_token_hash bytea, p_now timestamp)
    RETURNS uuid
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    UPDATE password_reset_tokens t SET used_at = p_now
     WHERE t.token_hash = p_token_hash
       AND t.used_at IS NULL
       AND t.expires_at > p_now
    RETURNING t.user_id
$$;

-- Throttling: how many failures this account and this address had within the last
-- p_window_seconds, and in how many seconds the oldest of each leaves the window.
CREATE OR REPLACE FUNCTION pressroom_login_failure_counts(p_account text, p_ip text, p_window_seconds integer)
    RETURNS TABLE (account_failures bigint, account_retry_seconds integer, ip_failures bigint, ip_retry_seconds integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH w AS (SELECT (clock_timestamp() AT TIME ZONE 'UTC') AS now,
                      make_interval(secs => p_window_seconds) AS len),
         a AS (SELECT count(*) AS n, min(f.failed_at) AS oldest FROM login_failures f, w
                WHERE f.account = p_account AND f.failed_at > w.now - w.len),
         i AS (SELECT count(*) AS n, min(f.failed_at) AS oldest FROM login_failures f, w
                WHERE p_ip IS NOT NULL AND f.ip_address = p_ip AND f.failed_at > w.now - w.len)
    SELECT a.n, coalesce(ceil(extract(epoch FROM a.oldest + w.len - w.now))::integer, 0),
           i.n, coalesce(ceil(extract(epoch FROM i.oldest + w.len - w.now))::integer, 0)
      FROM a, i, w
$$;

-- Records one failure; prunes what has aged out of every window (older than an hour).
CREATE OR REPLACE FUNCTION pressroom_record_login_failure(p_account text, p_ip text)
    RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    DELETE FROM login_failures WHERE failed_at < (clock_timestamp() AT TIME ZONE 'UTC') - interval '1 hour';
    INSERT INTO login_failures (account, ip_address) VALUES (p_account, p_ip);
$$;

-- A successful login clears its account's failures.
CREATE OR REPLACE FUNCTION pressroom_clear_login_failures(p_account text)
    RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    DELETE FROM login_failures WHERE account = p_account;
$$;

REVOKE ALL ON FUNCTION pressroom_login_credentials(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_own_password_hash() FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_session_by_token(bytea, timestamp) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_redeem_password_reset(bytea, timestamp) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_login_failure_counts(text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_record_login_failure(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_clear_login_failures(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pressroom_login_credentials(text) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_own_password_hash() TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_session_by_token(bytea, timestamp) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_redeem_password_reset(bytea, timestamp) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_login_failure_counts(text, text, integer) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_record_login_failure(text, text) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_clear_login_failures(text) TO pressroom_app;
