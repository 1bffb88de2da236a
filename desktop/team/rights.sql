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

-- Reviewers and the agency import right are per language (the person's language scopes).
CREATE OR REPLACE FUNCTION lotse_may_review(p_language text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT lotse_is('lotse_admin') OR ((lotse_is('lotse_reviewer') OR lotse_is('lotse_agency')) AND EXISTS (
        SELECT 1 FROM lotse_scope s WHERE s.person = session_user AND s.language_code = p_language))
$$;

-- The offer's place as the two ids lotse_may_edit takes (NULL offer: nobody's place).
CREATE OR REPLACE FUNCTION lotse_may_edit_offer(p_offer integer) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT lotse_is('lotse_admin') OR coalesce((SELECT lotse_may_edit(o.municipality_id, o.organization_id)
                                               FROM offer o WHERE o.id = p_offer), false)
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

CREATE OR REPLACE FUNCTION lotse_offer_place(p_offer integer) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT lotse_place_words(o.municipality_id, o.organization_id) FROM offer o
                     WHERE o.id = p_offer), '-')
$$;

-- A refusal: the English text (a msgid of Lotse's catalogue, desktop/team/refusals.py) and its
-- values as JSON; the client shows it in the person's language.
DROP FUNCTION IF EXISTS lotse_refuse(text, text);
-- psql shows the English sentence; the detail carries what Lotse translates.
CREATE OR REPLACE FUNCTION lotse_refuse(msgid text, vals jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    shown text := msgid;
    k text;
    v text;
BEGIN
    FOR k, v IN SELECT key, value FROM jsonb_each_text(vals) LOOP
        shown := replace(shown, '{' || k || '}', coalesce(v, ''));
    END LOOP;
    RAISE EXCEPTION USING MESSAGE = shown, DETAIL = 'LOTSE|' || msgid || '|' || vals::text,
                          ERRCODE = 'insufficient_privilege';
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
            IF OLD.municipality_id IS NULL AND OLD.organization_id IS NULL THEN
                PERFORM lotse_refuse('Only administrators may change {kind} {offer}: it is for the whole region.',
                                     jsonb_build_object('offer', OLD.id, 'kind', OLD.kind));
            END IF;
            PERFORM lotse_refuse('Only editors for {place} and administrators may change {kind} {offer}.',
                jsonb_build_object('place', lotse_place_words(OLD.municipality_id, OLD.organization_id),
                                   'offer', OLD.id, 'kind', OLD.kind));
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF (TG_OP = 'INSERT' OR NEW.municipality_id IS DISTINCT FROM OLD.municipality_id
        OR NEW.organization_id IS DISTINCT FROM OLD.organization_id)
       AND NOT lotse_may_edit(NEW.municipality_id, NEW.organization_id) THEN
        IF NEW.municipality_id IS NULL AND NEW.organization_id IS NULL THEN
            PERFORM lotse_refuse('Only administrators may create items for the whole region (without a municipality or organization).',
                                 '{}'::jsonb);
        END IF;
        PERFORM lotse_refuse('Only editors for {place} and administrators may create offers, pages or events there.',
            jsonb_build_object('place', lotse_place_words(NEW.municipality_id, NEW.organization_id)));
    END IF;
    IF NEW.state = 'published' AND (TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM 'published')
       AND NOT lotse_may_publish() THEN
        PERFORM lotse_refuse('Only publishers and administrators may publish.', '{}'::jsonb);
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
            'Only editors for {place}, reviewers for “{language}” and administrators may change the “{language}” text of item {offer}.',
            jsonb_build_object('place', lotse_place_words(place[1], place[2]), 'language', r.language_code,
                               'offer', r.offer_id));
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NOT may_review AND (
        (NEW.review_status IN ('checked', 'approved')
         AND (TG_OP = 'INSERT' OR NEW.review_status IS DISTINCT FROM OLD.review_status))
        OR (TG_OP = 'UPDATE' AND OLD.review_status IN ('checked', 'approved')
            AND (NEW.title, NEW.summary, NEW.content, NEW.cost, NEW.contact_areas::jsonb)
                IS DISTINCT FROM (OLD.title, OLD.summary, OLD.content, OLD.cost, OLD.contact_areas::jsonb)
            AND NEW.review_status = OLD.review_status)) THEN
        PERFORM lotse_refuse(
            'Only reviewers for “{language}”, the agency import right for “{language}” and administrators may mark “{language}” texts checked or approved (or change approved ones).',
            jsonb_build_object('language', NEW.language_code));
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
        PERFORM lotse_refuse('The author recorded is always the person logged in ({person}), not “{author}”.',
                             jsonb_build_object('person', session_user, 'author', NEW.author));
    END IF;
    NEW.author := session_user;
    RETURN NEW;
END $$;

-- Drafts: each person's own (the author is the login), of an item they may edit or whose texts
-- they review; a draft of a new item needs the editor right.
CREATE OR REPLACE FUNCTION lotse_draft_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r draft := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF TG_OP = 'DELETE' AND OLD.offer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM offer WHERE id = OLD.offer_id) THEN
        RETURN OLD;  -- the item itself was deleted (by someone allowed to)
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.author <> session_user AND NOT lotse_is('lotse_admin') THEN
        PERFORM lotse_refuse('A draft belongs to the person who wrote it ({author}).',
                             jsonb_build_object('author', OLD.author));
    END IF;
    IF TG_OP <> 'DELETE' AND NOT (
        CASE WHEN r.offer_id IS NULL THEN lotse_is('lotse_editor') OR lotse_is('lotse_admin')
             ELSE lotse_may_edit_offer(r.offer_id) OR lotse_is('lotse_reviewer') END) THEN
        PERFORM lotse_refuse('Only editors for {place}, reviewers and administrators may keep a draft of item {offer}.',
                             jsonb_build_object('place', lotse_offer_place(r.offer_id), 'offer', r.offer_id));
    END IF;
    RETURN r;
