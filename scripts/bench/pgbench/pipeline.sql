-- pgbench: the source's session-start read (PostgresWorkingMemorySource.fetchBlocking): the user check and the five
-- table reads as plain rows, in one pipeline with one sync point; activity trimmed to the columns the prompt
-- shows (an index-only scan with migration 004).
\set n random(1, 10000)
SELECT id AS u FROM bench_users WHERE n = :n \gset
\startpipeline
SELECT EXISTS (SELECT 1 FROM auth.users WHERE id = :u::uuid) AS known_user;
SELECT id, key, value, source, confidence, created_at, updated_at
    FROM user_context WHERE user_id = :u::uuid ORDER BY key;
SELECT id, title, status, schedule, recipient_context, next_run_at, updated_at
    FROM deliverables WHERE user_id = :u::uuid AND status = 'active' ORDER BY updated_at DESC, id;
SELECT id, platform, status, last_synced_at, settings
    FROM platform_connections WHERE user_id = :u::uuid ORDER BY platform;
SELECT id, created_at, summary FROM chat_sessions
    WHERE user_id = :u::uuid AND summary IS NOT NULL AND created_at >= now() - interval '7 days' ORDER BY created_at DESC, id;
SELECT id, summary, created_at FROM activity_log
    WHERE user_id = :u::uuid AND created_at >= now() - interval '7 days' ORDER BY created_at DESC, id;
\endpipeline
