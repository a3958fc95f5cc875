-- pgbench (-M prepared): one event appended, as ActivityLogStore.write(_:) sends it (one statement; the id is
-- made here rather than by the caller, and a random seeded user is looked up in the same statement).
\set n random(1, 10000)
INSERT INTO activity_log (id, user_id, event_type, event_ref, summary, metadata, created_at)
VALUES (gen_random_uuid(), (SELECT id FROM bench_users WHERE n = :n), 'platform_synced', NULL::uuid,
        'trigger cost single', '{"item_count": 1}'::jsonb, coalesce(NULL::timestamptz, now()))
ON CONFLICT (user_id, id) DO NOTHING;
