-- Per-user data versions, kept exact by the database, so that `wm serve` can keep a rendered answer for as
-- long as the data behind it is unchanged (docs/ARCHITECTURE.md, "The render cache").
--
-- A user's data version is the pair (epoch, version):
-- - `wm_data_versions.version` is set from one sequence whenever a statement changes any of the user's
--   rows in the six source tables (auth.users, user_context, deliverables, platform_connections,
--   chat_sessions, activity_log). A value is never handed out twice, so a committed change always gives
--   the user a version no earlier state had. A user without a row has version 0: nothing changed since
--   this migration (no backfill is needed).
-- - `wm_data_epoch.epoch` is set from the same sequence by every TRUNCATE of those tables, which changes
--   every user at once without touching a row per user.
-- The reader reads both in the same snapshot as the data (PostgresWorkingMemorySource), so a race between a
-- write and a read can make a cached answer miss, never make it stale.
--
-- The bumps run in statement-level triggers with transition tables: a batch of 1,000 events bumps each of
-- its users once. Within a statement the users' rows are locked in user_id order, so concurrent statements
-- cannot deadlock on them. (A transaction that changes several users in several statements locks their
-- version rows statement by statement, like any other rows it writes.) The functions are SECURITY DEFINER
-- with an empty search_path and schema-qualified names, so row-level security cannot block a bump and no
-- object on a caller's search_path can stand in for the ones they use. Rows of deleted users stay (their
-- last bump is what makes a re-created user differ); each is 40 bytes or so.

CREATE SEQUENCE public.wm_data_version_seq AS bigint;

CREATE TABLE public.wm_data_versions (
    user_id uuid PRIMARY KEY,
    version bigint NOT NULL
) WITH (fillfactor = 70); -- room for HOT updates: a bump rewrites the row, never the index

CREATE TABLE public.wm_data_epoch (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch bigint NOT NULL
);
INSERT INTO public.wm_data_epoch (epoch) VALUES (0);

-- Only the functions below write these tables; the service role reads them (it bypasses RLS).
ALTER TABLE public.wm_data_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.wm_data_epoch ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON public.wm_data_versions, public.wm_data_epoch FROM PUBLIC;
GRANT SELECT ON public.wm_data_versions, public.wm_data_epoch TO service_role;

-- Gives each of `users` a new version, locking their rows in user_id order.
CREATE FUNCTION public.wm_bump_data_versions(users uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$
    INSERT INTO public.wm_data_versions AS v (user_id, version)
    SELECT u.id, pg_catalog.nextval('public.wm_data_version_seq')
    FROM (SELECT DISTINCT id FROM pg_catalog.unnest(users) AS t(id) WHERE id IS NOT NULL ORDER BY id) AS u
    ORDER BY u.id
    ON CONFLICT (user_id) DO UPDATE SET version = EXCLUDED.version
$$;

-- Trigger functions: one per kind of transition table (a trigger with transition tables has one event).
-- Each reads the user column of the changed rows: `user_id`, or `id` for auth.users (TG_ARGV[0]).
CREATE FUNCTION public.wm_data_changed_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    IF TG_ARGV[0] = 'id' THEN
        PERFORM public.wm_bump_data_versions(ARRAY(SELECT id FROM new_rows));
    ELSE
        PERFORM public.wm_bump_data_versions(ARRAY(SELECT user_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION public.wm_data_changed_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    -- Both the old and the new owner change when an update moves a row from one user to another.
    IF TG_ARGV[0] = 'id' THEN
        PERFORM public.wm_bump_data_versions(ARRAY(SELECT id FROM old_rows UNION SELECT id FROM new_rows));
    ELSE
        PERFORM public.wm_bump_data_versions(ARRAY(SELECT user_id FROM old_rows UNION SELECT user_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION public.wm_data_changed_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    IF TG_ARGV[0] = 'id' THEN
        PERFORM public.wm_bump_data_versions(ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM public.wm_bump_data_versions(ARRAY(SELECT user_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION public.wm_data_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    UPDATE public.wm_data_epoch SET epoch = pg_catalog.nextval('public.wm_data_version_seq');
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION public.wm_bump_data_versions(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.wm_data_changed_inserted(), public.wm_data_changed_updated(),
    public.wm_data_changed_deleted(), public.wm_data_truncated() FROM PUBLIC;

-- The triggers, four per table.
DO $$
DECLARE
    target record;
BEGIN
    FOR target IN
        SELECT * FROM (VALUES
            ('auth.users', 'users', 'id'),
            ('user_context', 'user_context', 'user_id'),
            ('deliverables', 'deliverables', 'user_id'),
            ('platform_connections', 'platform_connections', 'user_id'),
            ('chat_sessions', 'chat_sessions', 'user_id'),
            ('activity_log', 'activity_log', 'user_id')
        ) AS t(relation, stem, user_column)
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION public.wm_data_changed_inserted(%L)',
            'wm_' || target.stem || '_inserted', target.relation, target.user_column);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION public.wm_data_changed_updated(%L)',
            'wm_' || target.stem || '_updated', target.relation, target.user_column);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION public.wm_data_changed_deleted(%L)',
            'wm_' || target.stem || '_deleted', target.relation, target.user_column);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER TRUNCATE ON %s '
            'FOR EACH STATEMENT EXECUTE FUNCTION public.wm_data_truncated()',
            'wm_' || target.stem || '_truncated', target.relation);
    END LOOP;
END
$$;
