-- The activity log: an append-only record of what the system did for a user.
-- Event types must equal WorkingMemory.ActivityEventType (a test compares the two).

CREATE TABLE activity_log (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    event_type text NOT NULL,
    event_ref uuid,
    summary text NOT NULL,
    metadata jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- user_id leads the key so the table can be distributed by user (Citus) unchanged.
    PRIMARY KEY (user_id, id),
    CONSTRAINT activity_log_event_type_check CHECK (event_type IN (
        'deliverable_run', 'memory_written', 'platform_synced', 'chat_session',
        'integration_connected', 'integration_disconnected', 'deliverable_approved', 'deliverable_rejected'
    )),
    CONSTRAINT activity_log_summary_check CHECK (char_length(summary) BETWEEN 1 AND 500),
    CONSTRAINT activity_log_metadata_check CHECK (metadata IS NULL OR jsonb_typeof(metadata) = 'object')
);

CREATE INDEX activity_log_user_created_idx ON activity_log (user_id, created_at DESC);
CREATE INDEX activity_log_user_type_created_idx ON activity_log (user_id, event_type, created_at DESC);
-- Retention scans by age across all users: BRIN is tiny for an append-only, time-ordered table.
CREATE INDEX activity_log_created_brin ON activity_log USING brin (created_at);

-- Append-only: UPDATE is rejected for everyone; DELETE only through the retention path
-- (wm_prune_activity) or a cascade from auth.users (a user's removal).
CREATE FUNCTION activity_log_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'activity_log is append-only: UPDATE is not allowed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF current_setting('wm.activity_retention', true) IS DISTINCT FROM 'on' AND pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'activity_log is append-only: DELETE only through wm_prune_activity()'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER activity_log_append_only
    BEFORE UPDATE OR DELETE ON activity_log
    FOR EACH ROW EXECUTE FUNCTION activity_log_guard();

-- The retention path: deletes at most batch_size events created before cutoff; returns how many.
CREATE FUNCTION wm_prune_activity(cutoff timestamptz, batch_size bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    deleted integer;
BEGIN
    PERFORM set_config('wm.activity_retention', 'on', true);
    DELETE FROM activity_log a
    USING (
        SELECT user_id, id FROM activity_log
        WHERE created_at < cutoff
        LIMIT batch_size
    ) old
    WHERE a.user_id = old.user_id AND a.id = old.id;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('wm.activity_retention', 'off', true);
    RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION wm_prune_activity(timestamptz, bigint) FROM PUBLIC;

-- Row-level security: users read their own events; writes are for the service role only.
ALTER TABLE activity_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY activity_log_read_own ON activity_log FOR SELECT TO authenticated
    USING (user_id = auth.uid());
GRANT SELECT ON activity_log TO authenticated;
GRANT SELECT, INSERT ON activity_log TO service_role;
