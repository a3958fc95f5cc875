-- pgbench: the statement the source used before it read plain rows (kept for comparison): every table as one
-- JSON column, built on the server; activity trimmed to the columns the prompt shows.
\set n random(1, 10000)
SELECT id AS u FROM bench_users WHERE n = :n \gset
SELECT EXISTS (SELECT 1 FROM auth.users WHERE id = :u::uuid) AS known_user,
 (SELECT coalesce(json_agg(t ORDER BY t.key), '[]')::text AS rows FROM (
    SELECT id, key, value, source, confidence, created_at, updated_at
    FROM user_context WHERE user_id = :u::uuid) t) AS a,
 (SELECT coalesce(json_agg(t ORDER BY t.updated_at DESC, t.id), '[]')::text AS rows FROM (
    SELECT id, title, status, schedule, recipient_context, next_run_at, updated_at
    FROM deliverables WHERE user_id = :u::uuid AND status = 'active') t) AS b,
 (SELECT coalesce(json_agg(t ORDER BY t.platform), '[]')::text AS rows FROM (
    SELECT id, platform, status, last_synced_at, settings
    FROM platform_connections WHERE user_id = :u::uuid) t) AS c,
 (SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
    SELECT id, created_at, summary FROM chat_sessions
    WHERE user_id = :u::uuid AND summary IS NOT NULL AND created_at >= now() - interval '7 days') t) AS d,
 (SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
    SELECT id, summary, created_at FROM activity_log
    WHERE user_id = :u::uuid AND created_at >= now() - interval '7 days') t) AS e;
