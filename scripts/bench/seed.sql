-- Benchmark data: 10,000 users, each with a profile, preferences, facts, 7 deliverables, 4 platforms,
-- 6 chat sessions and 100 activity events spread over the last 30 days (1,000,000 events in all).
INSERT INTO auth.users (id) SELECT gen_random_uuid() FROM generate_series(1, 10000);

INSERT INTO user_context (user_id, key, value, source)
SELECT u.id, k.key, k.value, 'user_stated'
FROM auth.users u CROSS JOIN (VALUES
    ('name', 'Alex Rivera'), ('role', 'Head of Product'), ('company', 'Northwind Labs'),
    ('timezone', 'America/New_York'), ('summary', 'Leads a product team shipping a B2B analytics tool.'),
    ('tone_slack', 'casual'), ('verbosity_slack', 'brief'), ('preference:meetings', 'No meetings before 10am'),
    ('fact:launch', 'Q3 launch of the Insights dashboard is the top priority'),
    ('fact:team', 'Manages Priya (design) and Tom (engineering)'),
    ('instruction:metrics', 'Round metrics to one decimal')) AS k(key, value);

INSERT INTO deliverables (user_id, title, status, schedule, recipient_context, updated_at)
SELECT u.id, 'Report ' || g, CASE WHEN g <= 7 THEN 'active' ELSE 'paused' END,
       jsonb_build_object('frequency', 'weekly'), jsonb_build_object('name', 'Team ' || g),
       now() - g * interval '1 day'
FROM auth.users u, generate_series(1, 8) g;

INSERT INTO platform_connections (user_id, platform, status, last_synced_at)
SELECT u.id, p.platform, p.status, now() - p.age
FROM auth.users u CROSS JOIN (VALUES
    ('slack', 'connected', interval '20 minutes'), ('gmail', 'connected', interval '5 hours'),
    ('notion', 'active', interval '2 days'), ('calendar', 'error', interval '9 days')) AS p(platform, status, age);

INSERT INTO chat_sessions (user_id, created_at, summary)
SELECT u.id, now() - g * interval '2 days', 'Discussed the launch plan, part ' || g
FROM auth.users u, generate_series(1, 6) g;

INSERT INTO activity_log (user_id, event_type, summary, metadata, created_at)
SELECT u.id, 'platform_synced', 'Synced slack/#general: ' || g || ' items', jsonb_build_object('item_count', g),
       now() - (random() * interval '30 days')
FROM auth.users u, generate_series(1, 100) g;

VACUUM ANALYZE;
