-- Lotse team mode, part 2: run as lotse_admin (by `lotse team init` and again after every
-- migration, so new tables get their grants). Scopes, guards, row-level security. Idempotent.

CREATE TABLE IF NOT EXISTS lotse_scope (
    id serial PRIMARY KEY,
    person text NOT NULL,
    municipality_id integer REFERENCES municipality (id) ON DELETE CASCADE,
    organization_id integer REFERENCES organization (id) ON DELETE CASCADE,
    language_code text,
    CHECK (num_nonnulls(municipality_id, organization_id, language_code) = 1)
);
CREATE INDEX IF NOT EXISTS lotse_scope_person ON lotse_scope (person);

CREATE OR REPLACE FUNCTION lotse_is(role text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, role, 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION lotse_may_edit(p_municipality integer, p_organization integer)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT lotse_is('lotse_admin') OR (lotse_is('lotse_editor') AND EXISTS (
        SELECT 1 FROM lotse_scope s WHERE s.person = session_user
          AND (s.municipality_id = p_municipality OR s.organization_id = p_organization)))
$$;

CREATE OR REPLACE FUNCTION lotse_may_review(p_language text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT lotse_is('lotse_admin') OR lotse_is('lotse_agency') OR (lotse_is('lotse_reviewer') AND EXISTS (
        SELECT 1 FROM lotse_scope s WHERE s.person = session_user AND s.language_code = p_language))
$$;

CREATE OR REPLACE FUNCTION lotse_may_publish() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT lotse_is('lotse_admin') OR lotse_is('lotse_publisher')
$$;

-- "an editor for Eschweiler" / "ein Bearbeiter für Eschweiler": the words for who may.
CREATE OR REPLACE FUNCTION lotse_place_words(p_municipality integer, p_organization integer)
RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(name, ' / '), '-') FROM (
        SELECT name FROM municipality WHERE id = p_municipality
        UNION ALL SELECT name FROM organization WHERE id = p_organization) AS names
$$;

CREATE OR REPLACE FUNCTION lotse_refuse(de text, en text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'LOTSE|%|%', de, en USING ERRCODE = 'insufficient_privilege';
END $$;

-- Offers (and pages and events, rows of the same table): editors within their scope; a
-- publisher may change the publication state only; the author is the database's session_user.
CREATE OR REPLACE FUNCTION lotse_offer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unchanged text[] := ARRAY['state', 'updated_at', 'updated_by', 'version'];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT lotse_may_edit(OLD.municipality_id, OLD.organization_id) THEN
        IF NOT (TG_OP = 'UPDATE' AND lotse_may_publish()
                AND to_jsonb(NEW) - unchanged = to_jsonb(OLD) - unchanged) THEN
            PERFORM lotse_refuse(
                format('Angebot %s (%s) dürfen nur Bearbeiter für %s und Administratoren ändern.',
                       OLD.id, lotse_place_words(OLD.municipality_id, OLD.organization_id),
                       lotse_place_words(OLD.municipality_id, OLD.organization_id)),
                format('Only editors for %s and administrators may change offer %s (%s).',
                       lotse_place_words(OLD.municipality_id, OLD.organization_id), OLD.id,
                       lotse_place_words(OLD.municipality_id, OLD.organization_id)));
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF (TG_OP = 'INSERT' OR NEW.municipality_id IS DISTINCT FROM OLD.municipality_id
        OR NEW.organization_id IS DISTINCT FROM OLD.organization_id)
       AND NOT lotse_may_edit(NEW.municipality_id, NEW.organization_id) THEN
        PERFORM lotse_refuse(
            format('Angebote für %s dürfen nur Bearbeiter für diesen Ort oder Träger und Administratoren anlegen.',
                   lotse_place_words(NEW.municipality_id, NEW.organization_id)),
            format('Only editors for %s and administrators may create offers there.',
                   lotse_place_words(NEW.municipality_id, NEW.organization_id)));
    END IF;
    IF NEW.state = 'published' AND (TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM 'published')
       AND NOT lotse_may_publish() THEN
        PERFORM lotse_refuse('Veröffentlichen dürfen nur Personen mit dem Recht „Veröffentlichen“ und Administratoren.',
                             'Only publishers and administrators may publish.');
    END IF;
    NEW.updated_by := session_user;
    RETURN NEW;
END $$;

-- Texts: editors of the offer, or reviewers for the language. Checked / approved (and any
-- change to a checked or approved text) only by a reviewer for that language, the agency
-- import right or an administrator; the reviewer recorded is the session_user.
CREATE OR REPLACE FUNCTION lotse_text_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r offer_text := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    place integer[];
    may_edit boolean;
    may_review boolean;
    cache_only text[] := ARRAY['status', 'updated_at', 'updated_by', 'version'];
BEGIN
    SELECT ARRAY[o.municipality_id, o.organization_id] INTO place FROM offer o WHERE o.id = r.offer_id;
    may_edit := lotse_may_edit(place[1], place[2]);
    may_review := lotse_may_review(r.language_code);
    IF TG_OP = 'UPDATE' AND to_jsonb(NEW) - cache_only = to_jsonb(OLD) - cache_only THEN
        may_edit := true;  -- the cached effective status follows other texts' changes
    END IF;
    IF NOT (may_edit OR may_review) THEN
        PERFORM lotse_refuse(
            format('Den Text „%s“ von Angebot %s dürfen nur Bearbeiter für %s, Prüfer für „%s“ und Administratoren ändern.',
                   r.language_code, r.offer_id, lotse_place_words(place[1], place[2]), r.language_code),
            format('Only editors for %s, reviewers for “%s” and administrators may change the “%s” text of offer %s.',
                   lotse_place_words(place[1], place[2]), r.language_code, r.language_code, r.offer_id));
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NOT may_review AND (
        (NEW.review_status IN ('checked', 'approved')
         AND (TG_OP = 'INSERT' OR NEW.review_status IS DISTINCT FROM OLD.review_status))
        OR (TG_OP = 'UPDATE' AND OLD.review_status IN ('checked', 'approved')
            AND (NEW.title, NEW.summary, NEW.content) IS DISTINCT FROM (OLD.title, OLD.summary, OLD.content)
            AND NEW.review_status = OLD.review_status)) THEN
        PERFORM lotse_refuse(
            format('Texte in „%s“ als geprüft oder freigegeben markieren (oder freigegebene ändern) dürfen nur Prüfer für „%s“, der Agentur-Import und Administratoren.',
                   NEW.language_code, NEW.language_code),
            format('Only reviewers for “%s”, the agency import right and administrators may mark “%s” texts checked or approved (or change approved ones).',
                   NEW.language_code, NEW.language_code));
    END IF;
    NEW.updated_by := session_user;
    IF NEW.review_status IN ('checked', 'approved')
       AND (TG_OP = 'INSERT' OR NEW.review_status IS DISTINCT FROM OLD.review_status) THEN
        NEW.reviewed_by := session_user;
    END IF;
    RETURN NEW;
END $$;

-- Revisions, decisions, notes: the author is whoever is logged in. Left empty, the database
-- fills it in; naming someone else is refused.
CREATE OR REPLACE FUNCTION lotse_set_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(NEW.author, '') NOT IN ('', session_user) THEN
        PERFORM lotse_refuse(
            format('Als Autor wird immer die angemeldete Person eingetragen (%s), nicht „%s“.', session_user, NEW.author),
            format('The author recorded is always the person logged in (%s), not “%s”.', session_user, NEW.author));
    END IF;
    NEW.author := session_user;
    RETURN NEW;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    -- Everyone reads everything but the audit log; working tables are everyone's.
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'S')
               AND pg_get_userbyid(c.relowner) = 'lotse_admin' LOOP
        EXECUTE format('GRANT SELECT ON %I TO lotse_member', t);
    END LOOP;
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) = 'lotse_admin' LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %I TO lotse_member', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['offer', 'offer_text', 'draft', 'review_note', 'offer_todo', 'offer_confirmation',
                             'translation_memory', 'translation_proposal', 'back_translation',
                             'glossary_term', 'import_memory'] LOOP
        IF to_regclass(t) IS NOT NULL THEN
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO lotse_member', t);
        END IF;
    END LOOP;
    -- History is appended, never rewritten (deleting an offer removes it through its owner).
    FOREACH t IN ARRAY ARRAY['text_revision', 'offer_revision'] LOOP
        EXECUTE format('GRANT INSERT ON %I TO lotse_member', t);
        EXECUTE format('REVOKE UPDATE, DELETE ON %I FROM lotse_member', t);
    END LOOP;
    -- Editors may add an organization or category they need; the rest is the administrators'.
    GRANT INSERT ON organization, category TO lotse_editor;

    FOREACH t IN ARRAY ARRAY['text_revision', 'offer_revision', 'review_note', 'offer_confirmation', 'draft'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS lotse_author ON %I', t);
        EXECUTE format('CREATE TRIGGER lotse_author BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION lotse_set_author()', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['offer', 'offer_text', 'region', 'region_language', 'municipality', 'organization',
                             'category', 'offer_confirmation', 'lotse_scope', 'translation_service'] LOOP
        IF to_regclass(t) IS NOT NULL THEN
            EXECUTE format('DROP TRIGGER IF EXISTS lotse_audit ON %I', t);
            EXECUTE format('CREATE TRIGGER lotse_audit AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION lotse_audit_row()', t);
        END IF;
    END LOOP;
END $$;

DROP TRIGGER IF EXISTS lotse_guard ON offer;
CREATE TRIGGER lotse_guard BEFORE INSERT OR UPDATE OR DELETE ON offer
    FOR EACH ROW EXECUTE FUNCTION lotse_offer_guard();
DROP TRIGGER IF EXISTS lotse_guard ON offer_text;
CREATE TRIGGER lotse_guard BEFORE INSERT OR UPDATE OR DELETE ON offer_text
    FOR EACH ROW EXECUTE FUNCTION lotse_text_guard();

-- Row-level security: the same rules for every client, psql included. The guards above give
-- the message; the policies hold even if a row slips past a trigger (administrators own the
-- tables and are not bound by them).
ALTER TABLE offer ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS lotse_read ON offer;
CREATE POLICY lotse_read ON offer FOR SELECT USING (true);
DROP POLICY IF EXISTS lotse_insert ON offer;
CREATE POLICY lotse_insert ON offer FOR INSERT WITH CHECK (lotse_may_edit(municipality_id, organization_id));
DROP POLICY IF EXISTS lotse_update ON offer;
CREATE POLICY lotse_update ON offer FOR UPDATE USING (true)
    WITH CHECK (lotse_may_edit(municipality_id, organization_id) OR lotse_may_publish());
DROP POLICY IF EXISTS lotse_delete ON offer;
CREATE POLICY lotse_delete ON offer FOR DELETE USING (true);

ALTER TABLE offer_text ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS lotse_read ON offer_text;
CREATE POLICY lotse_read ON offer_text FOR SELECT USING (true);
DROP POLICY IF EXISTS lotse_write ON offer_text;
CREATE POLICY lotse_write ON offer_text FOR INSERT WITH CHECK (
    lotse_may_review(language_code)
    OR EXISTS (SELECT 1 FROM offer o WHERE o.id = offer_id AND lotse_may_edit(o.municipality_id, o.organization_id)));
DROP POLICY IF EXISTS lotse_update ON offer_text;
CREATE POLICY lotse_update ON offer_text FOR UPDATE USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS lotse_delete ON offer_text;
CREATE POLICY lotse_delete ON offer_text FOR DELETE USING (true);

-- Only the author of a revision is believed: a row naming someone else is refused outright.
ALTER TABLE text_revision ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS lotse_read ON text_revision;
CREATE POLICY lotse_read ON text_revision FOR SELECT USING (true);
DROP POLICY IF EXISTS lotse_own ON text_revision;
CREATE POLICY lotse_own ON text_revision FOR INSERT WITH CHECK (author = session_user);
ALTER TABLE offer_revision ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS lotse_read ON offer_revision;
CREATE POLICY lotse_read ON offer_revision FOR SELECT USING (true);
DROP POLICY IF EXISTS lotse_own ON offer_revision;
CREATE POLICY lotse_own ON offer_revision FOR INSERT WITH CHECK (author = session_user);

-- Future tables made by migrations (run as lotse_admin) are readable by every member.
ALTER DEFAULT PRIVILEGES FOR ROLE lotse_admin IN SCHEMA public GRANT SELECT ON TABLES TO lotse_member;
ALTER DEFAULT PRIVILEGES FOR ROLE lotse_admin IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lotse_member;
