-- Session start reads a user's activity inside the lookback window: the (user_id, created_at) range, and
-- only the columns the prompt shows (id, summary, created_at). With id and summary in the index that read is
-- an index-only scan: it no longer visits one heap page per event. The key is the one of
-- activity_log_user_created_idx, which this index replaces (every query that used it can use this one).
-- Size: summary is at most 500 characters (activity_log_summary_check), so at most 2,000 bytes, and an
-- index entry stays under btree's limit of about 2,700 bytes; metadata (up to 16 KiB) is not included.
-- On a large table this build blocks writes to activity_log for its duration (about 1.2 s per million rows
-- on the development machine); run it in a quiet period, or create the index CONCURRENTLY by hand first.
CREATE INDEX IF NOT EXISTS activity_log_user_created_covering_idx
    ON activity_log (user_id, created_at DESC) INCLUDE (id, summary);
DROP INDEX IF EXISTS activity_log_user_created_idx;
