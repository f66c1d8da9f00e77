-- V16: a request's session, user and membership in one statement.
--
-- Every authenticated request used to take two units of work before its own: the token's session
-- and its user (pressroom_session_by_token, then users), then the user's membership of the
-- selected organization. pressroom_session_access does both in one call, outside any
-- transaction (it reads no tenant setting): given the SHA-256 of a token it answers that token's
-- live session (not revoked, not expired at p_now), its user, and the user's membership of
-- p_organization_id (null: the user's primary organization, users.org_id) when the user has one
-- and the organization is not deleted. An unknown, revoked or expired token gives no row; a
-- user who is no member gives the row with the membership columns null. It answers nothing the
-- token does not unlock: the token's own user and that user's own place in one organization.
--
-- plpgsql (not sql) so its query plan is cached per connection like a prepared statement's;
-- owned by pressroom_definer (V8), which reads through policies granted TO it alone.
SET LOCAL lock_timeout = '5s';

GRANT SELECT ON organization_members TO pressroom_definer;
DROP POLICY IF EXISTS organization_members_definer_read ON organization_members;
CREATE POLICY organization_members_definer_read ON organization_members FOR SELECT TO pressroom_definer USING (true);

CREATE OR REPLACE FUNCTION pressroom_session_access(p_token_hash bytea, p_now timestamp, p_organization_id uuid)
    RETURNS TABLE (session_id uuid, user_id uuid, session_created_at timestamp, session_expires_at timestamp,
                   email varchar, name varchar, is_admin boolean, user_created_at timestamp,
                   primary_organization_id uuid, organization_id uuid, organization_name varchar, role varchar,
                   organization_active text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT s.id, s.user_id, s.created_at, s.expires_at,
           u.email, u.name, coalesce(u.is_admin, false), u.created_at, u.org_id,
           m.organization_id, m.organization_name, m.role, m.organization_active
      FROM public.sessions s
      JOIN public.users u ON u.id = s.user_id
      LEFT JOIN LATERAL (
           SELECT o.id AS organization_id, o.name AS organization_name, om.role,
                  o.settings ->> 'is_active' AS organization_active
             FROM public.organization_members om
             JOIN public.organizations o ON o.id = om.organization_id
            WHERE om.user_id = s.user_id
              AND om.organization_id = coalesce(p_organization_id, u.org_id)
              AND o.deleted_at IS NULL) m ON true
     WHERE s.token_hash = p_token_hash
       AND s.revoked_at IS NULL
       AND s.expires_at > p_now;
END
$$;

-- revoked from PUBLIC while the migrating role still owns it (an owner's REVOKE is the one that counts)
REVOKE ALL ON FUNCTION pressroom_session_access(bytea, timestamp, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pressroom_session_access(bytea, timestamp, uuid) TO pressroom_app;
GRANT CREATE ON SCHEMA public TO pressroom_definer;
ALTER FUNCTION pressroom_session_access(bytea, timestamp, uuid) OWNER TO pressroom_definer;
REVOKE CREATE ON SCHEMA public FROM pressroom_definer;

-- The server runs this function outside a transaction, as its login role (the migrating role):
-- a migrator that is no superuser gets EXECUTE too (as V18 grants it on every definer function;
-- this repeats it for a database that V18 migrated before V16 came), granted as the owner.
DO $$
DECLARE
    migrator name := current_user;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = migrator) THEN
        IF NOT pg_has_role(migrator, 'pressroom_definer', 'USAGE') THEN
            SET ROLE pressroom_definer;
        END IF;
        EXECUTE format('GRANT EXECUTE ON FUNCTION pressroom_session_access(bytea, timestamp, uuid) TO %I', migrator);
        EXECUTE format('SET ROLE %I', migrator);
    END IF;
END
$$;