END $$;

-- To-dos left on an item (by an import): the item's editors and administrators.
CREATE OR REPLACE FUNCTION lotse_todo_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r offer_todo := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM offer WHERE id = OLD.offer_id) THEN
        RETURN OLD;  -- the item itself was deleted (by someone allowed to)
    END IF;
    IF NOT lotse_may_edit_offer(r.offer_id) OR (TG_OP = 'UPDATE' AND NOT lotse_may_edit_offer(OLD.offer_id)) THEN
        PERFORM lotse_refuse('Only editors for {place} and administrators may change the to-dos of item {offer}.',
                             jsonb_build_object('place', lotse_offer_place(r.offer_id), 'offer', r.offer_id));
    END IF;
    RETURN r;
END $$;

-- The translation memory: what a translation service answered is stored by whoever translates
-- (a new entry whose provider is a configured service); every other entry, and any change
-- or removal, only by reviewers for the target language and administrators.
CREATE OR REPLACE FUNCTION lotse_memory_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r translation_memory := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF lotse_may_review(r.target_language) AND (TG_OP <> 'UPDATE' OR lotse_may_review(OLD.target_language)) THEN
        RETURN r;
    END IF;
    -- The services Lotse speaks to (desktop/translation/providers.py) and any configured one.
    IF TG_OP = 'INSERT' AND lotse_is('lotse_editor')
       AND (r.provider IN ('libretranslate', 'deepl', 'google', 'microsoft', 'mymemory')
            OR EXISTS (SELECT 1 FROM translation_service s WHERE s.name = r.provider)) THEN
        RETURN r;
    END IF;
    PERFORM lotse_refuse('Only reviewers for “{language}” and administrators may change the translation memory for “{language}”; a machine translation is stored by whoever translates.',
                         jsonb_build_object('language', r.target_language));
    RETURN NULL;
END $$;

-- The glossary: reviewers for the target language and administrators; a term for every
-- language ("*") any reviewer.
CREATE OR REPLACE FUNCTION lotse_glossary_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r glossary_term := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    allowed boolean;
BEGIN
    allowed := CASE WHEN r.target_language = '*' THEN lotse_is('lotse_admin') OR lotse_is('lotse_reviewer')
                    ELSE lotse_may_review(r.target_language) END;
    IF TG_OP = 'UPDATE' AND OLD.target_language IS DISTINCT FROM NEW.target_language THEN
        allowed := allowed AND (lotse_may_review(OLD.target_language)
                                OR (OLD.target_language = '*' AND lotse_is('lotse_reviewer')));
    END IF;
    IF NOT allowed THEN
        PERFORM lotse_refuse('Only reviewers for “{language}” and administrators may change the glossary for “{language}”.',
                             jsonb_build_object('language', r.target_language));
    END IF;
    RETURN r;
END $$;

DROP TRIGGER IF EXISTS lotse_guard ON draft;
CREATE TRIGGER lotse_guard BEFORE INSERT OR UPDATE OR DELETE ON draft
    FOR EACH ROW EXECUTE FUNCTION lotse_draft_guard();
DROP TRIGGER IF EXISTS lotse_guard ON offer_todo;
CREATE TRIGGER lotse_guard BEFORE INSERT OR UPDATE OR DELETE ON offer_todo
    FOR EACH ROW EXECUTE FUNCTION lotse_todo_guard();
DROP TRIGGER IF EXISTS lotse_guard ON translation_memory;
CREATE TRIGGER lotse_guard BEFORE INSERT OR UPDATE OR DELETE ON translation_memory
    FOR EACH ROW EXECUTE FUNCTION lotse_memory_guard();
DROP TRIGGER IF EXISTS lotse_guard ON glossary_term;
CREATE TRIGGER lotse_guard BEFORE INSERT OR UPDATE OR DELETE ON glossary_term
    FOR EACH ROW EXECUTE FUNCTION lotse_glossary_guard();

-- A person's own drafts are theirs alone (the policy hides the others').
ALTER TABLE draft ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS lotse_own ON draft;
CREATE POLICY lotse_own ON draft USING (author = session_user) WITH CHECK (author = session_user);

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
                             'glossary_term', 'import_memory', 'cms_base'] LOOP
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
                             'category', 'offer_confirmation', 'lotse_scope', 'translation_service', 'offer_todo',
                             'glossary_term'] LOOP
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
