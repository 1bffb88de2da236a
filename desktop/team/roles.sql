-- Lotse team mode, part 1: run once per database by the server's administrator (a superuser,
-- e.g. postgres). Group roles, the audit log and the functions that write it. Idempotent.

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['lotse_member', 'lotse_editor', 'lotse_reviewer', 'lotse_agency',
                                'lotse_publisher', 'lotse_admin', 'lotse_audit_owner'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
        END IF;
    END LOOP;
END $$;

-- Every group is a member: what all of them may do is granted once, to lotse_member.
GRANT lotse_member TO lotse_editor, lotse_reviewer, lotse_agency, lotse_publisher, lotse_admin;

-- The administrators own the schema (migrations run as lotse_admin), so tables and sequences
-- made before team mode move to that role.
GRANT CREATE, USAGE ON SCHEMA public TO lotse_admin;
-- A new owner needs CREATE on the schema (the audit log's owner logs in as nobody).
GRANT CREATE, USAGE ON SCHEMA public TO lotse_audit_owner;
-- Removing a person ends their open sessions.
GRANT pg_signal_backend TO lotse_admin;
GRANT USAGE ON SCHEMA public TO lotse_member;
DO $$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND c.relname NOT LIKE 'lotse\_audit%'
    LOOP
        -- A table's serial sequences follow it.
        EXECUTE format('ALTER TABLE %I OWNER TO lotse_admin', item.relname);
    END LOOP;
    -- The publish change log's trigger functions write the log as their owner (SECURITY
    -- DEFINER, desktop/change_log.py): the owner of the log, not whoever migrated first.
    FOR item IN
        SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname LIKE 'lotse\_publish\_change\_%'
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO lotse_admin', item.signature);
    END LOOP;
END $$;

-- The audit log belongs to a role nobody logs in as or is a member of: no person, not even an
-- administrator, can change or delete it. Rows come only from the trigger functions below.
CREATE TABLE IF NOT EXISTS lotse_audit (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    person text NOT NULL DEFAULT session_user,
    action text NOT NULL,
    item text,
    item_id bigint,
    language text,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
);
ALTER TABLE lotse_audit OWNER TO lotse_audit_owner;
ALTER SEQUENCE lotse_audit_id_seq OWNER TO lotse_audit_owner;
REVOKE ALL ON lotse_audit FROM PUBLIC;
GRANT SELECT ON lotse_audit TO lotse_admin;
CREATE INDEX IF NOT EXISTS lotse_audit_item ON lotse_audit (item, item_id);
CREATE INDEX IF NOT EXISTS lotse_audit_person ON lotse_audit (person, at);

CREATE OR REPLACE FUNCTION lotse_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Nobody may change or delete the audit log.' USING DETAIL = 'LOTSE|Nobody may change or delete the audit log.|{}',
        ERRCODE = 'insufficient_privilege';
END $$;
ALTER FUNCTION lotse_audit_refuse() OWNER TO lotse_audit_owner;
DROP TRIGGER IF EXISTS lotse_audit_append_only ON lotse_audit;
CREATE TRIGGER lotse_audit_append_only BEFORE UPDATE OR DELETE ON lotse_audit
    FOR EACH ROW EXECUTE FUNCTION lotse_audit_refuse();
DROP TRIGGER IF EXISTS lotse_audit_no_truncate ON lotse_audit;
CREATE TRIGGER lotse_audit_no_truncate BEFORE TRUNCATE ON lotse_audit
    FOR EACH STATEMENT EXECUTE FUNCTION lotse_audit_refuse();

-- One audit row per changed row: who (the database's session_user, never the client's word),
-- what, which item, which language, which columns (old and new review status).
CREATE OR REPLACE FUNCTION lotse_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    present jsonb := coalesce(new_row, old_row);
    changed text[];
    details jsonb := '{}'::jsonb;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(array_agg(key ORDER BY key), '{}') INTO changed
        FROM jsonb_each(new_row) AS e(key, value)
        WHERE old_row -> key IS DISTINCT FROM value AND key NOT IN ('updated_at', 'updated_by', 'version');
        IF cardinality(changed) = 0 THEN
            RETURN NULL;
        END IF;
        details := jsonb_build_object('changed', to_jsonb(changed));
    END IF;
    IF present ? 'review_status' AND (TG_OP <> 'UPDATE' OR 'review_status' = ANY (changed)) THEN
        details := details || jsonb_build_object('review_status', new_row -> 'review_status',
                                                 'was', old_row -> 'review_status');
    END IF;
    IF TG_TABLE_NAME = 'lotse_scope' THEN
        details := details || present;
    END IF;
    INSERT INTO lotse_audit (action, item, item_id, language, details)
    VALUES (lower(TG_OP), TG_TABLE_NAME,
            CASE WHEN TG_TABLE_NAME = 'offer_text' THEN (present ->> 'offer_id')::bigint
                 ELSE (present ->> 'id')::bigint END,
            coalesce(present ->> 'language_code', present ->> 'target_language'), details);
    RETURN NULL;
END $$;
ALTER FUNCTION lotse_audit_row() OWNER TO lotse_audit_owner;

-- What has no row of its own (a publish, a delivery, a rights change): noted by the client
-- through this function, which checks the right itself.
CREATE OR REPLACE FUNCTION lotse_note(action text, item text, details jsonb DEFAULT '{}'::jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF action LIKE 'publish%' AND NOT (pg_has_role(session_user, 'lotse_publisher', 'MEMBER')
                                       OR pg_has_role(session_user, 'lotse_admin', 'MEMBER')) THEN
        RAISE EXCEPTION 'Only publishers and administrators may publish.' USING DETAIL = 'LOTSE|Only publishers and administrators may publish.|{}',
            ERRCODE = 'insufficient_privilege';
    END IF;
    IF action NOT LIKE 'publish%' AND NOT pg_has_role(session_user, 'lotse_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'Only administrators may change rights.' USING DETAIL = 'LOTSE|Only administrators may change rights.|{}',
            ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO lotse_audit (action, item, details) VALUES (action, item, coalesce(details, '{}'::jsonb));
END $$;
ALTER FUNCTION lotse_note(text, text, jsonb) OWNER TO lotse_audit_owner;
REVOKE ALL ON FUNCTION lotse_note(text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lotse_note(text, text, jsonb) TO lotse_member;
REVOKE ALL ON FUNCTION lotse_audit_row() FROM PUBLIC;
-- lotse_admin attaches it to tables (in rights.sql); it fires for everybody.
GRANT EXECUTE ON FUNCTION lotse_audit_row() TO lotse_admin;
