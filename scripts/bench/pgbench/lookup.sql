-- pgbench: one trivial statement (a random seeded user's id), the round trip every script below also pays.
\set n random(1, 10000)
SELECT id AS u FROM bench_users WHERE n = :n \gset
