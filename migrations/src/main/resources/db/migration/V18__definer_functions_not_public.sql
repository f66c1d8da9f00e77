-- V18: EXECUTE on every SECURITY DEFINER function of the schema is withdrawn from PUBLIC.
-- V5/V6/V8/V12 revoked it with plain REVOKE after handing the functions to pressroom_definer.
-- A superuser migrator acts as the owner and the REVOKE took; a non-superuser migrator (a member
-- of pressroom_definer WITH INHERIT FALSE, SET TRUE: see MigrationsOnALiveDatabaseTest) is not
-- the owner, so PostgreSQL answered "no privileges could be revoked" and PUBLIC kept EXECUTE.
-- Here the grants are made as the owner itself (SET ROLE to it when the migrator is neither a
-- superuser nor the owner), so they take on both kinds of installation.
--
-- Who executes them afterwards: pressroom_app (the runtime role) and, when it is no superuser,
-- the migrating role: policies TO PUBLIC call pressroom_is_system_admin(), and a function's
-- EXECUTE is checked when a query plan starts, so the owner of the tables (which runs
-- adopt-default-org under FORCE ROW LEVEL SECURITY) needs it too. Trigger functions are not
-- checked when their trigger fires; they are revoked like the rest.
SET LOCAL lock_timeout = '5s';

DO $$
DECLARE
    migrator  name    := current_user;
    superuser boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
    f record;
    switched boolean;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS sig, pg_get_userbyid(p.proowner) AS owner
          FROM pg_proc p
         WHERE p.prosecdef AND p.pronamespace = current_schema()::regnamespace
         ORDER BY 1::text
    LOOP
        switched := false;
        IF NOT superuser AND f.owner <> migrator AND NOT pg_has_role(migrator, f.owner, 'USAGE') THEN
            IF pg_has_role(migrator, f.owner, 'SET') THEN
                EXECUTE format('SET ROLE %I', f.owner);
                switched := true;
            ELSE
                RAISE EXCEPTION 'cannot change the privileges of % (owned by %): the migrating role % is no superuser and cannot SET ROLE %',
                    f.sig, f.owner, migrator, f.owner
                    USING HINT = format('GRANT %I TO %I WITH SET TRUE, then migrate again', f.owner, migrator);
            END IF;
        END IF;
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pressroom_app', f.sig);
        IF NOT superuser AND f.owner <> migrator THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f.sig, migrator::text);
        END IF;
        IF switched THEN
            EXECUTE format('SET ROLE %I', migrator);
        END IF;
    END LOOP;
END $$;

-- Functions the migrating role creates from now on are not executable by PUBLIC unless a
-- migration grants it; pressroom_app keeps EXECUTE on those of this schema (as V4 gave it on
-- every function that existed then).
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO pressroom_app;
